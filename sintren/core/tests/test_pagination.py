"""Keyset pages: every row once, both ways, one query each, no OFFSET; bounded counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sintren.core.models import BatasPercobaan
from sintren.core.pagination import (
    KeysetPage,
    bounded_count,
    cursor_for,
    keyset_page,
)

ORDER = ("window_start", "failures", "pk")


@pytest.fixture
def rows(db: None) -> list[BatasPercobaan]:
    """23 rows with ties in the first two sort fields and sub-millisecond differences."""
    start = timezone.now().replace(microsecond=0)
    created = [
        BatasPercobaan.objects.create(
            scope="uji",
            key_hash=f"{n:064d}",
            window_start=start + timedelta(microseconds=n // 3),
            failures=n % 2,
        )
        for n in range(23)
    ]
    return sorted(created, key=lambda r: (r.window_start, r.failures, r.pk))


def _walk_forward(
    per_page: int, order: tuple[str, ...] = ORDER
) -> list[KeysetPage[BatasPercobaan]]:
    pages = [keyset_page(BatasPercobaan.objects.all(), order, None, per_page)]
    while pages[-1].next_cursor:
        pages.append(
            keyset_page(BatasPercobaan.objects.all(), order, pages[-1].next_cursor, per_page)
        )
        assert len(pages) < 100
    return pages


def test_forward_pages_hold_every_row_once_in_order(rows: list[BatasPercobaan]) -> None:
    pages = _walk_forward(5)
    assert [len(page) for page in pages] == [5, 5, 5, 5, 3]
    assert [row.pk for page in pages for row in page] == [row.pk for row in rows]
    assert not pages[0].has_previous
    assert pages[0].is_first
    assert all(page.has_previous for page in pages[1:])
    assert all(page.has_next for page in pages[:-1])
    assert not pages[-1].has_next


def test_backward_pages_are_the_same_pages(rows: list[BatasPercobaan]) -> None:
    forward = _walk_forward(5)
    page = forward[-1]
    backward = [page]
    while page.previous_cursor:
        page = keyset_page(BatasPercobaan.objects.all(), ORDER, page.previous_cursor, 5)
        backward.append(page)
    assert [[r.pk for r in p] for p in reversed(backward)] == [[r.pk for r in p] for p in forward]
    assert not backward[-1].has_previous  # back on the first page: no "Sebelumnya"
    assert backward[-1].has_next


def test_descending_order(rows: list[BatasPercobaan]) -> None:
    order = ("-window_start", "-failures", "-pk")
    pages = _walk_forward(4, order)
    assert [row.pk for page in pages for row in page] == [row.pk for row in reversed(rows)]


def test_order_defaults_to_the_querysets(rows: list[BatasPercobaan]) -> None:
    qs = BatasPercobaan.objects.order_by(*ORDER)
    first = keyset_page(qs, per_page=10)
    second = keyset_page(qs, cursor=first.next_cursor, per_page=10)
    assert [r.pk for r in [*first, *second]] == [r.pk for r in rows[:20]]


def test_each_page_is_one_query_without_offset(rows: list[BatasPercobaan]) -> None:
    first = keyset_page(BatasPercobaan.objects.all(), ORDER, None, 5)
    with CaptureQueriesContext(connection) as ctx:
        keyset_page(BatasPercobaan.objects.all(), ORDER, first.next_cursor, 5)
    assert len(ctx.captured_queries) == 1
    sql = ctx.captured_queries[0]["sql"].upper()
    assert "OFFSET" not in sql
    assert "LIMIT 6" in sql


@pytest.mark.parametrize(
    "cursor",
    ["", "rubbish", "e30:1abcde:forged", signing.dumps({"k": [1, 2, 3], "d": "n"})],
    # Fixed ids: the signed value carries a timestamp, and every xdist worker must
    # collect the same test names.
    ids=["kosong", "sampah", "palsu", "tanpa-namespace"],
)
def test_a_bad_cursor_gives_the_first_page(rows: list[BatasPercobaan], cursor: str) -> None:
    page = keyset_page(BatasPercobaan.objects.all(), ORDER, cursor, 5)
    assert [r.pk for r in page] == [r.pk for r in rows[:5]]
    assert not page.has_previous


def test_a_cursor_of_another_list_gives_the_first_page(rows: list[BatasPercobaan]) -> None:
    other = cursor_for(rows[7], ("window_start", "pk"), "n")
    page = keyset_page(BatasPercobaan.objects.all(), ORDER, other, 5)
    assert page.is_first
    elsewhere = cursor_for(rows[7], ORDER, "n", namespace="lain")
    assert keyset_page(BatasPercobaan.objects.all(), ORDER, elsewhere, 5).is_first
    assert not keyset_page(
        BatasPercobaan.objects.all(), ORDER, cursor_for(rows[7], ORDER, "n"), 5
    ).is_first


def test_a_cursor_past_the_end_starts_over(rows: list[BatasPercobaan]) -> None:
    cursor = cursor_for(rows[-1], ORDER, "n")
    page = keyset_page(BatasPercobaan.objects.all(), ORDER, cursor, 5)
    assert [r.pk for r in page] == [r.pk for r in rows[:5]]


def test_the_cursor_carries_only_the_sort_key(rows: list[BatasPercobaan]) -> None:
    cursor = cursor_for(rows[3], ORDER, "n")
    data = signing.loads(cursor, salt="sintren.core.pagination::window_start,failures,pk")
    assert data == {"k": [rows[3].window_start.isoformat(), rows[3].failures, rows[3].pk], "d": "n"}
    assert rows[3].key_hash not in cursor


@pytest.mark.parametrize(
    "order",
    [("window_start", "-pk"), ("window_start",), ("pk", "window_start"), ()],
)
def test_unusable_orders_are_refused(db: None, order: tuple[str, ...]) -> None:
    with pytest.raises(ValueError, match=r"(?i)keyset"):
        keyset_page(BatasPercobaan.objects.all(), order, None, 5)


def test_an_empty_list(db: None) -> None:
    page = keyset_page(BatasPercobaan.objects.all(), ORDER, None, 5)
    assert list(page) == []
    assert not page
    assert not page.has_other_pages


def test_bounded_count(rows: list[BatasPercobaan]) -> None:
    exact = bounded_count(BatasPercobaan.objects.all(), limit=50)
    assert (exact.count, exact.more, exact.shown) == (23, False, 23)
    capped = bounded_count(BatasPercobaan.objects.all(), limit=10)
    assert (capped.count, capped.more, capped.shown) == (11, True, 10)
    with CaptureQueriesContext(connection) as ctx:
        bounded_count(BatasPercobaan.objects.order_by("window_start"), limit=10)
    sql = ctx.captured_queries[0]["sql"].upper()
    assert "LIMIT 11" in sql
    assert "ORDER BY" not in sql
