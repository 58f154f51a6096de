"""Dashboard and reports (BO-5, X-9): exact figures on a fixed data set, a constant
number of queries, the report page and its CSV export (admins only, audited)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sintren.accounts.models import Pemohon, User
from sintren.backoffice.grafik import grafik_baris, grafik_per_hari
from sintren.backoffice.models import PenugasanLayanan
from sintren.backoffice.selectors_laporan import (
    KOLOM_CSV,
    Laporan,
    Periode,
    laporan_baris_csv,
    laporan_hitung,
    lingkup_gabung,
)
from sintren.catalog.models import Layanan
from sintren.catalog.tests.factories import LayananFactory
from sintren.core.choices import AuditAction
from sintren.core.models import AuditEvent
from sintren.pengajuan.availability import ZONA
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.kalender import libur_nasional
from sintren.pengajuan.models import KuotaHarian, Pengajuan, Penilaian, RiwayatStatus
from sintren.pengajuan.tests.factories import PengajuanFactory

S = StatusPengajuan
PERIODE = Periode(dt.date(2026, 11, 2), dt.date(2026, 11, 13))  # Mon … Fri of the next week
HARI_INI = dt.date(2026, 11, 13)


def _t(day: int, hour: int = 9, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, 0, tzinfo=ZONA)


def _req(
    pemohon: Pemohon,
    layanan: Layanan,
    status: str,
    dibuat: dt.datetime,
    dikirim: dt.datetime | None = None,
    *,
    jatuh_tempo: dt.date | None = None,
    riwayat: tuple[tuple[str, dt.datetime], ...] = (),
) -> Pengajuan:
    item = PengajuanFactory.create(
        pemohon=pemohon,
        layanan=layanan,
        status=status,
        dibuat=dibuat,
        dikirim_pada=dikirim,
        jatuh_tempo=jatuh_tempo,
        dihapus_pada=dibuat if status == S.DIHAPUS else None,
    )
    RiwayatStatus.objects.filter(pengajuan=item).delete()  # the factory's "now" row
    for status_, pada in riwayat:
        RiwayatStatus.objects.create(pengajuan=item, status=status_, pada=pada)
    return item


def _data_set(pemohon: Pemohon, a: Layanan, b: Layanan) -> None:
    """The fixed data set (see the expectations in the tests)."""
    taken_done = ((S.DIPROSES, _t(2, 10)), (S.SELESAI, _t(4, 15)))
    r1 = _req(
        pemohon, a, S.SELESAI, _t(2), _t(2), jatuh_tempo=dt.date(2026, 11, 4), riwayat=taken_done
    )
    taken_late = ((S.DIPROSES, _t(3)), (S.SELESAI, _t(6, 15)))
    r2 = _req(
        pemohon,
        a,
        S.SELESAI,
        _t(2, 11),
        _t(2, 11),
        jatuh_tempo=dt.date(2026, 11, 4),
        riwayat=taken_late,
    )
    _req(pemohon, a, S.DIKIRIM, _t(3), _t(6, 20), jatuh_tempo=dt.date(2026, 11, 10))
    _req(pemohon, a, S.DRAF, _t(5))
    _req(
        pemohon,
        b,
        S.DIPROSES,
        _t(11),
        _t(11),
        jatuh_tempo=dt.date(2026, 11, 17),
        riwayat=((S.DIPROSES, _t(12)),),
    )
    oktober = _t(20, month=10)
    _req(
        pemohon,
        b,
        S.DIPROSES,
        oktober,
        oktober,
        jatuh_tempo=dt.date(2026, 10, 27),
        riwayat=((S.DIPROSES, _t(21, month=10)),),
    )
    _req(pemohon, b, S.DIHAPUS, _t(9))
    Penilaian.objects.create(pengajuan=r1, nilai=5, komentar="Cepat", dibuat=_t(5))
    Penilaian.objects.create(pengajuan=r2, nilai=3, dibuat=_t(7))
    KuotaHarian.objects.update_or_create(layanan=a, tanggal=HARI_INI, defaults={"terpakai": 4})


@pytest.fixture
def layanan_ab(db: None) -> tuple[Layanan, Layanan]:
    a = LayananFactory.create(nama="Layanan A", target_hari_kerja=3, kuota_harian=10, urutan=1)
    b = LayananFactory.create(nama="Layanan B", target_hari_kerja=5, urutan=2)
    return a, b


@pytest.fixture
def data_set(pemohon: Pemohon, layanan_ab: tuple[Layanan, Layanan]) -> tuple[Layanan, Layanan]:
    _data_set(pemohon, *layanan_ab)
    return layanan_ab


def _hitung(**kwargs: Any) -> Laporan:
    return laporan_hitung(periode=PERIODE, hari_ini_=HARI_INI, **kwargs)


def test_the_test_period_has_no_national_holiday() -> None:
    # The expectations below count Monday to Friday as working days.
    assert libur_nasional(dt.date(2026, 10, 20), HARI_INI) == {}


@pytest.mark.django_db
def test_counts_by_status_day_and_open_requests(data_set: Any) -> None:
    laporan = _hitung()
    per_status = {kode: n for kode, _, n in laporan.per_status}
    assert per_status == {
        S.DRAF: 1, S.DIKIRIM: 1, S.DIPROSES: 1, S.PERBAIKAN: 0, S.DITOLAK: 0,
        S.TERBIT: 0, S.SIAP_DIAMBIL: 0, S.SELESAI: 2, S.DIHAPUS: 1,
    }  # fmt: skip
    assert laporan.total_dibuat == 6  # the October request is outside the period
    per_hari = {day.day: n for day, n in laporan.per_hari if n}
    assert per_hari == {2: 2, 3: 1, 5: 1, 9: 1, 11: 1}
    assert len(laporan.per_hari) == 12
    assert {kode: n for kode, _, n in laporan.berjalan if n} == {S.DIKIRIM: 1, S.DIPROSES: 2}
    baris = {b.nama: b for b in laporan.layanan}
    assert (baris["Layanan A"].dibuat, baris["Layanan B"].dibuat) == (4, 2)
    assert (baris["Layanan A"].berjalan, baris["Layanan B"].berjalan) == (1, 2)


@pytest.mark.django_db
def test_waiting_and_processing_medians_against_the_target(data_set: Any) -> None:
    laporan = _hitung()
    baris = {b.nama: b for b in laporan.layanan}
    # A: taken on working day 1 and 2; finished on day 3 (on target) and day 5 (late).
    assert baris["Layanan A"].tunggu.median == 1.5
    assert baris["Layanan A"].proses.median == 4
    assert baris["Layanan A"].proses.tepat_waktu == 1
    assert baris["Layanan A"].proses.persen_tepat_waktu == 50
    # B: the November request taken on day 2; the October one was taken before the period.
    assert (baris["Layanan B"].tunggu.jumlah, baris["Layanan B"].tunggu.median) == (1, 2)
    assert baris["Layanan B"].proses.jumlah == 0
    assert (laporan.tunggu.jumlah, laporan.tunggu.median) == (3, 2)
    assert (laporan.proses.jumlah, laporan.proses.median) == (2, 4)


@pytest.mark.django_db
def test_overdue_count_and_list_oldest_due_first(data_set: Any) -> None:
    laporan = _hitung()
    assert laporan.terlambat_jumlah == 2
    first, second = laporan.terlambat_daftar
    assert (first.layanan, first.jatuh_tempo, first.status) == (
        "Layanan B", dt.date(2026, 10, 27), S.DIPROSES)  # fmt: skip
    assert first.hari_terlambat == 13  # 28 Oct … 13 Nov, weekends not counted
    assert (second.layanan, second.jatuh_tempo, second.hari_terlambat) == (
        "Layanan A", dt.date(2026, 11, 10), 3)  # fmt: skip
    baris = {b.nama: b.terlambat for b in laporan.layanan}
    assert baris == {"Layanan A": 1, "Layanan B": 1}


@pytest.mark.django_db
def test_quota_and_satisfaction(data_set: Any) -> None:
    laporan = _hitung()
    a = next(b for b in laporan.layanan if b.nama == "Layanan A")
    assert (a.kuota_terpakai, a.kuota_harian, a.kuota_persen) == (4, 10, 40)
    assert dict(laporan.nilai_sebaran) == {1: 0, 2: 0, 3: 1, 4: 0, 5: 1}
    assert laporan.nilai_rata == 4.0
    assert (a.nilai_jumlah, a.nilai_rata) == (2, 4.0)
    assert [(k.nilai, k.komentar, k.layanan) for k in laporan.komentar] == [
        (5, "Cepat", "Layanan A")
    ]


@pytest.mark.django_db
def test_one_service_filter_narrows_every_figure(data_set: Any) -> None:
    a, b = data_set
    laporan = _hitung(lingkup=lingkup_gabung(None, b.pk))
    assert [row.nama for row in laporan.layanan] == ["Layanan B"]
    assert laporan.total_dibuat == 2
    assert laporan.terlambat_jumlah == 1
    assert laporan.nilai_jumlah == 0
    # A service outside a verifier's scope gives nothing.
    assert lingkup_gabung(frozenset({a.pk}), b.pk) == frozenset()


def _many(pemohon: Pemohon, layanan: tuple[Layanan, Layanan], copies: int) -> None:
    for _ in range(copies):
        _data_set(pemohon, *layanan)


def _queries(func: Any) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        func()
    return [q["sql"] for q in ctx.captured_queries]


@pytest.mark.django_db
def test_query_count_is_the_same_at_two_sizes(
    pemohon: Pemohon, layanan_ab: tuple[Layanan, Layanan]
) -> None:
    _many(pemohon, layanan_ab, 1)
    small = _queries(_hitung)
    assert _hitung().total_dibuat == 6
    _many(pemohon, layanan_ab, 6)
    large = _queries(_hitung)
    assert _hitung().total_dibuat == 42
    assert len(small) == len(large) <= 14


@pytest.mark.django_db
def test_dashboard_queries_do_not_grow_and_the_cache_serves_repeats(
    pemohon: Pemohon, layanan_ab: tuple[Layanan, Layanan], admin_client_otp: Client
) -> None:
    url = reverse("backoffice:dashboard")
    _many(pemohon, layanan_ab, 1)
    admin_client_otp.get(reverse("backoffice:pesan_list"))  # the session's first request
    cache.clear()
    small = _queries(lambda: admin_client_otp.get(url))
    cached = _queries(lambda: admin_client_otp.get(url))
    _many(pemohon, layanan_ab, 5)
    cache.clear()
    large = _queries(lambda: admin_client_otp.get(url))
    assert len(small) == len(large), "\n".join(q[:120] for q in small if q not in large)
    assert len(cached) <= len(small) - 10  # the figures come from the cache


# --- pages and access ------------------------------------------------------------------------
@pytest.mark.django_db
def test_dashboard_shows_charts_tables_and_figures(data_set: Any, admin_client_otp: Client) -> None:
    cache.clear()
    page = admin_client_otp.get(reverse("backoffice:dashboard")).content.decode()
    assert page.count('role="img"') == 3
    assert '<title id="grafik-hari-judul">' in page
    assert "Tabel data per hari" in page
    assert "Kepuasan pemohon" in page
    assert reverse("backoffice:laporan_csv") in page  # admins may export


@pytest.mark.django_db
def test_verifier_sees_only_assigned_services_and_no_export_link(
    data_set: Any, verifikator: User, verifikator_client: Client
) -> None:
    a, _ = data_set
    PenugasanLayanan.objects.create(petugas=verifikator, layanan=a)
    cache.clear()
    response = verifikator_client.get(reverse("backoffice:dashboard"))
    laporan = response.context["laporan"]
    assert [b.nama for b in laporan.layanan] == ["Layanan A"]
    assert reverse("backoffice:laporan_csv") not in response.content.decode()
    page = verifikator_client.get(reverse("backoffice:laporan"))
    assert page.status_code == 200
    assert "Unduhan CSV hanya untuk admin." in page.content.decode()


@pytest.mark.django_db
def test_report_filter_refuses_bad_periods_with_a_message(admin_client_otp: Client) -> None:
    url = reverse("backoffice:laporan")
    cases = {
        "?dari=2026-11-10&sampai=2026-11-01": "harus sebelum atau sama dengan",
        "?dari=2024-01-01&sampai=2025-12-31": "paling panjang 366 hari",
        "?sampai=2999-01-01": "tidak boleh melewati hari ini",
        "?dari=kemarin": "Tanggal tidak valid",
        "?layanan=999999": "Pilih layanan dari daftar.",
    }
    for query, message in cases.items():
        response = admin_client_otp.get(url + query)
        assert response.status_code == 200, query
        assert message in response.content.decode(), query
        assert "laporan" not in response.context or response.context.get("laporan") is None


def _csv(response: Any) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


@pytest.mark.django_db
def test_csv_export_rows_headers_and_no_personal_data(
    data_set: Any, pemohon: Pemohon, admin: User, admin_client_otp: Client
) -> None:
    url = reverse("backoffice:laporan_csv") + "?dari=2026-11-02&sampai=2026-11-13"
    response = admin_client_otp.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="laporan-pengajuan-20261102-20261113.csv"' in response["Content-Disposition"]
    rows = _csv(response)
    assert tuple(rows[0]) == KOLOM_CSV
    assert len(rows) == 7  # header + the six requests made in the period
    by_kode = {row[0]: dict(zip(KOLOM_CSV, row, strict=True)) for row in rows[1:]}
    first = by_kode[Pengajuan.objects.get(dibuat=_t(2)).kode]
    assert first["Status"] == "Selesai"
    assert first["Lama Tunggu (hari kerja)"] == "1"
    assert first["Lama Proses (hari kerja)"] == "3"
    assert first["Tepat Waktu"] == "Ya"
    assert first["Nilai Kepuasan"] == "5"
    assert first["Tanggal Selesai"] == "2026-11-04 15:00"
    flat = "\n".join(",".join(row) for row in rows)
    for secret in (pemohon.nik, pemohon.nomor_kk, pemohon.nama_lengkap, "Cepat"):
        assert secret not in flat
    for item in Pengajuan.objects.all():
        assert item.subjek_nik not in flat
        assert item.subjek_nama not in flat
    event = AuditEvent.objects.get(action=AuditAction.LAPORAN_EKSPOR)
    assert event.actor_label == admin.username
    assert event.details == {"dari": "2026-11-02", "sampai": "2026-11-13", "layanan": None}


@pytest.mark.django_db
def test_csv_export_is_admin_only_and_audits_nothing_for_others(
    verifikator_client: Client,
) -> None:
    response = verifikator_client.get(reverse("backoffice:laporan_csv"))
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.LAPORAN_EKSPOR).exists()


@pytest.mark.django_db
def test_csv_export_with_a_bad_filter_goes_back_to_the_report(admin_client_otp: Client) -> None:
    response = admin_client_otp.get(reverse("backoffice:laporan_csv") + "?dari=x")
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:laporan") + "?dari=x"
    assert not AuditEvent.objects.filter(action=AuditAction.LAPORAN_EKSPOR).exists()


@pytest.mark.django_db
def test_csv_cells_cannot_start_a_formula(pemohon: Pemohon, admin_client_otp: Client) -> None:
    layanan = LayananFactory.create(nama="=HYPERLINK(1)")
    _req(pemohon, layanan, S.DRAF, _t(3))
    rows = list(laporan_baris_csv(periode=PERIODE, lingkup=None))
    assert rows[0][1] == "=HYPERLINK(1)"  # the selector gives the name as it is …
    response = admin_client_otp.get(
        reverse("backoffice:laporan_csv") + "?dari=2026-11-02&sampai=2026-11-13"
    )
    assert _csv(response)[1][1] == "'=HYPERLINK(1)"  # … the export defuses it


# --- charts ------------------------------------------------------------------------------------
def test_column_chart_scales_to_a_round_top() -> None:
    days = [(dt.date(2026, 11, d), n) for d, n in ((1, 0), (2, 7), (3, 14))]
    chart = grafik_per_hari(days)
    assert chart.sumbu_atas == 20
    heights = [k.tinggi for k in chart.kolom]
    assert heights[0] == 0
    assert heights[2] == pytest.approx(2 * heights[1])
    assert [label for _, label in chart.label_x] == ["01/11", "02/11", "03/11"]


def test_bar_chart_longest_bar_is_the_largest_value() -> None:
    chart = grafik_baris([("a", 2), ("b", 8), ("c", 0)])
    widths = [b.lebar for b in chart.baris]
    assert widths[1] == max(widths)
    assert widths[2] == 0
    assert widths[0] == pytest.approx(widths[1] / 4)


def test_remembered_first_day_matches_the_calendar_for_every_hour() -> None:
    from sintren.backoffice.selectors_laporan import HariMulai
    from sintren.pengajuan.availability import Jendela, Kalender
    from sintren.pengajuan.kalender import hari_mulai_hitung

    windows = (
        Jendela(0, dt.time(8), dt.time(12)),
        Jendela(0, dt.time(13), dt.time(15, 30)),
        Jendela(4, dt.time(8), dt.time(11)),
    )
    kalender = Kalender(libur={dt.date(2026, 11, 4): "Libur"}, tutup={})
    mulai = HariMulai(kalender, {1: windows, 2: ()})
    for hour in range(14 * 24):
        sent = dt.datetime(2026, 11, 1, tzinfo=ZONA) + dt.timedelta(minutes=61 * hour)
        assert mulai(1, sent) == hari_mulai_hitung(windows, sent, kalender), sent
        assert mulai(2, sent) == hari_mulai_hitung((), sent, kalender), sent
