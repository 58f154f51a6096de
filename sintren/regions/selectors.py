"""Reads of the region tree: children, lookup, ancestor chain, NIK district prefixes."""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.db.models import QuerySet

from .models import Wilayah

_CODE_RE = re.compile(r"\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?")
_SEGMENT_ENDS = (2, 5, 8, 13)


def wilayah_code_is_wellformed(code: str) -> bool:
    """True for a dotted Kemendagri code of any level (``33``, ``33.26``, …)."""
    return isinstance(code, str) and bool(_CODE_RE.fullmatch(code))


def wilayah_level_of(code: str) -> int | None:
    """The level a well-formed code denotes (1..4), from its shape alone."""
    if not wilayah_code_is_wellformed(code):
        return None
    return _SEGMENT_ENDS.index(len(code)) + 1


def wilayah_ancestor_codes(code: str) -> list[str]:
    """Codes from the province down to ``code`` itself; empty for a malformed code."""
    if not wilayah_code_is_wellformed(code):
        return []
    return [code[:end] for end in _SEGMENT_ENDS if end <= len(code)]


def wilayah_get(code: str, *, level: int | None = None) -> Wilayah | None:
    """The region with this code (and level, if given), or None."""
    if not wilayah_code_is_wellformed(code):
        return None
    if level is not None and wilayah_level_of(code) != level:
        return None
    return Wilayah.objects.filter(code=code).first()


def wilayah_children(parent_code: str | None) -> QuerySet[Wilayah]:
    """Regions directly under ``parent_code`` (provinces when None), ordered by name."""
    if parent_code is None:
        return Wilayah.objects.filter(level=Wilayah.Level.PROVINSI).order_by("name")
    if not wilayah_code_is_wellformed(parent_code):
        return Wilayah.objects.none()
    return Wilayah.objects.filter(parent_id=parent_code).order_by("name")


def wilayah_ancestors(code: str) -> list[Wilayah]:
    """The chain province → … → the region itself (e.g. to prefill a form from a village).

    Empty when the code is unknown; one query.
    """
    codes = wilayah_ancestor_codes(code)
    found = {w.code: w for w in Wilayah.objects.filter(code__in=codes)}
    if code not in found:
        return []
    return [found[c] for c in codes if c in found]


def wilayah_chain_is_consistent(codes: Sequence[str]) -> bool:
    """True when the codes form a top-down chain (``33``, ``33.26``, ``33.26.07`` …).

    Shape only, no query: each code is well formed, one level deeper than the previous
    and starts with it.
    """
    expected_level = 1
    previous = ""
    for code in codes:
        if wilayah_level_of(code) != expected_level:
            return False
        if previous and not code.startswith(previous + "."):
            return False
        previous, expected_level = code, expected_level + 1
    return True


def district_code_from_digits(digits: str) -> str | None:
    """``"332607"`` (a NIK's or KK's first six digits) → ``"33.26.07"``; None if not 6 digits."""
    if not (isinstance(digits, str) and len(digits) == 6 and digits.isascii() and digits.isdigit()):
        return None
    return f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}"


def district_code_exists(digits: str) -> bool:
    """Whether a district (kecamatan) with the code of these six digits exists.

    Used to check the prefix of a NIK or KK: ``district_code_exists("332607")`` is True
    because ``33.26.07`` (Karanganyar) is a district.
    """
    code = district_code_from_digits(digits)
    if code is None:
        return False
    return Wilayah.objects.filter(code=code, level=Wilayah.Level.KECAMATAN).exists()


def wilayah_names(codes: set[str]) -> dict[str, str]:
    """Map each known code of ``codes`` to its name (one query)."""
    return dict(Wilayah.objects.filter(code__in=codes).values_list("code", "name"))
