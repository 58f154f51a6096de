"""Test helpers for forms protected by the math captcha (ACC-12)."""

from __future__ import annotations

import html
import re

_QUESTION_RE = re.compile(
    r"Berapa\s+(?:hasil\s+perhitungan\s+dari\s+)?(\d+)\s+(dikali|ditambah|dikurangi)\s+(\d+)\s*\?"
)
_TOKEN_RE = re.compile(r'<input[^>]*name="(?:[\w-]+-)?captcha_token"[^>]*>')
_VALUE_RE = re.compile(r'value="([^"]*)"')


def solve_captcha(question: str) -> int:
    """Answer a question such as ``Berapa 6 dikali 3?`` (also found inside HTML)."""
    match = _QUESTION_RE.search(html.unescape(question))
    if match is None:
        raise ValueError(f"No captcha question in {question[:200]!r}")
    a, operation, b = int(match[1]), match[2], int(match[3])
    if operation == "dikali":
        return a * b
    if operation == "ditambah":
        return a + b
    return a - b


def captcha_post_data(page: str | bytes, prefix: str = "") -> dict[str, str]:
    """The captcha fields, answered, from a rendered page: merge them into a POST.

    ``page`` is the page's HTML (``response.content`` works). ``prefix`` is the form's
    prefix, if it has one.
    """
    text = page.decode() if isinstance(page, bytes) else page
    name = f"{prefix}-" if prefix else ""
    token_input = _TOKEN_RE.search(text)
    if token_input is None:
        raise ValueError("No captcha_token input on the page")
    token = _VALUE_RE.search(token_input[0])
    if token is None:
        raise ValueError("The captcha_token input has no value")
    return {f"{name}captcha_token": token[1], f"{name}captcha": str(solve_captcha(text))}
