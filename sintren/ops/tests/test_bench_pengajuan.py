"""``manage.py bench_data --pengajuan``: realistic requests with real, unique codes."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from sintren.accounts.demo_pemohon import DEMO_PEMOHON
from sintren.accounts.models import Pemohon
from sintren.accounts.tests.factories import PemohonFactory, wilayah_pekalongan_create
from sintren.accounts.validators import nik_parse
from sintren.catalog.models import Layanan
from sintren.catalog.tests.factories import LayananFactory
from sintren.ops.bench_pengajuan import RECENT, bench_pengajuan_create
from sintren.ops.management.commands.bench_data import bench_pemohon_create
from sintren.pengajuan.choices import STATUS_TERBUKA, StatusPengajuan
from sintren.pengajuan.models import Pengajuan, UrutanKode
from sintren.pengajuan.services import kode_next

DEMO_NIK = DEMO_PEMOHON[0]["nik"]


@pytest.fixture
def dunia(db: None) -> dict[str, object]:
    """Bench applicants, the demo applicant, two general services and a group-only one."""
    wilayah_pekalongan_create()
    bench_pemohon_create(200, seed=3)
    demo = PemohonFactory.create(nik=DEMO_NIK, aktif=True)
    akta = LayananFactory.create(kode="AKL", tanpa_nik=True)
    ktp = LayananFactory.create(kode="KTP")
    grup = LayananFactory.create(kode="DES", grup=True)
    return {"demo": demo, "akta": akta, "ktp": ktp, "grup": grup}


def test_requests_are_realistic_and_valid(dunia: dict[str, object]) -> None:
    assert bench_pengajuan_create(3000, demo=120, seed=5) == 3000
    rows = list(Pengajuan.objects.select_related("pemohon", "layanan").order_by("dibuat"))
    assert Counter(r.pemohon_id for r in rows)[dunia["demo"].pk] == 120  # type: ignore[attr-defined]
    assert {r.pemohon.status for r in rows} == {Pemohon.Status.AKTIF}
    assert len({r.pemohon_id for r in rows}) > 100  # spread over the applicants
    assert {r.layanan.akses for r in rows} == {Layanan.Akses.UMUM}
    assert {r.layanan.kode for r in rows} == {"AKL", "KTP"}
    now = timezone.now()
    assert rows[-1].dibuat - rows[0].dibuat > dt.timedelta(days=1000)
    for r in rows:
        assert now - dt.timedelta(days=3 * 366) <= r.dibuat <= r.diperbarui <= now
        assert r.subjek_nomor_kk == r.pemohon.nomor_kk
        assert (r.nomor_hp, r.email) == (r.pemohon.nomor_hp, r.pemohon.email)
        assert (r.status == StatusPengajuan.DIHAPUS) == (r.dihapus_pada is not None)
        if r.status in STATUS_TERBUKA:
            assert now - r.dibuat <= RECENT + dt.timedelta(days=1)  # old ones are closed
        if r.subjek_nik:
            assert nik_parse(r.subjek_nik).nik == r.subjek_nik
            assert r.subjek_nik[:6] == r.subjek_nomor_kk[:6]
        else:
            assert r.layanan.kode == "AKL"  # only where a subject may have no NIK
    statuses = Counter(r.status for r in rows)
    assert statuses[StatusPengajuan.SELESAI] > 0.7 * len(rows)
    assert set(statuses) >= {StatusPengajuan.DITOLAK, StatusPengajuan.DIHAPUS}
    open_rows = [r for r in rows if r.status in STATUS_TERBUKA]
    assert 0 < len(open_rows) < 0.1 * len(rows)
    assert len({(r.layanan_id, r.subjek_kunci) for r in open_rows}) == len(open_rows)


def test_codes_have_the_real_format_grow_with_time_and_move_the_counter(
    dunia: dict[str, object],
) -> None:
    bench_pengajuan_create(500, seed=1)
    last_of_first_run = Pengajuan.objects.latest("pk").pk
    call_command("bench_data", "--pengajuan", "300", "--batch", "70", verbosity=0)
    kode = list(Pengajuan.objects.values_list("kode", flat=True))
    assert len(set(kode)) == 800
    assert all(re.fullmatch(r"(AKL|KTP)3326\d{4}", k) for k in kode)
    first_run = Pengajuan.objects.filter(kode__startswith="KTP", pk__lte=last_of_first_run)
    numbers = [int(p.kode[7:]) for p in first_run.order_by("dibuat")]
    assert numbers == sorted(numbers)  # within a run, codes follow the dates
    for prefix in ("AKL3326", "KTP3326"):
        used = [int(k[7:]) for k in kode if k.startswith(prefix)]
        assert UrutanKode.objects.get(kunci=prefix).nilai == max(used) == len(used)
    with transaction.atomic():  # a request made through the site gets the next number
        assert kode_next(layanan=dunia["ktp"]) == f"KTP3326{len(used) + 1:04d}"  # type: ignore[arg-type]


def test_the_command_reports(dunia: dict[str, object], capsys: pytest.CaptureFixture[str]) -> None:
    call_command("bench_data", "--pengajuan", "40", "--demo", "10")
    out = capsys.readouterr().out
    assert "40 bench requests added (10 of them the demo applicant's)" in out
    assert "total now 40" in out


def test_refusals(db: None) -> None:
    with pytest.raises(CommandError, match="at least 1"):
        call_command("bench_data")
    with pytest.raises(CommandError, match="demo applicant is missing"):
        bench_pengajuan_create(10, demo=5)
    with pytest.raises(CommandError, match="No active applicants"):
        bench_pengajuan_create(10)
    wilayah_pekalongan_create()
    PemohonFactory.create(aktif=True)
    with pytest.raises(CommandError, match="No services"):
        bench_pengajuan_create(10)
    with pytest.raises(CommandError, match="between 0"):
        bench_pengajuan_create(10, demo=11)
    assert not Pengajuan.objects.exists()


@override_settings(PRODUCTION=True)
def test_never_in_production(dunia: dict[str, object]) -> None:
    with pytest.raises(CommandError, match="never for production"):
        bench_pengajuan_create(5)
    assert not Pengajuan.objects.exists()
