"""Keyset pagination for long staff lists: no ``OFFSET``, no ``COUNT(*)`` over a table.

A page is the ``per_page`` rows that follow (or precede) a *cursor*: the sort key of
the last (or first) row of the page the visitor came from, signed with
``django.core.signing`` so it cannot be forged and carries nothing but that key. The
database finds the page by one row comparison ``(a, b, id) > (x, y, z)`` on an index
that matches the order, so page 1 and page 20,000 cost the same.

    page = keyset_page(queryset.order_by("antrean", "diperbarui", "pk"), cursor=...)
    page.next_cursor       # for "Berikutnya" (None on the last page)
    page.previous_cursor   # for "Sebelumnya" (None on the first page)

The order must be plain NOT NULL fields, all ascending or all descending, ending with
the primary key, so that every row has its own place; an index on those fields (after
any equality filters) lets the database seek instead of sort. Pages carry no number;
:func:`bounded_count` says how many rows there are, up to a limit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Generic, TypeVar
from uuid import UUID

from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import BooleanField, Expression, F, Field, Model, QuerySet, Value
from django.db.models.sql.compiler import SQLCompiler

T = TypeVar("T", bound=Model)

DEFAULT_PER_PAGE = 50
DEFAULT_COUNT_LIMIT = 1000
_SALT = "sintren.core.pagination"
_NEXT, _PREVIOUS = "n", "p"


class _RowCompare(Expression):
    """``(lhs1, lhs2, …) > (rhs1, rhs2, …)`` (or ``<``): one condition an index can seek."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, lhs: Sequence[Any], rhs: Sequence[Any], operator: str) -> None:
        super().__init__()
        if len(lhs) != len(rhs) or not lhs:
            raise ValueError("A row comparison needs two rows of the same length.")
        self.lhs = list(lhs)
        self.rhs = list(rhs)
        self.operator = operator

    def get_source_expressions(self) -> list[Any]:
        return [*self.lhs, *self.rhs]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        half = len(exprs) // 2
        self.lhs, self.rhs = list(exprs[:half]), list(exprs[half:])

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> tuple[str, tuple[Any, ...]]:
        sides: list[str] = []
        params: list[Any] = []
        for row in (self.lhs, self.rhs):
            parts = []
            for expr in row:
                sql, part_params = compiler.compile(expr)
                parts.append(sql)
                params.extend(part_params)
            sides.append(f"({', '.join(parts)})")
        return f"{sides[0]} {self.operator} {sides[1]}", tuple(params)


@dataclass(frozen=True)
class KeysetPage(Generic[T]):
    """One page of rows, with the cursors of the pages before and after it."""

    object_list: list[T] = field(repr=False)
    next_cursor: str | None = None
    previous_cursor: str | None = None
    per_page: int = DEFAULT_PER_PAGE
    order: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[T]:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def __bool__(self) -> bool:
        return bool(self.object_list)

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_cursor is not None

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def is_first(self) -> bool:
        return self.previous_cursor is None


def _order_of(queryset: QuerySet[Any], order_fields: Sequence[str] | None) -> tuple[str, ...]:
    given = list(order_fields if order_fields is not None else queryset.query.order_by)
    if not given or not all(isinstance(name, str) for name in given):
        raise ValueError("Keyset pagination needs an explicit order of field names.")
    order = tuple(str(name) for name in given)
    descending = {name.startswith("-") for name in order}
    if len(descending) != 1:
        raise ValueError("Keyset pagination needs all fields in the same direction.")
    last = order[-1].lstrip("-")
    model_pk = queryset.model._meta.pk
    if last != "pk" and (model_pk is None or last not in {model_pk.name, model_pk.attname}):
        raise ValueError("The last field of a keyset order must be the primary key.")
    return order


def _field(model: type[Model], name: str) -> Field[Any, Any]:
    if name == "pk":
        pk = model._meta.pk
        assert pk is not None
        return pk
    found = model._meta.get_field(name)
    if not isinstance(found, Field) or "__" in name:
        raise ValueError(f"{name!r} is not a field of {model.__name__}.")
    return found


def _plain(value: Any) -> Any:
    """A JSON value for a cursor, keeping full precision (microseconds included)."""
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    return value


