"""Data of the C.2 browser tests, made on the served instance through the real services.

The browser tests talk HTTP to a server with its own database; this module runs inside
``manage.py shell`` against that database (``Dinas`` in ``test_browser_c2.py`` calls
:func:`jalankan`). Everything goes through the services a person would trigger: the
applicant registers, is approved and activates; creates requests, uploads and attaches
the mandatory documents and sends; the demo verifier moves requests on and writes in
the chat. Each call prints one line of JSON: its result.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import secrets
from collections.abc import Callable
from typing import Any

from PIL import Image, ImageDraw

from sintren.accounts.demo_pemohon import DEMO_DESA, demo_pemohon_create
from sintren.accounts.models import Pemohon, User
from sintren.catalog.models import DokumenPersyaratan, FieldTambahan, Layanan
from sintren.chat.services import pesan_kirim
from sintren.documents.models import Berkas
from sintren.documents.services import berkas_upload, datadukung_attach
from sintren.pengajuan.demo import demo_layanan_buka
from sintren.pengajuan.models import Pengajuan
from sintren.pengajuan.services import pengajuan_create, pengajuan_send, pengajuan_transition
from sintren.regions.models import Wilayah

PASSWORD = "Pemohon123"
VERIFIKATOR = "verifikator"  # the demo verifier of the embedded default
LAHIR = dt.date(1991, 2, 14)  # the test applicants' birth date (NIK 332607140291....)


def jawaban_contoh(field: FieldTambahan) -> Any:
    """A plausible answer of the field's type (what the validated form would store)."""
    if field.tipe == FieldTambahan.Tipe.TANGGAL:
        return "2026-01-05"
    if field.tipe == FieldTambahan.Tipe.ANGKA:
        return "1"
    if field.tipe == FieldTambahan.Tipe.PILIHAN:
        return field.pilihan_list[0]
    if field.tipe == FieldTambahan.Tipe.YA_TIDAK:
        return True
    return f"Isian {field.label}"


def foto_contoh(text: str) -> bytes:
    """A readable 'scan' of a few text lines (a JPEG)."""
    image = Image.new("RGB", (900, 600), "white")
    draw = ImageDraw.Draw(image)
    for line in range(12):
        draw.text((30, 30 + line * 45), f"{text} baris {line} " * 3, fill="black")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def _pemohon(nik: str) -> Pemohon:
    return Pemohon.objects.select_related("user").get(nik=nik)


def _petugas() -> User:
    return User.objects.get(username=VERIFIKATOR)


def buka(slugs: list[str]) -> dict[str, str]:
    """Open the services around the clock; ``""`` per slug when open, else the reason."""
    hasil = {}
    for slug in slugs:
        status = demo_layanan_buka(slug)
        hasil[slug] = "" if status.tersedia else f"{status.sebab}: {status.alasan}"
    return hasil


def pemohon() -> dict[str, str]:
    """A fresh active applicant (registered, approved, activated) with its own family card."""
    desa = Wilayah.objects.get(code=DEMO_DESA)
    while True:
        serial = f"{secrets.randbelow(9000) + 1000}"
        nik = f"332607{LAHIR:%d%m%y}{serial}"
        if not Pemohon.objects.filter(nik=nik).exists():
            break
    entry: dict[str, Any] = {
        "nik": nik,
        "nama": f"Pemohon Uji {serial}",
        "status": "aktif",
        "lahir": LAHIR,
        "jk": "L",
        "hp": f"+628139{serial}{secrets.randbelow(1000):03d}",
    }
    created = demo_pemohon_create(entry, desa, _petugas())
    return {"nik": nik, "password": PASSWORD, "nama": entry["nama"], "kk": created.nomor_kk}


def _lampirkan(pengajuan: Pengajuan, pemohon_: Pemohon) -> None:
    """Upload one scan to the applicant's account and attach it as every mandatory document."""
    berkas = Berkas.objects.filter(pemohon=pemohon_).first()
    if berkas is None:
        data = foto_contoh(f"Dokumen {pemohon_.nik}")
        berkas = berkas_upload(
            actor=pemohon_.user,
            pemohon=pemohon_,
            file=io.BytesIO(data),
            name="dokumen.jpg",
            size=len(data),
        )
    for dokumen in DokumenPersyaratan.objects.filter(layanan=pengajuan.layanan, wajib=True):
        datadukung_attach(actor=pemohon_.user, pengajuan=pengajuan, dokumen=dokumen, berkas=berkas)


def pengajuan(nik: str, daftar: list[dict[str, Any]]) -> list[str]:
    """Requests of the applicant ``nik``, in order; their codes.

    Each item: ``slug``, ``nama`` (the subject), optionally ``subjek_nik`` and ``kirim``
    (attach the mandatory documents and send it).
    """
    pemohon_ = _pemohon(nik)
    kode = []
    for item in daftar:
        layanan = Layanan.objects.get(slug=item["slug"])
        fields = FieldTambahan.objects.filter(layanan=layanan)
        created = pengajuan_create(
            actor=pemohon_.user,
            pemohon=pemohon_,
            grup=None,
            layanan=layanan,
            data={
                "subjek_nik": item.get("subjek_nik", ""),
                "subjek_nama": item["nama"],
                "subjek_nomor_kk": pemohon_.nomor_kk,
                "nomor_hp": pemohon_.nomor_hp,
                "email": pemohon_.email,
                "detail": f"Permohonan {layanan.nama} untuk {item['nama']}.",
                "data_tambahan": {f.nama: jawaban_contoh(f) for f in fields},
            },
        )
        if item.get("kirim"):
            kirim(created.kode)
        kode.append(created.kode)
    return kode


def kirim(kode: str) -> str:
    """The applicant sends the draft, its mandatory documents attached first."""
    target = Pengajuan.objects.select_related("pemohon__user", "layanan").get(kode=kode)
    _lampirkan(target, target.pemohon)
    sent = pengajuan_send(
        actor=target.pemohon.user, pengajuan=target, pilihan_dokumen=None, persetujuan=True
    )
    return str(sent.status)


def petugas(kode: str, ke: str, catatan: str = "") -> str:
    """The demo verifier moves the request to status ``ke``."""
    target = Pengajuan.objects.get(kode=kode)
    return str(
        pengajuan_transition(pengajuan=target, to=ke, actor=_petugas(), catatan=catatan).status
    )


def pesan(kode: str, isi: str) -> int:
    """The demo verifier writes in the request's chat; the message's id."""
    return pesan_kirim(actor=_petugas(), pengajuan=Pengajuan.objects.get(kode=kode), isi=isi).pk


PERINTAH: dict[str, Callable[..., Any]] = {
    "buka": buka,
    "pemohon": pemohon,
    "pengajuan": pengajuan,
    "kirim": kirim,
    "petugas": petugas,
    "pesan": pesan,
}


def jalankan(perintah: str, argumen: str) -> None:
    """Run one of :data:`PERINTAH` with the JSON ``argumen``; print the result as JSON."""
    hasil = PERINTAH[perintah](**json.loads(argumen))
    print(json.dumps(hasil))  # noqa: T201 - the caller reads stdout
