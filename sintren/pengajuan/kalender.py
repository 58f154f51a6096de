"""Working days of the office and the expected completion date of a request (X-5).

One place for both the applicant's receipt (*Perkiraan Selesai*) and the back office's
overdue lists, so the two never disagree. Everything is in office time (Asia/Jakarta).

A **working day** is Monday to Friday that is neither an Indonesian national holiday
(the ``holidays`` package, public category, Indonesian names) nor an office closure day
(:class:`sintren.catalog.models.HariTutup`).

The **expected completion date** counts ``Layanan.target_hari_kerja`` working days,
the first of them being the day the request was sent when it was sent on a working day
before the end of the service's hours that day (the end of its last
:class:`~sintren.catalog.models.JadwalLayanan` window; a service without windows has no
hours, so the whole day counts). Sent later, or on a day that is not a working day, or
on a working day without a window of the service, counting starts at the next working
day. So a 3-day service sent on Monday 10.00 is expected on Wednesday; sent on Monday
18.00, on Thursday; sent on Saturday, on the Wednesday after.

:func:`tanggal_selesai` is pure (plain data in, a date out); :func:`kalender_kerja_load`
reads the closure days of a date range once, so a list of many requests (the back
office) loads one :class:`Kalender` over the whole range and counts each request with
:func:`tanggal_selesai`. :func:`tanggal_selesai_perkiraan` does both for one request.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays

from sintren.catalog.models import HariTutup, Layanan
from sintren.pengajuan.availability import ZONA, Jendela, Kalender

SABTU = 5  # date.weekday(): Monday 0 … Sunday 6; Saturday and Sunday are off
# Closure days are read this many calendar days past the last weekday the target
# could need; a longer run of closures makes the loader read further (rare).
CADANGAN_HARI = 45
MAKS_MUAT_ULANG = 4


# --- national holidays ----------------------------------------------------------------------
@lru_cache(maxsize=8)
def _libur_tahun(tahun: int) -> dict[date, str]:
    """Indonesia's national holidays of one year, with their Indonesian names."""
    return {
        day: str(name)
        for day, name in holidays.country_holidays("ID", years=tahun, language="id").items()
    }


def libur_nasional(dari: date, sampai: date) -> dict[date, str]:
    """National holidays from ``dari`` to ``sampai`` (inclusive), by date."""
    found: dict[date, str] = {}
    for tahun in range(dari.year, sampai.year + 1):
        found.update({d: n for d, n in _libur_tahun(tahun).items() if dari <= d <= sampai})
    return found


def kalender_kerja_load(dari: date, sampai: date) -> Kalender:
    """The national holidays and closure days from ``dari`` to ``sampai`` (one query)."""
    tutup = dict(
        HariTutup.objects.filter(tanggal__range=(dari, sampai)).values_list("tanggal", "keterangan")
    )
    return Kalender(libur=libur_nasional(dari, sampai), tutup=tutup)


# --- counting (pure) ------------------------------------------------------------------------
def is_hari_kerja(hari: date, kalender: Kalender) -> bool:
    """Whether ``hari`` is a working day: a weekday, not a holiday, not a closure day."""
    return hari.weekday() < SABTU and not kalender.is_closed(hari)


def hari_kerja_berikutnya(hari: date, kalender: Kalender) -> date:
    """The first working day after ``hari``."""
    hari += timedelta(days=1)
    while not is_hari_kerja(hari, kalender):
        hari += timedelta(days=1)
    return hari


def _akhir_jam_layanan(jadwal: Iterable[Jendela], hari: date) -> time | None:
    """When the service's hours end on ``hari``; ``None``: no window that day.

    A service without any window has no hours: the whole day counts.
    """
    windows = list(jadwal)
    if not windows:
        return time.max
    ends = [w.selesai for w in windows if w.hari == hari.weekday()]
    return max(ends) if ends else None


def hari_mulai_hitung(
    jadwal: Iterable[Jendela], dikirim_pada: datetime, kalender: Kalender
) -> date:
    """The first working day counted for a request sent at ``dikirim_pada``."""
    lokal = dikirim_pada.astimezone(ZONA)
    hari = lokal.date()
    akhir = _akhir_jam_layanan(jadwal, hari)
    jam = lokal.time().replace(tzinfo=None)
    if is_hari_kerja(hari, kalender) and akhir is not None and jam < akhir:
        return hari
    return hari_kerja_berikutnya(hari, kalender)


def tanggal_selesai(
    *,
    target_hari_kerja: int,
    jadwal: Iterable[Jendela],
    dikirim_pada: datetime,
    kalender: Kalender,
) -> date:
    """The ``target_hari_kerja``-th working day from the first counted day (pure).

    ``kalender`` must hold the holidays and closure days from the sending date up to
    the result (:func:`kalender_kerja_load`); a target below 1 counts as 1.
    """
    hari = hari_mulai_hitung(jadwal, dikirim_pada, kalender)
    for _ in range(max(1, target_hari_kerja) - 1):
        hari = hari_kerja_berikutnya(hari, kalender)
    return hari


def rentang_hitung(dikirim_pada: datetime, target_hari_kerja: int) -> tuple[date, date]:
    """The dates a :class:`Kalender` should cover to count ``target_hari_kerja`` days.

    Generous: every weekend of the period plus :data:`CADANGAN_HARI` days of holidays and
    closures (Lebaran's collective leave is the longest, about ten working days).
    """
    dari = dikirim_pada.astimezone(ZONA).date()
    minggu = max(1, target_hari_kerja) // 5 + 1
    return dari, dari + timedelta(days=minggu * 7 + CADANGAN_HARI)


# --- one request ----------------------------------------------------------------------------
def tanggal_selesai_perkiraan(layanan: Layanan, dikirim_pada: datetime) -> date:
    """*Perkiraan Selesai* of a request for ``layanan`` sent at ``dikirim_pada``.

    Two queries (the service's windows, unless prefetched, and the closure days). When
    the result falls past the loaded range (a long run of closure days), the range is
    widened and the count redone, so the date is always counted on known days.
    """
    jadwal = tuple(Jendela(j.hari, j.jam_mulai, j.jam_selesai) for j in layanan.jadwal.all())
    target = layanan.target_hari_kerja
    dari, sampai = rentang_hitung(dikirim_pada, target)
    for _ in range(MAKS_MUAT_ULANG):
        kalender = kalender_kerja_load(dari, sampai)
        selesai = tanggal_selesai(
            target_hari_kerja=target, jadwal=jadwal, dikirim_pada=dikirim_pada, kalender=kalender
        )
        if selesai <= sampai:
            break
        sampai += (sampai - dari) * 2
    return selesai
