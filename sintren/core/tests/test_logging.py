"""No live activation or reset token in any log line (SEC-3).

The requests go through the test client as an attacker's (or a citizen's mistyped link)
would; ``caplog`` sees every record the loggers emit, as a log file would. The running
gunicorn's access log is checked in ``tests/test_hardening.py``.
"""

from __future__ import annotations

import logging
import runpy
import secrets
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from sintren.accounts.services import aktivasi_token_issue
from sintren.accounts.tests.factories import PemohonFactory, wilayah_pekalongan_create
from sintren.accounts.tokens import reset_link_token
from sintren.core.logging import REDACTED, TOKEN_PATH_PREFIXES, RedactTokensFilter, redact

ROOT = Path(__file__).resolve().parents[3]


def _logged(caplog: pytest.LogCaptureFixture) -> str:
    """Every captured record as a log file would show it (message and traceback)."""
    formatter = logging.Formatter("%(name)s %(message)s")
    return "\n".join(formatter.format(record) for record in caplog.records)


@pytest.fixture
def live_tokens(db: None) -> dict[str, str]:
    """A real activation token and a real reset link segment, both still usable."""
    wilayah_pekalongan_create()
    return {
        "aktivasi": aktivasi_token_issue(pemohon=PemohonFactory.create(disetujui=True)),
        "reset": reset_link_token(PemohonFactory.create(aktif=True).user),
    }


def test_a_wrong_activation_link_is_logged_without_its_token(
    client: Client, db: None, caplog: pytest.LogCaptureFixture
) -> None:
    token = secrets.token_urlsafe(32)
    assert client.get(f"/pemohon/aktivasi/{token}/").status_code == 410
    assert client.get(f"/pemohon/aktivasi/{token}/lagi/").status_code == 404
    logged = _logged(caplog)
    assert f"Gone: /pemohon/aktivasi/{REDACTED}/" in logged
    assert f"Not Found: /pemohon/aktivasi/{REDACTED}/lagi/" in logged
    assert token not in logged
    assert all(token not in record.getMessage() for record in caplog.records)


def test_a_wrong_reset_link_is_logged_without_its_token(
    client: Client, db: None, caplog: pytest.LogCaptureFixture
) -> None:
    segment = f"MQ.{time.time_ns():x}-{secrets.token_hex(10)}"
    assert client.get(f"/pemohon/reset/{segment}/").status_code == 400
    logged = _logged(caplog)
    assert f"Bad Request: /pemohon/reset/{REDACTED}/" in logged
    assert segment.split(".", 1)[1] not in logged


