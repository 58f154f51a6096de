"""The completion target of a service (X-5) in the catalogue's data files: set per
service, 3 working days when left out, and refused below 1 with a message naming it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sintren.catalog import seeding
from sintren.catalog.models import Layanan
from sintren.catalog.tests.test_seed_files import edit, load
from sintren.core.seed import SeedError

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the shipped data files, which the loader reads instead."""
    copy = tmp_path / "seed"
    shutil.copytree(seeding.SEED_DIR, copy)
    monkeypatch.setattr(seeding, "SEED_DIR", copy)
    return copy


def test_every_shipped_service_has_its_target() -> None:
    load()
    targets = dict(Layanan.objects.values_list("slug", "target_hari_kerja"))
    assert targets["akta-kelahiran"] == 3
    assert targets["kartu-keluarga-baru"] == 2
    assert targets["akta-perkawinan"] == 5
    assert all(target >= 1 for target in targets.values())
    for path in seeding.SEED_DIR.glob("layanan/*.toml"):
        assert "\ntarget_hari_kerja = " in path.read_text(encoding="utf-8"), path.name


def test_a_changed_target_is_loaded_and_a_missing_one_is_three(seed_copy: Path) -> None:
    edit(
        seed_copy / "layanan" / "akta-kelahiran.toml",
        "target_hari_kerja = 3",
        "target_hari_kerja = 7",
    )
    edit(seed_copy / "layanan" / "kartu-keluarga-baru.toml", "target_hari_kerja = 2\n", "")
    load()
    assert Layanan.objects.get(kode="AKL").target_hari_kerja == 7
    assert Layanan.objects.get(slug="kartu-keluarga-baru").target_hari_kerja == 3


@pytest.mark.parametrize("value", ["0", "-2", '"tiga"'])
def test_a_target_below_one_or_not_a_number_is_refused(seed_copy: Path, value: str) -> None:
    akl = seed_copy / "layanan" / "akta-kelahiran.toml"
    edit(akl, "target_hari_kerja = 3", f"target_hari_kerja = {value}")
    with pytest.raises(SeedError) as refused:
        load()
    assert f"{akl}: target_hari_kerja: " in str(refused.value)
    assert not Layanan.objects.exists()  # nothing written
