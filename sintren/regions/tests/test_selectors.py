"""Reads of the region tree."""

from __future__ import annotations

import pytest

from sintren.regions.selectors import (
    district_code_exists,
    district_code_from_digits,
    wilayah_ancestors,
    wilayah_chain_is_consistent,
    wilayah_children,
    wilayah_get,
    wilayah_level_of,
)

pytestmark = pytest.mark.usefixtures("pekalongan")


def test_children_of_none_are_the_provinces() -> None:
    assert [w.code for w in wilayah_children(None)] == ["33"]


def test_children_of_a_regency_are_its_districts_by_name() -> None:
    names = [w.name for w in wilayah_children("33.26")]
    assert len(names) == 19
    assert names == sorted(names)
    assert "Karanganyar" in names
    assert all(w.level == 3 for w in wilayah_children("33.26"))


@pytest.mark.parametrize("bad", ["", "33.2", "x", "33.26.07.2008"])
def test_children_of_a_malformed_or_leaf_code_are_empty(bad: str) -> None:
    assert list(wilayah_children(bad)) == []


def test_get_checks_the_level() -> None:
    karangsari = wilayah_get("33.26.07.2008")
    assert karangsari is not None
    assert karangsari.name == "Karangsari"
    assert wilayah_get("33.26.07.2008", level=4) == karangsari
    assert wilayah_get("33.26.07", level=4) is None
    assert wilayah_get("33.26.07.9999") is None
    assert wilayah_get("'; DROP TABLE x") is None


def test_ancestors_give_the_chain_to_prefill_a_form() -> None:
    chain = wilayah_ancestors("33.26.07.2008")
    assert [(w.code, w.name) for w in chain] == [
        ("33", "JAWA TENGAH"),
        ("33.26", "KABUPATEN PEKALONGAN"),
        ("33.26.07", "Karanganyar"),
        ("33.26.07.2008", "Karangsari"),
    ]
    assert [w.code for w in wilayah_ancestors("33.26")] == ["33", "33.26"]
    assert wilayah_ancestors("33.26.07.9999") == []
    assert wilayah_ancestors("nonsense") == []


def test_district_code_exists_for_nik_prefixes() -> None:
    assert district_code_from_digits("332607") == "33.26.07"
    assert district_code_exists("332607") is True
    assert district_code_exists("332619") is True
    assert district_code_exists("332620") is False  # Pekalongan has 19 districts
    assert district_code_exists("332600") is False
    assert district_code_exists("3326") is False  # a regency, not a district
    assert district_code_exists("3326072") is False
    assert district_code_exists("33260a") is False
    assert district_code_exists("\uff13\uff13\uff12\uff16\uff10\uff17") is False  # full-width
    assert district_code_exists("") is False


def test_level_and_chain_shape() -> None:
    assert [wilayah_level_of(c) for c in ["33", "33.26", "33.26.07", "33.26.07.2008"]] == [
        1,
        2,
        3,
        4,
    ]
    assert wilayah_level_of("33.260") is None
    assert wilayah_chain_is_consistent(["33", "33.26", "33.26.07"])
    assert not wilayah_chain_is_consistent(["34", "33.26"])
    assert not wilayah_chain_is_consistent(["33.26"])
    assert not wilayah_chain_is_consistent(["33", "33.26.07"])
