"""Shared pytest fixtures: a real Chromium for browser tests, and a real server for them.

Browser tests drive Debian's Chromium through Playwright against ``e2e_server``: a
gunicorn process of the production server with its own fresh database (SQLite file, or a
new PostgreSQL database when ``DATABASE_URL`` is set) and the same data ``make run``
loads. They only talk HTTP to it, as a citizen's browser would.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

# Playwright's sync API runs an event loop in the main thread; our tests may still use
# the ORM beside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORTS = {"mobile": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}
E2E_REGION_PREFIX = "33"  # Jawa Tengah: enough for every flow, loads in a second.


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _e2e_database_url(tag: str) -> str | None:
    """Create a fresh PostgreSQL database for the server when tests run on PostgreSQL."""
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        return None
    import psycopg

    name = f"sintren_e2e_{tag}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(base)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _drop_database(db_url: str) -> None:
    import psycopg

    parts = urlsplit(db_url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit((parts.scheme, parts.netloc, "/postgres", parts.query, ""))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _wait_until_up(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"e2e server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as resp:  # noqa: S310
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("e2e server did not come up")


@pytest.fixture(scope="session")
def e2e_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a real gunicorn server with demo data, started once per test run."""
    tag = uuid.uuid4().hex[:8]
    data_dir = tmp_path_factory.mktemp("e2e")
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SINTREN_DATA_DIR": str(data_dir),
        "SITE_URL": base_url,
        "CACHE_KEY_PREFIX": f"e2e{tag}",
    }
    db_url = _e2e_database_url(tag)
    if db_url:
        env["DATABASE_URL"] = db_url
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "sintren_setup", "--wilayah", E2E_REGION_PREFIX, "--quiet"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    gunicorn = str(Path(python).with_name("gunicorn"))
    server = subprocess.Popen(
        [gunicorn, "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2", "--threads", "8"],
        cwd=ROOT,
        env=env,
    )
    try:
        _wait_until_up(base_url, server)
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(data_dir, ignore_errors=True)
        if db_url:
            _drop_database(db_url)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole run (Debian's, not a downloaded build)."""
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM}"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (browser tests must run in CI)")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


