"""Durations in the words the staff pages use.

:func:`umur` says how long ago something happened, in the two largest adjacent units
(``2 hari, 3 jam``), as Django's ``timesince`` does with the Indonesian locale, but
with fixed month and year lengths and without the translation machinery per call: a
queue page formats 50 of them.
"""

from __future__ import annotations

from datetime import datetime

_MENIT = 60
_JAM = 60 * _MENIT
_HARI = 24 * _JAM
_UNITS: tuple[tuple[int, str], ...] = (
    (365 * _HARI, "tahun"),
    (30 * _HARI, "bulan"),
    (7 * _HARI, "minggu"),
    (_HARI, "hari"),
    (_JAM, "jam"),
    (_MENIT, "menit"),
)


def umur(since: datetime, now: datetime) -> str:
    """``since`` as an age at ``now``: ``3 bulan, 1 minggu``, ``5 jam``, ``0 menit``.

    The largest unit that fits, and the next smaller unit when it is not zero; a time in
    the future counts as ``0 menit``.
    """
    rest = max(0, int((now - since).total_seconds()))
    for index, (size, name) in enumerate(_UNITS):
        count, rest = divmod(rest, size)
        if count:
            text = f"{count} {name}"
            if index + 1 < len(_UNITS):
                next_size, next_name = _UNITS[index + 1]
                next_count = rest // next_size
                if next_count:
                    text += f", {next_count} {next_name}"
            return text
    return "0 menit"
