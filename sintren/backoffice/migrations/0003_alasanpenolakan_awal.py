"""The common rejection reasons a new installation starts with (admins edit the list)."""

from django.db import migrations

ALASAN_AWAL = (
    "Nama Ibu belum sesuai dengan yang tercatat di KK",
    "Foto/scan KK tidak terbaca",
    "NIK tidak sesuai dengan KK",
    "Alamat tidak sesuai dengan KK",
    "Tanggal lahir tidak sesuai dengan KK",
)


def seed(apps, schema_editor):
    AlasanPenolakan = apps.get_model("backoffice", "AlasanPenolakan")
    for urutan, teks in enumerate(ALASAN_AWAL, start=1):
        AlasanPenolakan.objects.get_or_create(teks=teks, defaults={"urutan": urutan * 10})


def unseed(apps, schema_editor):
    AlasanPenolakan = apps.get_model("backoffice", "AlasanPenolakan")
    AlasanPenolakan.objects.filter(teks__in=ALASAN_AWAL).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0002_alasanpenolakan"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
    ]
