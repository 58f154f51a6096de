"""When a new request for a service may be made (REQ-2, X-4): pure rules over plain data.

Nothing here reads the database or the clock: :mod:`sintren.pengajuan.selectors` loads
the service's rules (:class:`AturanLayanan`), the closed days (:class:`Kalender`) and
today's quota use, and passes the current time. A new request is possible when the
service is

1. active,
2. visible to the current mode (a group-only service only in a group mode),
3. not on a national holiday nor on an office closure day,
4. inside one of its weekly windows (office time, Asia/Jakarta), and
5. not out of today's quota (``kuota_harian`` 0 means no cap).

A service without any weekly window has no time restriction: it is open all day on
every day that is not a holiday or closure day. (Every service of the seed catalogue
has windows; staff may leave them out for a service that should always be open.)

When closed, :func:`buka_berikutnya` looks forward day by day, at most
:data:`CARI_HARI` days, for the next window start on an open day; a quota that ran out
looks from tomorrow (quotas are per day).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext

ZONA = ZoneInfo("Asia/Jakarta")  # the office's time: WIB
CARI_HARI = 30
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

# Why a service is closed (``Ketersediaan.sebab``).
NONAKTIF = "nonaktif"
MODE = "mode"
LIBUR = "libur"
TUTUP = "tutup"
JADWAL = "jadwal"
KUOTA = "kuota"


@dataclass(frozen=True)
class Jendela:
    """A weekly window: ``hari`` 0 (Monday) … 6 (Sunday), from ``mulai`` until ``selesai``."""

    hari: int
    mulai: time
    selesai: time


@dataclass(frozen=True)
class AturanLayanan:
    """The availability rules of one service, as plain data."""

    nama: str
    aktif: bool
    khusus_grup: bool
    kuota_harian: int
    jadwal: tuple[Jendela, ...] = ()
    # For a group-only service: the groups that may use it (empty: every group).
    grup_diizinkan: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Kalender:
    """Days without service: national holidays and office closure days (date → name)."""

    libur: Mapping[date, str]
    tutup: Mapping[date, str]

    def is_closed(self, hari: date) -> bool:
        """Whether ``hari`` is a holiday or a closure day."""
        return hari in self.libur or hari in self.tutup


@dataclass(frozen=True)
class Ketersediaan:
    """Whether a new request may be made now, and if not why and when next.

    ``alasan`` is the Indonesian reason ("" when available); ``buka_berikutnya`` the
    next opening (office time) or ``None`` (not within :data:`CARI_HARI` days, or never
    in this mode); ``sisa_kuota`` today's remaining slots, ``None`` without a cap;
    ``sebab`` names the rule that closed it (:data:`KUOTA`, :data:`JADWAL`, …).
    """

    tersedia: bool
    alasan: str
    buka_berikutnya: datetime | None
    sisa_kuota: int | None
    sebab: str = ""


def _jam(value: time) -> str:
    return value.strftime("%H.%M")


def _windows_on(aturan: AturanLayanan, hari: date) -> list[Jendela]:
    if not aturan.jadwal:  # no restriction: the whole day
        return [Jendela(hari.weekday(), time(0, 0), time.max)]
    return sorted((w for w in aturan.jadwal if w.hari == hari.weekday()), key=lambda w: w.mulai)


def dalam_jadwal(aturan: AturanLayanan, waktu: datetime) -> bool:
    """Whether office time ``waktu`` falls in one of the service's windows."""
    lokal = waktu.astimezone(ZONA)
    jam = lokal.time().replace(tzinfo=None)
    return any(w.mulai <= jam < w.selesai for w in _windows_on(aturan, lokal.date()))


def buka_berikutnya(
    aturan: AturanLayanan, *, sekarang: datetime, kalender: Kalender, mulai_besok: bool = False
) -> datetime | None:
    """The next window start after ``sekarang`` on an open day, within :data:`CARI_HARI`.

    With ``mulai_besok`` the search starts tomorrow (today's quota is used up).
    """
    lokal = sekarang.astimezone(ZONA)
    for offset in range(1 if mulai_besok else 0, CARI_HARI + 1):
        hari = lokal.date() + timedelta(days=offset)
        if kalender.is_closed(hari):
            continue
        for window in _windows_on(aturan, hari):
            awal = datetime.combine(hari, window.mulai, tzinfo=ZONA)
            if awal > lokal:
                return awal
    return None


def _sisa(aturan: AturanLayanan, terpakai: int) -> int | None:
    if aturan.kuota_harian <= 0:
        return None
    return max(0, aturan.kuota_harian - terpakai)


def _jadwal_alasan(aturan: AturanLayanan, hari: date) -> str:
    today = [w for w in aturan.jadwal if w.hari == hari.weekday()]
    if not today:
        return gettext("Tidak ada jadwal pengajuan pada hari %(hari)s.") % {
            "hari": HARI[hari.weekday()]
        }
    jam = ", ".join(
        f"{_jam(w.mulai)}–{_jam(w.selesai)}" for w in sorted(today, key=lambda w: w.mulai)
    )
    return gettext("Di luar jam pengajuan. Jadwal hari ini: %(jam)s WIB.") % {"jam": jam}


def ketersediaan(
    aturan: AturanLayanan,
    *,
    sekarang: datetime,
    mode_grup: bool,
    terpakai: int,
    kalender: Kalender,
    grup_id: int | None = None,
) -> Ketersediaan:
    """Whether a new request for the service may be made at ``sekarang`` (REQ-2).

    ``mode_grup``: the applicant works in a group mode (``grup_id``: that group);
    ``terpakai``: requests already created today (office date) for the service.
    """
    if not aturan.aktif:
        alasan = gettext("Layanan ini sedang tidak menerima pengajuan.")
        return Ketersediaan(False, alasan, None, None, NONAKTIF)
    if aturan.khusus_grup and not mode_grup:
        alasan = gettext(
            "Layanan ini khusus untuk Grup Pemohon. Ganti mode ke grup Anda untuk mengajukan."
        )
        return Ketersediaan(False, alasan, None, None, MODE)
    if aturan.khusus_grup and aturan.grup_diizinkan and grup_id not in aturan.grup_diizinkan:
        alasan = gettext(
            "Layanan ini khusus untuk grup pemohon tertentu; grup Anda tidak termasuk."
        )
        return Ketersediaan(False, alasan, None, None, MODE)
    hari = sekarang.astimezone(ZONA).date()
    sisa = _sisa(aturan, terpakai)
    habis = sisa == 0

    def tutup(alasan: str, sebab: str) -> Ketersediaan:
        buka = buka_berikutnya(aturan, sekarang=sekarang, kalender=kalender, mulai_besok=habis)
        return Ketersediaan(False, alasan, buka, sisa, sebab)

    if hari in kalender.libur:
        return tutup(
            gettext("Hari ini libur nasional: %(nama)s.") % {"nama": kalender.libur[hari]}, LIBUR
        )
    if hari in kalender.tutup:
        return tutup(
            gettext("Kantor Dinas tutup hari ini: %(keterangan)s.")
            % {"keterangan": kalender.tutup[hari]},
            TUTUP,
        )
    if not dalam_jadwal(aturan, sekarang):
        return tutup(_jadwal_alasan(aturan, hari), JADWAL)
    if habis:
        return tutup(kuota_habis_alasan(aturan.nama), KUOTA)
    return Ketersediaan(True, "", None, sisa)


def kuota_habis_alasan(nama: str) -> str:
    """The reason shown when today's quota of service ``nama`` is used up."""
    return gettext("Kuota pengajuan %(nama)s hari ini sudah habis.") % {"nama": nama}
