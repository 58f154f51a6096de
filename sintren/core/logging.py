"""Keep live link tokens out of log lines (SEC-3).

An activation or password-reset link is a credential until it is used: whoever reads
``/pemohon/aktivasi/<token>/`` in a log can activate the account. Django's
``django.request`` logger writes the path of every 4xx/5xx answer ("Gone: …",
"Bad Request: …"), ``runserver`` and gunicorn write it in their access lines, and the
``Referer`` of the page's own static files repeats it. :class:`RedactTokensFilter`
replaces, after any of :data:`TOKEN_PATH_PREFIXES`, every run of 20 or more URL-safe
characters by :data:`REDACTED`, in the message, its arguments and the traceback text.

Installed in ``settings.LOGGING`` (Django's loggers and the console handler) and, for
gunicorn's own loggers, by the logger class of ``gunicorn.conf.py``. This module imports
nothing from Django, so gunicorn can load it before the application.
"""

from __future__ import annotations

import logging
import re
from collections.abc import MutableMapping
from typing import Any

# Paths whose segments after the prefix are secrets. A later route with a token in its
# path adds its prefix here.
TOKEN_PATH_PREFIXES: tuple[str, ...] = ("/pemohon/aktivasi/", "/pemohon/reset/")
REDACTED = "[redacted]"

# Matched without the leading slash: Django's Resolver404 names the path without it.
_BARE_PREFIXES = tuple(prefix.lstrip("/") for prefix in TOKEN_PATH_PREFIXES)
# The prefix, then the rest of the path up to a query, fragment, quote or blank.
_TOKEN_PATH = re.compile(
    "(" + "|".join(re.escape(prefix) for prefix in _BARE_PREFIXES) + ")" + r"([^\s?#\"'<>]*)"
)
# A token: 20+ characters of the URL-safe alphabet (unreserved characters, and "%" for a
# percent-encoded one). "berhasil" (the confirmation page) stays readable.
_LONG_RUN = re.compile(r"[A-Za-z0-9._~%-]{20,}")
_TRACEBACK_FORMATTER = logging.Formatter()


def redact(text: str) -> str:
    """``text`` with the token segments of every token path replaced by :data:`REDACTED`."""
    if not any(prefix in text for prefix in _BARE_PREFIXES):
        return text
    return _TOKEN_PATH.sub(lambda m: m.group(1) + _LONG_RUN.sub(REDACTED, m.group(2)), text)


def _redact_value(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, BaseException):
        text = str(value)
        redacted = redact(text)
        return redacted if redacted != text else value
    return value


class RedactTokensFilter(logging.Filter):
    """Redact link tokens in a record's message, arguments, traceback and stack text.

    On a logger it changes the record for every handler (also pytest's ``caplog``); on a
    handler it also covers records propagated from child loggers. It never drops a record.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        args = record.args
        if isinstance(args, tuple):
            record.args = tuple(_redact_value(arg) for arg in args)
        elif isinstance(args, MutableMapping):
            # gunicorn's access atoms: a dict subclass that answers "-" for a missing
            # key, so it is changed in place rather than replaced.
            for key, value in list(args.items()):
                if isinstance(value, str | BaseException):
                    args[key] = _redact_value(value)
        if record.exc_info and not record.exc_text:
            record.exc_text = _TRACEBACK_FORMATTER.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
