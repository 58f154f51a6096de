"""Fixtures of the regions tests: real subsets of the shipped dataset."""

from __future__ import annotations

import pytest

from sintren.regions.services import wilayah_load


@pytest.fixture
def pekalongan(db: None) -> dict[str, int]:
    """Jawa Tengah → Kabupaten Pekalongan with its 19 districts and 285 villages."""
    return wilayah_load(only_prefix="33.26")


@pytest.fixture
def dua_provinsi(pekalongan: dict[str, int]) -> None:
    """Kabupaten Pekalongan plus Kota Yogyakarta (another province) and Kabupaten Batang."""
    wilayah_load(only_prefix="34.71")
    wilayah_load(only_prefix="33.25")
