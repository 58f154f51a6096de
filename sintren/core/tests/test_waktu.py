from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sintren.core.waktu import umur

NOW = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("ago", "expected"),
    [
        (timedelta(seconds=59), "0 menit"),
        (timedelta(minutes=1), "1 menit"),
        (timedelta(hours=5, minutes=3), "5 jam, 3 menit"),
        (timedelta(hours=5, seconds=30), "5 jam"),
        (timedelta(days=2, hours=3), "2 hari, 3 jam"),
        (timedelta(days=9), "1 minggu, 2 hari"),
        (timedelta(days=45), "1 bulan, 2 minggu"),
        (timedelta(days=400), "1 tahun, 1 bulan"),
        (timedelta(days=730, hours=5), "2 tahun"),  # units not adjacent are left out
        (timedelta(minutes=-5), "0 menit"),  # a clock skew into the future
    ],
)
def test_umur_in_the_two_largest_adjacent_units(ago: timedelta, expected: str) -> None:
    assert umur(NOW - ago, NOW) == expected
