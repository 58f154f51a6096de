"""The dataset loader: full and subset loads, idempotence, repairs, bad input."""

from __future__ import annotations

import gzip
import hashlib
import re
import shutil
import time
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from sintren.regions.models import Wilayah
from sintren.regions.services import DATA_DIR, WilayahDataError, wilayah_load

pytestmark = pytest.mark.django_db

FULL_COUNTS = {"provinsi": 38, "kabupaten": 514, "kecamatan": 7277, "desa": 83763}
PEKALONGAN_COUNTS = {"provinsi": 1, "kabupaten": 1, "kecamatan": 19, "desa": 285}


def _counts_by_level() -> dict[int, int]:
    rows = Wilayah.objects.values("level").annotate(n=Count("pk")).order_by()
    return {row["level"]: row["n"] for row in rows}


def _chain_names(code: str) -> list[tuple[str, str]]:
    wilayah = Wilayah.objects.get(code=code)
    chain = []
    node: Wilayah | None = wilayah
    while node is not None:
        chain.append((node.code, node.name))
        node = node.parent
    return chain


def test_full_load_has_the_whole_country_and_karangsari() -> None:
    started = time.perf_counter()
    result = wilayah_load()
    elapsed = time.perf_counter() - started

    assert {k: result[k] for k in FULL_COUNTS} == FULL_COUNTS
    assert result["skipped"] == 0
    assert _counts_by_level() == {1: 38, 2: 514, 3: 7277, 4: 83763}
    assert _chain_names("33.26.07.2008") == [
        ("33.26.07.2008", "Karangsari"),
        ("33.26.07", "Karanganyar"),
        ("33.26", "KABUPATEN PEKALONGAN"),
        ("33", "JAWA TENGAH"),
    ]
    # Every level's parent is one level up and a prefix of the code.
    assert not Wilayah.objects.filter(level=1, parent__isnull=False).exists()
    for level in (2, 3, 4):
        rows = Wilayah.objects.filter(level=level).values_list(
            "code", "parent__code", "parent__level"
        )
        assert all(code.startswith(p + ".") and pl == level - 1 for code, p, pl in rows)
    assert elapsed < 30, f"full load took {elapsed:.1f} s"


def test_subset_load_brings_the_region_its_children_and_ancestors(
    pekalongan: dict[str, int],
) -> None:
    assert {k: pekalongan[k] for k in PEKALONGAN_COUNTS} == PEKALONGAN_COUNTS
    assert _counts_by_level() == {1: 1, 2: 1, 3: 19, 4: 285}
    assert set(Wilayah.objects.filter(level__lte=2).values_list("code", flat=True)) == {
        "33",
        "33.26",
    }
    assert not Wilayah.objects.exclude(code="33").exclude(code__startswith="33.26").exists()
    assert Wilayah.objects.get(code="33.26.07.2008").name == "Karangsari"


def test_second_load_is_skipped_and_writes_nothing(pekalongan: dict[str, int]) -> None:
    with CaptureQueriesContext(connection) as queries:
        again = wilayah_load(only_prefix="33.26")
    assert again["skipped"] == 1
    assert again["desa"] == 285
    writes = [q["sql"] for q in queries if re.match(r"\s*(INSERT|UPDATE|DELETE)", q["sql"], re.I)]
    assert writes == []
    assert _counts_by_level() == {1: 1, 2: 1, 3: 19, 4: 285}


def test_full_load_after_a_subset_loads_the_rest_then_skips() -> None:
    wilayah_load(only_prefix="33.26")
    assert wilayah_load()["skipped"] == 0
    assert _counts_by_level() == {1: 38, 2: 514, 3: 7277, 4: 83763}
    assert wilayah_load()["skipped"] == 1
    # A subset already present inside the full table is recognised as loaded too.
    assert wilayah_load(only_prefix="33.26")["skipped"] == 1


def test_missing_village_is_restored(pekalongan: dict[str, int]) -> None:
    Wilayah.objects.filter(code="33.26.07.2008").delete()
    result = wilayah_load(only_prefix="33.26")
    assert result["skipped"] == 0
    assert Wilayah.objects.get(code="33.26.07.2008").parent_id == "33.26.07"


