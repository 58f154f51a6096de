"""REQ-2, X-4: when a new request may be made, why not, and when it opens next.

The rules are pure functions (``availability.py``); the selector feeds them the
catalogue, the closure days, Indonesia's holidays and today's quota use.
"""

from __future__ import annotations

import datetime as dt

import pytest
from freezegun import freeze_time

from sintren.catalog.models import JadwalLayanan, Layanan
from sintren.catalog.tests.factories import HariTutupFactory, JadwalLayananFactory, LayananFactory
from sintren.pengajuan import availability as av
from sintren.pengajuan.kalender import libur_nasional
from sintren.pengajuan.models import KuotaHarian
from sintren.pengajuan.selectors import ketersediaan_layanan, ketersediaan_semua

WIB = av.ZONA
KANTOR = tuple(
    av.Jendela(hari, dt.time(7, 30), dt.time(16, 0) if hari < 4 else dt.time(11, 0))
    for hari in range(5)
)  # Monday-Thursday 07.30-16.00, Friday 07.30-11.00
ATURAN = av.AturanLayanan(
    nama="Akta Kelahiran", aktif=True, khusus_grup=False, kuota_harian=20, jadwal=KANTOR
)
KOSONG = av.Kalender(libur={}, tutup={})


def wib(*parts: int) -> dt.datetime:
    """An office-time (WIB) moment from year, month, day[, hour, minute, second]."""
    return dt.datetime(*parts).replace(tzinfo=WIB)  # type: ignore[arg-type]


def cek(aturan=ATURAN, *, sekarang, mode_grup=False, terpakai=0, kalender=KOSONG):
    return av.ketersediaan(
        aturan, sekarang=sekarang, mode_grup=mode_grup, terpakai=terpakai, kalender=kalender
    )


# --- pure rules ------------------------------------------------------------------------------
def test_open_inside_a_window_with_the_quota_left():
    hasil = cek(sekarang=wib(2026, 12, 2, 10, 0), terpakai=5)  # Wednesday
    assert hasil == av.Ketersediaan(True, "", None, 15)


def test_window_edges_in_office_time():
    assert cek(sekarang=wib(2026, 12, 2, 7, 30)).tersedia
    assert not cek(sekarang=wib(2026, 12, 2, 7, 29, 59)).tersedia
    assert cek(sekarang=wib(2026, 12, 2, 15, 59, 59)).tersedia
    assert not cek(sekarang=wib(2026, 12, 2, 16, 0)).tersedia
    # The same instant in UTC is judged in Asia/Jakarta: 02.00 UTC is 09.00 WIB.
    assert cek(sekarang=dt.datetime(2026, 12, 2, 2, 0, tzinfo=dt.UTC)).tersedia
    assert not cek(sekarang=dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.UTC)).tersedia


def test_before_opening_opens_the_same_morning():
    hasil = cek(sekarang=wib(2026, 12, 2, 6, 0))
    assert not hasil.tersedia
    assert hasil.sebab == av.JADWAL
    assert hasil.alasan == "Di luar jam pengajuan. Jadwal hari ini: 07.30–16.00 WIB."
    assert hasil.buka_berikutnya == wib(2026, 12, 2, 7, 30)
    assert hasil.sisa_kuota == 20


def test_friday_afternoon_opens_on_monday():
    hasil = cek(sekarang=wib(2026, 12, 4, 13, 0))  # Friday, after 11.00
    assert hasil.buka_berikutnya == wib(2026, 12, 7, 7, 30)
    sabtu = cek(sekarang=wib(2026, 12, 5, 9, 0))
    assert sabtu.alasan == "Tidak ada jadwal pengajuan pada hari Sabtu."
    assert sabtu.buka_berikutnya == wib(2026, 12, 7, 7, 30)


def test_two_windows_a_day():
    aturan = av.AturanLayanan(
        "KTP",
        True,
        False,
        0,
        (av.Jendela(2, dt.time(8), dt.time(10)), av.Jendela(2, dt.time(13), dt.time(15))),
    )
    siang = cek(aturan, sekarang=wib(2026, 12, 2, 11, 0))
    assert siang.alasan == "Di luar jam pengajuan. Jadwal hari ini: 08.00–10.00, 13.00–15.00 WIB."
    assert siang.buka_berikutnya == wib(2026, 12, 2, 13, 0)
    assert siang.sisa_kuota is None  # no cap
    assert cek(aturan, sekarang=wib(2026, 12, 2, 14, 0)).tersedia


