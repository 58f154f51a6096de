"""Small helpers: absolute links and redaction of personal data in error texts."""

from __future__ import annotations

from django.conf import settings


def absolute_url(path: str) -> str:
    """Return ``path`` as an absolute URL on ``settings.SITE_URL``; absolute URLs pass."""
    if path.startswith(("http://", "https://")):
        return path
    base = settings.SITE_URL.rstrip("/")
    if not path.startswith("/"):
        path = "/" + path
    return base + path


def is_link_key(key: str) -> bool:
    """Whether a context key names a link (``aktivasi_url``, ``link``, ``reset_link``)."""
    return key.endswith(("url", "link"))


def redact(text: str, *secrets: str) -> str:
    """Replace every occurrence of ``secrets`` (recipients) in ``text`` with ``***``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
            if secret.startswith("+"):
                text = text.replace(secret[1:], "***")
    return text
