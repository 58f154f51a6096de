"""Template filters that show values the way the applicant UI writes them.

``{% load format_tags %}``, then:

* ``{{ nomor|nomor_hp }}``: an Indonesian phone number in the local, grouped form,
  ``+6285293499722`` → ``0852-9349-9722``; a partly hidden one keeps its stars,
  ``+62812*****890`` → ``0812-****-*890``.
* ``{{ kb|ukuran_mb }}``: a size in kilobytes (KiB) as megabytes, ``10240`` → ``10 MB``,
  ``1536`` → ``1,5 MB``.
* ``{{ waktu|lama }}``: how long ago, in the staff pages' words (``2 hari, 3 jam``,
  :func:`sintren.core.waktu.umur`); empty for no time.
"""

from __future__ import annotations

import re
from datetime import datetime

from django import template
from django.utils import timezone

from sintren.core.waktu import umur

register = template.Library()

# Digits, or the stars of a partly hidden number, after an optional + and country code.
_PHONE_RE = re.compile(r"^(?:\+?62|0)([0-9*]{6,13})$")
_SEPARATORS_RE = re.compile(r"[\s.()-]")
_KB_PER_MB = 1024


@register.filter
def nomor_hp(value: object) -> str:
    """``0852-9349-9722`` from ``+6285293499722``, ``6285293499722`` or ``085293499722``.

    Anything that is not an Indonesian number is returned as it came.
    """
    text = "" if value is None else str(value)
    match = _PHONE_RE.match(_SEPARATORS_RE.sub("", text))
    if match is None:
        return text
    local = "0" + match[1]
    head, rest = local[:4], local[4:]
    groups = [head, rest] if len(rest) <= 4 else [head, rest[:4], rest[4:]]
    return "-".join(groups)


@register.filter
def ukuran_mb(kilobytes: object) -> str:
    """A size given in kilobytes, in megabytes with a decimal comma: ``1,5 MB``."""
    try:
        kb = int(str(kilobytes))
    except ValueError:
        return str(kilobytes)
    megabytes = max(round(kb / _KB_PER_MB, 1), 0.1 if kb > 0 else 0)
    if megabytes == int(megabytes):
        return f"{int(megabytes)} MB"
    return f"{megabytes:.1f}".replace(".", ",") + " MB"


@register.filter
def lama(since: object) -> str:
    """How long ago ``since`` was (``2 hari, 3 jam``); ``""`` when it is not a time."""
    if not isinstance(since, datetime):
        return ""
    return umur(since, timezone.now())