def test_national_holiday_closes_and_the_next_day_opens():
    kalender = av.Kalender(
        libur=libur_nasional(dt.date(2025, 8, 17), dt.date(2025, 8, 31)), tutup={}
    )
    assert kalender.libur[dt.date(2025, 8, 17)] == "Hari Kemerdekaan Republik Indonesia"
    setiap_hari = av.AturanLayanan("Akta Kematian", True, False, 0, ())  # no window: all day
    hasil = cek(setiap_hari, sekarang=wib(2025, 8, 17, 9, 0), kalender=kalender)
    assert not hasil.tersedia
    assert hasil.sebab == av.LIBUR
    assert hasil.alasan == "Hari ini libur nasional: Hari Kemerdekaan Republik Indonesia."
    assert hasil.buka_berikutnya == wib(2025, 8, 18, 0, 0)


def test_office_closure_day_and_the_days_after_it():
    kalender = av.Kalender(
        libur={dt.date(2026, 12, 25): "Hari Raya Natal"},
        tutup={dt.date(2026, 12, 24): "Cuti bersama Hari Raya Natal"},
    )
    hasil = cek(sekarang=wib(2026, 12, 24, 9, 0), kalender=kalender)  # Thursday
    assert hasil.sebab == av.TUTUP
    assert hasil.alasan == "Kantor Dinas tutup hari ini: Cuti bersama Hari Raya Natal."
    assert hasil.buka_berikutnya == wib(2026, 12, 28, 7, 30)  # Friday the 25th is a holiday


def test_quota_used_up_opens_tomorrow():
    hasil = cek(sekarang=wib(2026, 12, 2, 10, 0), terpakai=20)
    assert not hasil.tersedia
    assert hasil.sebab == av.KUOTA
    assert hasil.alasan == "Kuota pengajuan Akta Kelahiran hari ini sudah habis."
    assert hasil.buka_berikutnya == wib(2026, 12, 3, 7, 30)
    assert hasil.sisa_kuota == 0
    # Before opening with the quota gone (taken before a window closed early): tomorrow too.
    assert cek(sekarang=wib(2026, 12, 2, 6, 0), terpakai=20).buka_berikutnya == wib(
        2026, 12, 3, 7, 30
    )


def test_zero_quota_means_no_cap():
    aturan = av.AturanLayanan("KK", True, False, 0, KANTOR)
    hasil = cek(aturan, sekarang=wib(2026, 12, 2, 10, 0), terpakai=10_000)
    assert hasil.tersedia
    assert hasil.sisa_kuota is None


def test_group_only_service_is_for_group_modes_only():
    aturan = av.AturanLayanan("Layanan Desa", True, True, 0, KANTOR)
    pribadi = cek(aturan, sekarang=wib(2026, 12, 2, 10, 0))
    assert not pribadi.tersedia
    assert pribadi.sebab == av.MODE
    assert pribadi.buka_berikutnya is None
    assert cek(aturan, sekarang=wib(2026, 12, 2, 10, 0), mode_grup=True).tersedia


def test_group_only_service_limited_to_the_groups_the_catalogue_names():
    aturan = av.AturanLayanan("Layanan Desa", True, True, 0, KANTOR, grup_diizinkan=frozenset({7}))
    kapan = wib(2026, 12, 2, 10, 0)
    boleh = av.ketersediaan(
        aturan, sekarang=kapan, mode_grup=True, terpakai=0, kalender=KOSONG, grup_id=7
    )
    assert boleh.tersedia
    lain = av.ketersediaan(
        aturan, sekarang=kapan, mode_grup=True, terpakai=0, kalender=KOSONG, grup_id=8
    )
    assert not lain.tersedia
    assert lain.sebab == av.MODE
    assert "grup Anda tidak termasuk" in lain.alasan
    # No group named: every group may use it.
    semua = av.AturanLayanan("Layanan Desa", True, True, 0, KANTOR)
    assert av.ketersediaan(
        semua, sekarang=kapan, mode_grup=True, terpakai=0, kalender=KOSONG, grup_id=8
    ).tersedia


@freeze_time("2026-12-02 03:00:00")
def test_selector_reads_the_allowed_groups_of_a_group_only_service(akta, wilayah_pekalongan):
    from sintren.accounts.models import GrupPemohon
    from sintren.pengajuan.selectors import ketersediaan_menu

    desa_a = GrupPemohon.objects.create(nama="Desa A", wilayah=wilayah_pekalongan)
    desa_b = GrupPemohon.objects.create(nama="Desa B", wilayah=wilayah_pekalongan)
    layanan = LayananFactory.create(grup=True)
    layanan.grup_diizinkan.add(desa_a)
    assert ketersediaan_layanan(layanan, mode_grup=True, grup_id=desa_a.pk).tersedia
    ditolak = ketersediaan_layanan(layanan, mode_grup=True, grup_id=desa_b.pk)
    assert ditolak.sebab == av.MODE
    menu = dict(ketersediaan_menu(mode_grup=True, grup_id=desa_b.pk))
    assert menu[layanan].sebab == av.MODE
    menu = dict(ketersediaan_menu(mode_grup=True, grup_id=desa_a.pk))
    assert menu[layanan].tersedia