def _new_page(browser: Any, viewport: str) -> Any:
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="id-ID")
    context.set_default_timeout(15_000)
    return context.new_page()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A desktop-sized page in a fresh browser context (no cookies)."""
    pg = _new_page(browser, "desktop")
    yield pg
    pg.context.close()


@pytest.fixture
def mobile_page(browser: Any) -> Iterator[Any]:
    """A 360 px wide page, as on a cheap phone."""
    pg = _new_page(browser, "mobile")
    yield pg
    pg.context.close()


@pytest.fixture
def axe_violations() -> Any:
    """Run axe-core in the page and return its WCAG 2.1 AA violations."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def run(pg: Any) -> list[dict[str, Any]]:
        result = axe.run(
            pg,
            options={
                "runOnly": {
                    "type": "tag",
                    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
                }
            },
        )
        return list(result.response["violations"])

    return run


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The test database, plus the database cache's table (captcha answers live there).

    ``migrate`` does not create it; ``flush`` between transactional tests leaves it be.
    """
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)
    yield
    # Return the pooled PostgreSQL connections (threads of the concurrency tests hold
    # some), so that pytest-django can drop the test database afterwards.
    from django.db import connection, connections

    if connection.vendor == "postgresql":
        # Connections that threads of the concurrency tests took out of the pool.
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
    for conn in connections.all(initialized_only=True):
        conn.close()
        close_pool = getattr(conn, "close_pool", None)
        if close_pool is not None:
            close_pool()


class ServedSintren:
    """``manage.py serve`` (gunicorn and the workers under the supervisor) on its own data.

    ``database_url`` is its fresh PostgreSQL database, or ``None`` on the SQLite file
    ``sqlite_path``. ``log()`` is everything the supervisor and its children printed.
    """

    def __init__(
        self,
        base_url: str,
        proc: subprocess.Popen[bytes],
        env: dict[str, str],
        log_path: Path,
        data_dir: Path,
    ) -> None:
        self.base_url = base_url
        self.proc = proc
        self.env = env
        self.log_path = log_path
        self.database_url = env.get("DATABASE_URL") or None
        self.sqlite_path = None if self.database_url else data_dir / "sintren.sqlite3"

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def buka_layanan(self, slug: str) -> str:
        """``manage.py pengajuan_buka_layanan slug``; its output, once every server
        process sees the change (each trusts the content version it read for
        ``CHECK_SECONDS`` of sintren.core.konten; the applicant's side menu is kept under it)."""
        from sintren.core.konten import CHECK_SECONDS

        opened = self.manage("pengajuan_buka_layanan", slug)
        time.sleep(CHECK_SECONDS + 0.5)
        return opened

    def manage(self, *args: str, timeout: float = 120) -> str:
        """Run a management command against the server's database; return its stdout."""
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        return done.stdout


@pytest.fixture(scope="session")
def sintren_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSintren]:
    """``manage.py serve`` as ``make run`` starts it, with the e2e data, behind a "proxy".

    ``TRUSTED_PROXIES=127.0.0.1``: a test may send ``X-Forwarded-For`` to act as many
    clients. Stopping it (SIGTERM) at the end must print "SINTREN stopped.".
    """
    import signal

    tag = uuid.uuid4().hex[:8]
    data_dir = tmp_path_factory.mktemp("served")
    log_path = tmp_path_factory.mktemp("served-log") / "serve.log"
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SINTREN_DATA_DIR": str(data_dir),
        "SITE_URL": base_url,
        "CACHE_KEY_PREFIX": f"served{tag}",
        "TRUSTED_PROXIES": "127.0.0.1",
        "PYTHONUNBUFFERED": "1",
    }
    db_url = _e2e_database_url(f"served_{tag}")
    if db_url:
        env["DATABASE_URL"] = db_url
    subprocess.run(
        [sys.executable, "manage.py", "sintren_setup", "--wilayah", E2E_REGION_PREFIX, "--quiet"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: nothing is left behind
        )
    served = ServedSintren(base_url, server, env, log_path, data_dir)
    try:
        _wait_until_up(base_url, server)
        yield served
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        shutil.rmtree(data_dir, ignore_errors=True)
        if db_url:
            _drop_database(db_url)
    stopped = served.log()
    assert server.returncode == 0, stopped[-2000:]
    assert stopped.rstrip().endswith("SINTREN stopped."), stopped[-2000:]


# --- Personas (DESIGN: fixtures per persona, shared by every app's tests) ------------------


@pytest.fixture
def wilayah_pekalongan(db: None) -> Any:
    """Jawa Tengah > Kabupaten Pekalongan > Karanganyar > Karangsari (the village)."""
    from sintren.accounts.tests.factories import wilayah_pekalongan_create

    return wilayah_pekalongan_create()


@pytest.fixture
def pemohon(wilayah_pekalongan: Any) -> Any:
    """An active applicant (password ``Rahasia123``)."""
    from sintren.accounts.tests.factories import PemohonFactory

    return PemohonFactory.create(aktif=True)


@pytest.fixture
def pemohon_lain(wilayah_pekalongan: Any) -> Any:
    """Another active applicant, of another family."""
    from sintren.accounts.tests.factories import PemohonFactory

    return PemohonFactory.create(aktif=True)


@pytest.fixture
def verifikator(db: None) -> Any:
    """A verifier of the Dinas (password ``Rahasia123``)."""
    from sintren.accounts.models import User
    from sintren.accounts.tests.factories import StaffFactory

    return StaffFactory.create(role=User.Role.VERIFIKATOR)


@pytest.fixture
def admin(db: None) -> Any:
    """An admin of the Dinas (password ``Rahasia123``)."""
    from sintren.accounts.models import User
    from sintren.accounts.tests.factories import StaffFactory

    return StaffFactory.create(role=User.Role.ADMIN, is_superuser=True)


@pytest.fixture
def perangkat_admin(admin: Any) -> Any:
    """The admin's confirmed authenticator device (``backoffice.tests.utils.ADMIN_SECRET``)."""
    from sintren.backoffice.models import PerangkatTotp
    from sintren.backoffice.tests.utils import ADMIN_SECRET

    return PerangkatTotp.objects.create(user=admin, secret=ADMIN_SECRET, confirmed=True)


@pytest.fixture
def verifikator_client(client: Any, verifikator: Any) -> Any:
    """A client logged in as the verifikator (no second factor needed)."""
    client.force_login(verifikator)
    return client


@pytest.fixture
def admin_client_otp(client: Any, admin: Any, perangkat_admin: Any) -> Any:
    """A client logged in as the admin, second factor passed in this session."""
    from sintren.backoffice.auth import OTP_KEY

    client.force_login(admin)
    session = client.session
    session[OTP_KEY] = admin.pk
    session.save()
    return client
