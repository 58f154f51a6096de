"""Read-side queries of the catalogue and content pages of the back office (BO-4)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from sintren.accounts.models import AnggotaGrup, GrupPemohon
from sintren.catalog.models import HariTutup, Layanan
from sintren.informasi.models import Informasi
from sintren.notifications.choices import Event, Kanal
from sintren.notifications.defaults import DEFAULTS
from sintren.notifications.models import TemplatPesan


def katalog_layanan() -> QuerySet[Layanan]:
    """Every service, active or not, with its category and row counts (a short list)."""
    return (
        Layanan.objects.select_related("kategori")
        .annotate(
            jumlah_dokumen=Count("dokumen", distinct=True),
            jumlah_jadwal=Count("jadwal", distinct=True),
        )
        .order_by("urutan", "nama", "pk")
    )


def hari_tutup_mendatang(hari: dt.date) -> QuerySet[HariTutup]:
    """Closure days from ``hari`` on, soonest first (the unique index on ``tanggal``)."""
    return HariTutup.objects.filter(tanggal__gte=hari).order_by("tanggal", "pk")


def informasi_semua() -> QuerySet[Informasi]:
    """Every information item, newest first, for the staff list."""
    return Informasi.objects.order_by("-diterbitkan", "-pk")


def grup_semua() -> QuerySet[GrupPemohon]:
    """Every applicant group with its region and member counts."""
    return (
        GrupPemohon.objects.select_related("wilayah")
        .annotate(
            jumlah_anggota=Count("anggota", filter=Q(anggota__aktif=True)),
        )
        .order_by("nama", "pk")
    )


def grup_anggota(grup: GrupPemohon) -> QuerySet[AnggotaGrup]:
    """Members of ``grup`` with the applicant and their village (for the NAMA - DESA label)."""
    return (
        AnggotaGrup.objects.filter(grup=grup)
        .select_related("pemohon__wilayah", "ditambahkan_oleh")
        .order_by("pk")
    )


@dataclass(frozen=True)
class TemplatBaris:
    """One event's text on one channel: the staff's row if any, else the built-in text."""

    key: str
    label: str
    channel: str
    channel_label: str
    row: TemplatPesan | None

    @property
    def aktif(self) -> bool:
        return self.row is None or self.row.aktif


def templat_daftar() -> list[TemplatBaris]:
    """Every (event, channel) that sends a message, in the order of ``Event``."""
    rows = {(row.key, row.channel): row for row in TemplatPesan.objects.all()}
    order = {value: index for index, value in enumerate(Event.values)}
    pairs = sorted(
        {(d.key, d.channel) for d in DEFAULTS}, key=lambda p: (order.get(p[0], 99), p[1])
    )
    return [
        TemplatBaris(
            key=key,
            label=str(Event(key).label),
            channel=channel,
            channel_label=str(Kanal(channel).label),
            row=rows.get((key, channel)),
        )
        for key, channel in pairs
    ]