def _salt(order: tuple[str, ...], namespace: str) -> str:
    return f"{_SALT}:{namespace}:{','.join(order)}"


def cursor_for(obj: Model, order: Sequence[str], direction: str, namespace: str = "") -> str:
    """The signed cursor of ``obj``'s place in ``order`` (``"n"`` after it, ``"p"`` before)."""
    model = type(obj)
    key = [_plain(getattr(obj, _field(model, name.lstrip("-")).attname)) for name in order]
    return signing.dumps({"k": key, "d": direction}, salt=_salt(tuple(order), namespace))


def _cursor_read(
    cursor: str | None, model: type[Model], order: tuple[str, ...], namespace: str
) -> tuple[list[Any], str] | None:
    """The key and direction in ``cursor``, or None if it is missing, forged or stale."""
    if not cursor:
        return None
    try:
        data = signing.loads(cursor, salt=_salt(order, namespace))
        raw, direction = list(data["k"]), str(data["d"])
        if direction not in {_NEXT, _PREVIOUS} or len(raw) != len(order):
            return None
        key = [
            _field(model, name.lstrip("-")).to_python(value)
            for name, value in zip(order, raw, strict=True)
        ]
    except (signing.BadSignature, KeyError, TypeError, ValueError, ValidationError):
        return None
    return key, direction


def keyset_page(
    queryset: QuerySet[T],
    order_fields: Sequence[str] | None = None,
    cursor: str | None = None,
    per_page: int = DEFAULT_PER_PAGE,
    *,
    namespace: str = "",
) -> KeysetPage[T]:
    """The page of ``queryset`` after (or before) ``cursor``; the first page without one.

    ``order_fields`` defaults to the queryset's own ``order_by``; a cursor made for
    another order (or ``namespace``), or one that was tampered with, gives the first
    page. Runs one query: ``per_page + 1`` rows, the extra one telling whether there is
    a page beyond.
    """
    order = _order_of(queryset, order_fields)
    model = queryset.model
    descending = order[0].startswith("-")
    names = [name.lstrip("-") for name in order]
    parsed = _cursor_read(cursor, model, order, namespace)
    backwards = parsed is not None and parsed[1] == _PREVIOUS
    qs = queryset
    if parsed is not None:
        key = parsed[0]
        after = (not backwards) != descending  # the rows with a greater key
        qs = qs.filter(
            _RowCompare(
                [F(name) for name in names],
                [
                    Value(value, output_field=_field(model, name))
                    for name, value in zip(names, key, strict=True)
                ],
                ">" if after else "<",
            )
        )
    walk = [name.lstrip("-") if name.startswith("-") else f"-{name}" for name in order]
    rows = list(qs.order_by(*(walk if backwards else order))[: per_page + 1])
    if parsed is not None and not rows:
        # Nothing beyond the cursor any more (rows were decided or deleted): start over.
        return keyset_page(queryset, order, None, per_page, namespace=namespace)
    more = len(rows) > per_page
    rows = rows[:per_page]
    if backwards:
        rows.reverse()
    has_before = more if backwards else parsed is not None
    has_after = True if backwards else more
    return KeysetPage(
        object_list=rows,
        next_cursor=cursor_for(rows[-1], order, _NEXT, namespace) if rows and has_after else None,
        previous_cursor=(
            cursor_for(rows[0], order, _PREVIOUS, namespace) if rows and has_before else None
        ),
        per_page=per_page,
        order=order,
    )


@dataclass(frozen=True)
class BoundedCount:
    """How many rows a list has, counted up to ``limit``: ``more`` when there are more."""

    count: int
    limit: int

    @property
    def more(self) -> bool:
        return self.count > self.limit

    @property
    def shown(self) -> int:
        """The figure to show: the count, or the limit when there are more."""
        return min(self.count, self.limit)


def bounded_count(queryset: QuerySet[Any], limit: int = DEFAULT_COUNT_LIMIT) -> BoundedCount:
    """Count at most ``limit + 1`` rows of ``queryset`` (never a scan of the whole table)."""
    return BoundedCount(count=queryset.order_by()[: limit + 1].count(), limit=limit)
