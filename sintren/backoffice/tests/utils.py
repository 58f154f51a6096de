"""Helpers of the back-office tests."""

from __future__ import annotations

import re
import time

import pyotp

ADMIN_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")
LINK_TARGET = re.compile(r"""(?:href|action|src)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)


def wrong_code(secret: str) -> str:
    """A well-formed code that is not valid now (nor two steps either side)."""
    gen = pyotp.TOTP(secret)
    valid = {gen.at(time.time() + offset * 30) for offset in (-2, -1, 0, 1, 2)}
    return next(f"{n:06d}" for n in range(1_000_000) if f"{n:06d}" not in valid)


def urls_in(html: str) -> list[str]:
    """Every href/action/src target in the page."""
    return LINK_TARGET.findall(html)


def assert_no_nik_in_urls(html: str) -> None:
    """No link, form action or source of the page carries a 16-digit number."""
    offending = [url for url in urls_in(html) if SIXTEEN_DIGITS.search(url)]
    assert not offending, offending