def test_codes_that_left_the_dataset_are_removed_deepest_first(
    pekalongan: dict[str, int],
) -> None:
    Wilayah.objects.create(code="33.26.99", parent_id="33.26", level=3, name="Hapus")
    Wilayah.objects.create(code="33.26.99.2001", parent_id="33.26.99", level=4, name="Hapus")
    result = wilayah_load(only_prefix="33.26")
    assert result["deleted"] == 2
    assert not Wilayah.objects.filter(code__startswith="33.26.99").exists()
    assert _counts_by_level() == {1: 1, 2: 1, 3: 19, 4: 285}


def test_subset_load_leaves_rows_outside_its_scope(pekalongan: dict[str, int]) -> None:
    wilayah_load(only_prefix="34.71")
    wilayah_load(only_prefix="33.26", force=True)
    assert Wilayah.objects.filter(code__startswith="34.71.").count() > 0


def test_force_repairs_a_renamed_row_in_place(pekalongan: dict[str, int]) -> None:
    Wilayah.objects.filter(code="33.26.07.2008").update(name="Salah")
    assert wilayah_load(only_prefix="33.26")["skipped"] == 1  # same counts: left alone
    assert Wilayah.objects.get(code="33.26.07.2008").name == "Salah"
    assert wilayah_load(only_prefix="33.26", force=True)["skipped"] == 0
    assert Wilayah.objects.get(code="33.26.07.2008").name == "Karangsari"
    assert _counts_by_level() == {1: 1, 2: 1, 3: 19, 4: 285}


@pytest.mark.parametrize("prefix", ["33.2", "3326", "33.26.", "", "33 26", "33.26.07.20081"])
def test_malformed_prefix_is_refused(prefix: str) -> None:
    with pytest.raises(WilayahDataError, match="Not a region code"):
        wilayah_load(only_prefix=prefix)
    assert not Wilayah.objects.exists()


def test_unknown_prefix_is_refused() -> None:
    with pytest.raises(WilayahDataError, match="No region with code 99"):
        wilayah_load(only_prefix="99")


def _copy_data(tmp_path: Path) -> Path:
    for path in DATA_DIR.glob("*.csv*"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def test_malformed_row_aborts_the_whole_load(tmp_path: Path) -> None:
    data_dir = _copy_data(tmp_path)
    with gzip.open(data_dir / "villages.csv.gz", "at", encoding="utf-8") as handle:
        handle.write("33.26.07.20O9,33.26.07,Typo\n")
    with pytest.raises(WilayahDataError, match="villages: bad row"):
        wilayah_load(data_dir=data_dir)
    assert not Wilayah.objects.exists()


def test_village_not_under_its_district_is_refused(tmp_path: Path) -> None:
    data_dir = _copy_data(tmp_path)
    with gzip.open(data_dir / "villages.csv.gz", "at", encoding="utf-8") as handle:
        handle.write("33.26.07.2999,33.26.08,Nyasar\n")
    with pytest.raises(WilayahDataError, match="bad row"):
        wilayah_load(data_dir=data_dir, only_prefix="33.26")


def test_missing_file_is_reported(tmp_path: Path) -> None:
    data_dir = _copy_data(tmp_path)
    (data_dir / "districts.csv.gz").unlink()
    with pytest.raises(WilayahDataError, match=r"Missing districts\.csv"):
        wilayah_load(data_dir=data_dir)


def test_shipped_files_match_the_checksums_in_the_readme() -> None:
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    listed = {name: digest for digest, name in re.findall(r"^([0-9a-f]{64})  (\S+)$", readme, re.M)}
    assert set(listed) == {"provinces.csv", "regencies.csv", "districts.csv", "villages.csv"}
    for name, digest in listed.items():
        plain = DATA_DIR / name
        if plain.exists():
            content = plain.read_bytes()
        else:
            with gzip.open(f"{plain}.gz") as packed:
                content = packed.read()
        assert hashlib.sha256(content).hexdigest() == digest, name
    assert "Open Database License" in (DATA_DIR / "LICENSE.md").read_text(encoding="utf-8")
