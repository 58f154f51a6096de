"""``manage.py bench_data``: realistic, valid, non-colliding bench applicants."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.contrib.auth.hashers import check_password
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone

from sintren.accounts.models import Pemohon, RiwayatPendaftaran, User
from sintren.accounts.models.pemohon import nama_ibu_matches
from sintren.accounts.tests.factories import PemohonFactory, wilayah_pekalongan_create
from sintren.accounts.validators import nik_parse, nomor_kk_validate, phone_normalize
from sintren.ops.bench import MAX_SERIAL, bench_nik
from sintren.ops.management.commands.bench_data import (
    BENCH_NAMA_IBU,
    BENCH_PASSWORD,
    USERNAME_PREFIX,
    bench_pemohon_create,
)
from sintren.regions.models import Wilayah


@pytest.fixture
def desa(db: None) -> Wilayah:
    """Kabupaten Pekalongan (33.26) down to one village, Karangsari."""
    return wilayah_pekalongan_create()


def test_applicants_are_valid_and_realistic(desa: Wilayah) -> None:
    assert bench_pemohon_create(1000, seed=1) == 0
    pemohon = list(Pemohon.objects.select_related("user"))
    assert len(pemohon) == 1000
    shares = Counter(p.status for p in pemohon)
    assert 620 <= shares["aktif"] <= 780
    assert 100 <= shares["menunggu"] <= 200
    assert 60 <= shares["ditolak"] <= 140
    assert 20 <= shares["disetujui"] <= 80
    now = timezone.now()
    for p in pemohon[:200]:
        info = nik_parse(p.nik, tanggal_lahir=p.tanggal_lahir)
        assert info.sex == p.jenis_kelamin
        assert p.nik[:6] == p.wilayah_id.replace(".", "")[:6]
        assert nomor_kk_validate(p.nomor_kk) == p.nomor_kk
        assert phone_normalize(p.nomor_hp) == p.nomor_hp
        assert p.wilayah_id.startswith("33.26.")
        assert now - dt.timedelta(days=3 * 366) <= p.dibuat <= p.diperbarui <= now
        assert p.user.username.startswith(USERNAME_PREFIX)
        assert p.user.is_active == (p.status == Pemohon.Status.AKTIF)
        assert (p.status == Pemohon.Status.DITOLAK) == bool(p.alasan_penolakan)
        assert p.antrean == (0 if p.status == Pemohon.Status.MENUNGGU else 1)
    spread = sorted(p.dibuat for p in pemohon)
    assert spread[-1] - spread[0] > dt.timedelta(days=900)
    assert RiwayatPendaftaran.objects.count() == 1000
    one = pemohon[0]
    assert check_password(BENCH_PASSWORD, one.user.password)
    assert nama_ibu_matches(one, BENCH_NAMA_IBU)
    assert len({p.user.password for p in pemohon}) == 1  # one hash for every row


def test_each_run_adds_new_serials_without_collisions(desa: Wilayah) -> None:
    PemohonFactory.create_batch(3)  # ordinary registrations beside the bench rows
    call_command("bench_data", "--pemohon", "150", "--batch", "40", verbosity=0)
    call_command("bench_data", "--pemohon", "60", verbosity=0)
    assert Pemohon.objects.count() == 213
    assert User.objects.filter(username__startswith=USERNAME_PREFIX).count() == 210
    assert Pemohon.objects.values("nik").distinct().count() == 213
    last = User.objects.filter(username__startswith=USERNAME_PREFIX).order_by("-username")[0]
    assert last.username == f"{USERNAME_PREFIX}{209:012d}"
    # The id sequences moved past the bench rows: ordinary inserts still work after them.
    later = PemohonFactory.create()
    assert later.pk > max(Pemohon.objects.exclude(pk=later.pk).values_list("pk", flat=True))
    assert later.user_id > last.pk


def test_nik_serials_are_one_to_one() -> None:
    seen = {bench_nik(serial, "332607")[0] for serial in range(0, 60_000, 7)}
    assert len(seen) == len(range(0, 60_000, 7))
    last = bench_nik(MAX_SERIAL - 1, "332607")
    assert last[0] not in seen
    assert all(nik[-4:] >= "9000" for nik in seen)


def test_the_command_reports(desa: Wilayah, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("bench_data", "--pemohon", "5")
    assert "5 bench applicants added" in capsys.readouterr().out


def test_it_needs_the_villages(db: None) -> None:
    with pytest.raises(CommandError, match="load_wilayah"):
        call_command("bench_data", "--pemohon", "5")
    with pytest.raises(CommandError, match="at least 1"):
        call_command("bench_data", "--pemohon", "0")


@override_settings(PRODUCTION=True)
def test_never_in_production(desa: Wilayah) -> None:
    with pytest.raises(CommandError, match="never for production"):
        bench_pemohon_create(5)
    assert not Pemohon.objects.exists()
