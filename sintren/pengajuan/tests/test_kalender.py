"""The expected completion date (X-5): working days in Asia/Jakarta, skipping weekends,
national holidays and office closure days, starting the next working day when a request
is sent after the service's hours."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from sintren.catalog.models import HariTutup, JadwalLayanan, Layanan
from sintren.catalog.tests.factories import LayananFactory
from sintren.pengajuan.availability import Jendela, Kalender
from sintren.pengajuan.kalender import (
    hari_kerja_berikutnya,
    libur_nasional,
    tanggal_selesai,
    tanggal_selesai_perkiraan,
)

WIB = ZoneInfo("Asia/Jakarta")
D = dt.date


def wib(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=WIB)


@pytest.fixture
def layanan(db: None) -> Layanan:
    """Office hours as the seed catalogue has them; 3 working days."""
    akta = LayananFactory.create(nama="Akta Kelahiran", target_hari_kerja=3)
    for hari in range(4):  # Monday to Thursday
        JadwalLayanan.objects.create(
            layanan=akta, hari=hari, jam_mulai=dt.time(7, 30), jam_selesai=dt.time(16)
        )
    JadwalLayanan.objects.create(
        layanan=akta, hari=4, jam_mulai=dt.time(7, 30), jam_selesai=dt.time(11)
    )
    return akta


def selesai(layanan: Layanan, when: dt.datetime) -> dt.date:
    return tanggal_selesai_perkiraan(layanan, when)


# --- weekends and working hours ------------------------------------------------------------
def test_sent_in_office_hours_counts_the_day_itself(layanan):
    assert selesai(layanan, wib(2026, 12, 1)) == D(2026, 12, 3)  # Tue, Wed, Thu


def test_weekend_is_skipped(layanan):
    assert selesai(layanan, wib(2026, 12, 3)) == D(2026, 12, 7)  # Thu, Fri, Mon


def test_sent_on_saturday_starts_on_monday(layanan):
    assert selesai(layanan, wib(2026, 12, 5)) == D(2026, 12, 9)  # Mon, Tue, Wed


def test_sent_after_hours_starts_the_next_working_day(layanan):
    assert selesai(layanan, wib(2026, 11, 30, 15, 59)) == D(2026, 12, 2)
    # The window's end is exclusive, as for new requests.
    assert selesai(layanan, wib(2026, 11, 30, 16, 0)) == D(2026, 12, 3)


def test_sent_before_opening_counts_the_day(layanan):
    assert selesai(layanan, wib(2026, 11, 30, 6, 0)) == D(2026, 12, 2)


def test_friday_hours_end_earlier(layanan):
    assert selesai(layanan, wib(2026, 12, 4, 10, 59)) == D(2026, 12, 8)  # Fri, Mon, Tue
    assert selesai(layanan, wib(2026, 12, 4, 11, 30)) == D(2026, 12, 9)  # Mon, Tue, Wed


def test_time_is_taken_in_jakarta_not_utc(layanan):
    # 09.30 UTC on Monday is 16.30 WIB: after hours.
    sent = dt.datetime(2026, 11, 30, 9, 30, tzinfo=dt.UTC)
    assert selesai(layanan, sent) == D(2026, 12, 3)
    # 20.00 UTC on Sunday is already Monday 03.00 WIB: Monday counts.
    sent = dt.datetime(2026, 11, 29, 20, 0, tzinfo=dt.UTC)
    assert selesai(layanan, sent) == D(2026, 12, 2)


def test_one_working_day_is_the_same_day(layanan):
    Layanan.objects.filter(pk=layanan.pk).update(target_hari_kerja=1)
    layanan.refresh_from_db()
    assert selesai(layanan, wib(2026, 12, 1)) == D(2026, 12, 1)
    assert selesai(layanan, wib(2026, 12, 1, 17)) == D(2026, 12, 2)


def test_service_without_windows_counts_the_whole_day(db):
    siang_malam = LayananFactory.create(target_hari_kerja=2)
    assert selesai(siang_malam, wib(2026, 11, 30, 23, 30)) == D(2026, 12, 1)
    assert selesai(siang_malam, wib(2026, 12, 5, 9)) == D(2026, 12, 8)  # Saturday: Mon, Tue


def test_working_day_without_a_window_of_the_service_is_not_counted(db):
    senin = LayananFactory.create(target_hari_kerja=2)
    JadwalLayanan.objects.create(
        layanan=senin, hari=0, jam_mulai=dt.time(8), jam_selesai=dt.time(12)
    )
    # Sent on Tuesday: no hours of the service that day; counting starts on Wednesday.
    assert selesai(senin, wib(2026, 12, 1, 9)) == D(2026, 12, 3)


# --- holidays and closure days -------------------------------------------------------------
def test_national_holiday_is_skipped(layanan):
    assert D(2026, 8, 25) in libur_nasional(D(2026, 8, 1), D(2026, 8, 31))  # Maulid Nabi
    assert selesai(layanan, wib(2026, 8, 24)) == D(2026, 8, 27)  # Mon, (Tue), Wed, Thu


def test_sent_on_a_national_holiday_starts_the_next_working_day(layanan):
    assert D(2026, 8, 17) in libur_nasional(D(2026, 8, 17), D(2026, 8, 17))
    assert selesai(layanan, wib(2026, 8, 17, 9)) == D(2026, 8, 20)  # Tue, Wed, Thu


def test_office_closure_day_is_skipped(layanan):
    assert selesai(layanan, wib(2026, 12, 1)) == D(2026, 12, 3)
    HariTutup.objects.create(tanggal=D(2026, 12, 2), keterangan="Pemeliharaan SIAK")
    assert selesai(layanan, wib(2026, 12, 1)) == D(2026, 12, 4)  # Tue, (Wed), Thu, Fri


def test_across_the_year_end(layanan):
    HariTutup.objects.create(tanggal=D(2026, 12, 31), keterangan="Tutup buku akhir tahun")
    libur = libur_nasional(D(2026, 12, 30), D(2027, 1, 6))
    assert set(libur) == {D(2027, 1, 1), D(2027, 1, 5)}  # New Year, Isra Mikraj
    # Wed 30 (1), Thu 31 closed, Fri 1 holiday, weekend, Mon 4 (2), Tue 5 holiday, Wed 6 (3).
    assert selesai(layanan, wib(2026, 12, 30)) == D(2027, 1, 6)


def test_a_long_run_of_closure_days_is_read_in_full(layanan):
    HariTutup.objects.bulk_create(
        HariTutup(tanggal=D(2026, 12, 1) + dt.timedelta(days=n), keterangan="Renovasi")
        for n in range(80)  # 1 December 2026 to 18 February 2027
    )
    # Monday after hours; the first open day is Friday 19 February.
    assert selesai(layanan, wib(2026, 11, 30, 17)) == D(2027, 2, 23)  # Fri, Mon, Tue


def test_one_request_costs_two_queries(layanan, django_assert_num_queries):
    with django_assert_num_queries(2):  # the service's windows, the closure days
        selesai(layanan, wib(2026, 12, 1))


# --- the pure counting, as the back office uses it over a loaded calendar ------------------
def test_pure_count_over_a_given_calendar():
    kalender = Kalender(libur={D(2026, 12, 25): "Natal"}, tutup={D(2026, 12, 24): "Cuti"})
    jadwal = (Jendela(2, dt.time(8), dt.time(15)),)  # Wednesdays only
    result = tanggal_selesai(
        target_hari_kerja=2, jadwal=jadwal, dikirim_pada=wib(2026, 12, 23), kalender=kalender
    )
    assert result == D(2026, 12, 28)  # Wed 23 (1), Thu closed, Fri holiday, Mon 28 (2)
    assert hari_kerja_berikutnya(D(2026, 12, 23), kalender) == D(2026, 12, 28)
