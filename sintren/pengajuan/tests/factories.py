"""factory_boy factories of the requests, with a trait per status."""

from __future__ import annotations

from typing import Any

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from sintren.accounts.tests.factories import PemohonFactory, nik_for
from sintren.catalog.tests.factories import LayananFactory
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.models import Pengajuan, RiwayatStatus, subjek_kunci_of

Status = StatusPengajuan


class PengajuanFactory(DjangoModelFactory[Pengajuan]):
    """A draft request of an active applicant for a subject of the applicant's family.

    Traits set the status as the services would have left it: ``dikirim``,
    ``diproses``, ``perbaikan``, ``ditolak``, ``terbit``, ``siap_diambil``, ``selesai``,
    ``dihapus``. A history row for the status is written too.
    """

    class Meta:
        model = Pengajuan
        skip_postgeneration_save = True

    kode = factory.Sequence(lambda n: f"UJI3326{n:04d}")
    layanan = factory.SubFactory(LayananFactory)
    pemohon = factory.SubFactory(PemohonFactory, aktif=True)
    grup = None
    subjek_nik = factory.Sequence(lambda n: nik_for(7000 + n))
    subjek_nama = factory.Sequence(lambda n: f"Anak Uji {chr(65 + n % 26)}")
    subjek_nomor_kk = factory.LazyAttribute(lambda o: o.pemohon.nomor_kk)
    subjek_kunci = factory.LazyAttribute(
        lambda o: subjek_kunci_of(nik=o.subjek_nik, nomor_kk=o.subjek_nomor_kk, nama=o.subjek_nama)
    )
    nomor_hp = factory.LazyAttribute(lambda o: o.pemohon.nomor_hp)
    email = factory.LazyAttribute(lambda o: o.pemohon.email)
    detail = "Permohonan untuk pengujian."
    status = Status.DRAF

    class Params:
        dikirim = factory.Trait(
            status=Status.DIKIRIM, dikirim_pada=factory.LazyFunction(timezone.now)
        )
        diproses = factory.Trait(status=Status.DIPROSES)
        perbaikan = factory.Trait(status=Status.PERBAIKAN)
        ditolak = factory.Trait(status=Status.DITOLAK)
        terbit = factory.Trait(status=Status.TERBIT)
        siap_diambil = factory.Trait(status=Status.SIAP_DIAMBIL)
        selesai = factory.Trait(status=Status.SELESAI)
        dihapus = factory.Trait(
            status=Status.DIHAPUS, dihapus_pada=factory.LazyFunction(timezone.now)
        )

    @factory.post_generation
    def riwayat(obj: Pengajuan, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        """A history row for the current status (as the services would have written)."""
        if create:
            RiwayatStatus.objects.create(pengajuan=obj, status=obj.status)