def test_inactive_service_never_opens():
    hasil = cek(av.AturanLayanan("Lama", False, False, 0, KANTOR), sekarang=wib(2026, 12, 2, 10, 0))
    assert (hasil.tersedia, hasil.sebab, hasil.buka_berikutnya) == (False, av.NONAKTIF, None)


def test_no_opening_within_thirty_days_is_none():
    tutup = {dt.date(2026, 12, 2) + dt.timedelta(days=n): "Renovasi" for n in range(40)}
    hasil = cek(sekarang=wib(2026, 12, 2, 10, 0), kalender=av.Kalender(libur={}, tutup=tutup))
    assert hasil.sebab == av.TUTUP
    assert hasil.buka_berikutnya is None


def test_no_window_means_open_all_day():
    aturan = av.AturanLayanan("Selalu", True, False, 0, ())
    assert cek(aturan, sekarang=wib(2026, 12, 6, 0, 0)).tersedia  # Sunday midnight
    assert cek(aturan, sekarang=wib(2026, 12, 6, 23, 59, 59)).tersedia


# --- the selector: catalogue, closures, holidays and quota from the database ---------------
@pytest.fixture
def akta(db):
    layanan = LayananFactory.create(nama="Akta Kelahiran", kuota_harian=3)
    for hari in range(4):
        JadwalLayananFactory.create(layanan=layanan, hari=hari)
    JadwalLayananFactory.create(
        layanan=layanan, hari=JadwalLayanan.Hari.JUMAT, jam_selesai=dt.time(11)
    )
    return layanan


@freeze_time("2026-12-02 00:45:00")  # 07.45 WIB, Wednesday
def test_selector_reads_schedule_and_quota(akta):
    assert ketersediaan_layanan(akta, mode_grup=False) == av.Ketersediaan(True, "", None, 3)
    KuotaHarian.objects.create(layanan=akta, tanggal=dt.date(2026, 12, 2), terpakai=3)
    KuotaHarian.objects.create(layanan=akta, tanggal=dt.date(2026, 12, 1), terpakai=1)  # yesterday
    hasil = ketersediaan_layanan(akta, mode_grup=False)
    assert hasil.sebab == av.KUOTA
    assert hasil.buka_berikutnya == wib(2026, 12, 3, 7, 30)


@freeze_time("2026-12-02 00:15:00")  # 07.15 WIB
def test_selector_before_opening(akta):
    hasil = ketersediaan_layanan(akta, mode_grup=False)
    assert hasil.sebab == av.JADWAL
    assert hasil.buka_berikutnya == wib(2026, 12, 2, 7, 30)


@freeze_time("2026-12-24 03:00:00")  # Thursday 10.00 WIB
def test_selector_reads_closure_days_and_holidays(akta):
    HariTutupFactory.create(
        tanggal=dt.date(2026, 12, 24), keterangan="Cuti bersama Hari Raya Natal"
    )
    hasil = ketersediaan_layanan(akta, mode_grup=False)
    assert hasil.sebab == av.TUTUP
    assert hasil.buka_berikutnya == wib(2026, 12, 28, 7, 30)  # 25 December is Christmas


@freeze_time("2025-08-17 03:00:00")
def test_selector_knows_independence_day(db):
    layanan = LayananFactory.create()  # no window: only the calendar can close it
    hasil = ketersediaan_layanan(layanan, mode_grup=False)
    assert hasil.sebab == av.LIBUR
    assert "Hari Kemerdekaan" in hasil.alasan


@freeze_time("2026-12-02 03:00:00")
def test_selector_many_services_in_a_fixed_number_of_queries(akta, django_assert_max_num_queries):
    grup = LayananFactory.create(grup=True)
    umum = LayananFactory.create()
    layanan = Layanan.objects.filter(aktif=True).prefetch_related("jadwal", "grup_diizinkan")

    # Services, schedules, the groups allowed, closure days, quota use.
    with django_assert_max_num_queries(5):
        hasil = ketersediaan_semua(layanan, mode_grup=False)
    assert hasil[akta.pk].tersedia
    assert hasil[umum.pk].tersedia
    assert hasil[grup.pk].sebab == av.MODE
    assert ketersediaan_semua([grup], mode_grup=True)[grup.pk].tersedia