def test_a_live_link_refused_by_csrf_is_logged_without_its_token(
    live_tokens: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    # django.security.csrf and django.request both name the path of a refused form.
    client = Client(enforce_csrf_checks=True)
    for path in (
        f"/pemohon/aktivasi/{live_tokens['aktivasi']}/",
        f"/pemohon/reset/{live_tokens['reset']}/",
    ):
        assert client.post(path, {"nama_ibu": "x"}).status_code == 403
    logged = _logged(caplog)
    assert "Forbidden (CSRF cookie not set.)" in logged
    assert live_tokens["aktivasi"] not in logged
    assert live_tokens["reset"].split(".", 1)[1] not in logged


def test_a_server_error_traceback_is_redacted_too(caplog: pytest.LogCaptureFixture) -> None:
    token = secrets.token_urlsafe(32)
    logger = logging.getLogger("django.request")
    try:
        raise ValueError(f"no route for pemohon/aktivasi/{token}/")
    except ValueError:
        logger.exception("Internal Server Error: %s", f"/pemohon/aktivasi/{token}/")
    logged = _logged(caplog)
    assert "Internal Server Error" in logged
    assert "ValueError: no route for pemohon/aktivasi/" in logged
    assert token not in logged


# --- The filter itself ----------------------------------------------------------------------
TOKEN = "Xk3_9vQ-abcdefghijklmnopqrstuvwxyz0123456"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"/pemohon/aktivasi/{TOKEN}/", f"/pemohon/aktivasi/{REDACTED}/"),
        (f"Gone: /pemohon/reset/MQ.cd1234-{TOKEN[:20]}/", f"Gone: /pemohon/reset/{REDACTED}/"),
        (
            f'"GET /pemohon/aktivasi/{TOKEN}/?x=1 HTTP/1.1" 410',
            f'"GET /pemohon/aktivasi/{REDACTED}/?x=1 HTTP/1.1" 410',
        ),
        (f"https://x.go.id/pemohon/reset/{TOKEN}", f"https://x.go.id/pemohon/reset/{REDACTED}"),
        (f"'path': 'pemohon/aktivasi/{TOKEN}/'", f"'path': 'pemohon/aktivasi/{REDACTED}/'"),
        (f"/pemohon/aktivasi/a/{TOKEN}/", f"/pemohon/aktivasi/a/{REDACTED}/"),
        (f"/pemohon/aktivasi/{TOKEN}%22)", f"/pemohon/aktivasi/{REDACTED})"),
        # Not a token: the confirmation page, other pages, short segments.
        ("/pemohon/aktivasi/berhasil/", "/pemohon/aktivasi/berhasil/"),
        (f"/pemohon/profil/{TOKEN}/", f"/pemohon/profil/{TOKEN}/"),
        ("/pemohon/reset/pendek/", "/pemohon/reset/pendek/"),
    ],
)
def test_redact(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_prefixes_are_a_tuple_of_paths() -> None:
    assert isinstance(TOKEN_PATH_PREFIXES, tuple)
    assert all(p.startswith("/") and p.endswith("/") for p in TOKEN_PATH_PREFIXES)


def test_filter_keeps_a_mapping_of_arguments_in_place() -> None:
    class Atoms(dict[str, Any]):
        def __missing__(self, key: str) -> str:
            return "-"

    atoms = Atoms(U=f"/pemohon/aktivasi/{TOKEN}/", s=410)
    record = logging.LogRecord(
        "gunicorn.access", logging.INFO, "", 0, "%(U)s %(s)s %(x)s", (), None
    )
    record.args = atoms
    assert RedactTokensFilter().filter(record)
    assert record.args is atoms
    assert record.getMessage() == f"/pemohon/aktivasi/{REDACTED}/ 410 -"


# --- gunicorn's loggers, as ./gunicorn.conf.py sets them up ----------------------------------
@pytest.fixture
def gunicorn_logger() -> Iterator[Any]:
    """gunicorn's logger built from the project's gunicorn.conf.py; loggers restored after."""
    from gunicorn.config import Config

    names = ("gunicorn.error", "gunicorn.access")
    saved = {
        name: (logging.getLogger(name).handlers[:], logging.getLogger(name).filters[:])
        for name in names
    }
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    cfg = Config()
    cfg.set("logger_class", conf["logger_class"])
    cfg.set("access_log_format", conf["access_log_format"])
    cfg.set("accesslog", "-")
    logger = cfg.logger_class(cfg)
    yield logger
    for name, (handlers, filters) in saved.items():
        log = logging.getLogger(name)
        log.handlers[:] = handlers
        log.filters[:] = filters


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def test_gunicorn_error_log_redacts_the_request_uri(gunicorn_logger: Any) -> None:
    collect = _Collect()
    gunicorn_logger.error_log.addHandler(collect)
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        gunicorn_logger.exception("Error handling request %s", f"/pemohon/reset/{TOKEN}/")
    assert collect.lines
    assert f"/pemohon/reset/{REDACTED}/" in collect.lines[0]
    assert TOKEN not in "\n".join(collect.lines)


def test_gunicorn_access_format_has_no_query_string_nor_referer(gunicorn_logger: Any) -> None:
    fmt = gunicorn_logger.cfg.access_log_format
    assert "%(U)s" in fmt
    assert all(atom not in fmt for atom in ("%(r)s", "%(q)s", "%(f)s"))
