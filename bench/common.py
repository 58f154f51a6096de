"""What bench/kuota.py and bench/daftar_pengajuan.py share: the production server, a
database of their own, keep-alive browsers with cookies, percentiles.

The server is ``manage.py serve`` as ``make run`` starts it (gunicorn, 2 workers x 8
threads, plus the task worker, the notification sweeper and the housekeeping loop), on a
free loopback port, in a fresh data directory.
"""

from __future__ import annotations

import gzip
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- databases -----------------------------------------------------------------------------
def database_url(base: str, name: str) -> str:
    """``base`` (any database on a PostgreSQL server) pointed at database ``name``."""
    parts = urlsplit(base)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def psql(base: str, *statements: str) -> None:
    """Run statements in the server's ``postgres`` database (CREATE/DROP DATABASE)."""
    import psycopg

    with psycopg.connect(database_url(base, "postgres"), autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def pg_exists(base: str, name: str) -> bool:
    import psycopg

    with psycopg.connect(database_url(base, "postgres")) as conn:
        row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return row is not None


# --- Django commands and the server --------------------------------------------------------
def bench_env(port: int, data_dir: Path, db_url: str | None, prefix: str) -> dict[str, str]:
    """The environment of the server and the Django subprocesses of one run."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SINTREN_DATA_DIR": str(data_dir),
        "SITE_URL": f"http://127.0.0.1:{port}",
        "CACHE_KEY_PREFIX": prefix,
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    if db_url:
        env["DATABASE_URL"] = db_url
    return env


def manage(env: dict[str, str], *args: str) -> float:
    """Run ``manage.py args``; the seconds it took."""
    started = time.monotonic()
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)
    return time.monotonic() - started


def in_django(script: str, env: dict[str, str], *args: str) -> Any:
    """Run ``script`` (a bench script) with ``args`` in a subprocess; its last stdout line
    as JSON (the subprocess sets Django up on the bench database)."""
    out = subprocess.run(
        [sys.executable, script, *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def django_setup() -> None:
    """Set Django up inside a bench subprocess (settings from the environment)."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def login_sessions(users: list[Any]) -> list[str]:
    """A logged-in session per user (inside Django), as ``login()`` and ``session_start``
    leave it: written straight into the session store, so that hundreds of clients need
    no Argon2 password check and no trip through the rate-limited login form."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils import timezone

    from sintren.core.sessions import LOGIN_AT_KEY, SEEN_AT_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore
    backend = settings.AUTHENTICATION_BACKENDS[0]
    now = int(timezone.now().timestamp())
    keys = []
    for user in users:
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = backend
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[LOGIN_AT_KEY] = session[SEEN_AT_KEY] = now
        session.create()
        keys.append(str(session.session_key))
    return keys


@contextmanager
def serve(env: dict[str, str], port: int, workers: int, log: Path) -> Iterator[int]:
    """``manage.py serve`` on ``port`` until the block ends; yields its process id.

    SIGTERM ends it as Ctrl-C would: the supervisor stops gunicorn and the workers.
    """
    cmd = [sys.executable, "manage.py", "serve", "--host", "127.0.0.1", "--port", str(port)]
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [*cmd, "--workers", str(workers)], cwd=ROOT, env=env, stdout=out, stderr=out
        )
        try:
            for _ in range(600):
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                    conn.request("GET", "/healthz")
                    if conn.getresponse().status == 200:
                        break
                except OSError:
                    time.sleep(0.1)
            else:
                raise RuntimeError(f"server did not start: see {log}")
            yield proc.pid
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@contextmanager
def data_dir(prefix: str, keep: bool = False) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield path
    finally:
        if not keep:
            shutil.rmtree(path, ignore_errors=True)


# --- a browser -----------------------------------------------------------------------------
class Browser:
    """One client: a keep-alive connection, its cookies, gzip like a browser."""

    def __init__(self, port: int, cookies: dict[str, str] | None = None) -> None:
        self.port = port
        self.cookies = dict(cookies or {})
        self.conn: http.client.HTTPConnection | None = None

    def connect(self) -> None:
        """A new connection (the server closes keep-alive connections idle for 2 s)."""
        if self.conn is not None:
            self.conn.close()
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        self.conn.connect()

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str, dict[str, str]]:
        """Status, body text and headers (last value of each, lower-case names)."""
        if self.conn is None:
            self.connect()
        assert self.conn is not None
        headers = {"Accept-Encoding": "gzip", "Accept-Language": "id"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=body, headers=headers)
        resp = self.conn.getresponse()
        raw = resp.read()
        if resp.getheader("Content-Encoding") == "gzip":
            raw = gzip.decompress(raw)
        for name, value in resp.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        found = {name.lower(): value for name, value in resp.getheaders()}
        return resp.status, raw.decode("utf-8", "replace"), found

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def csrf_of(page: str) -> str:
    match = CSRF_RE.search(page)
    if not match:
        raise RuntimeError("no CSRF token on the page")
    return match.group(1)


# --- figures -------------------------------------------------------------------------------
def percentiles(seconds: list[float]) -> dict[str, float]:
    """p50/p95/p99 and max in milliseconds (empty list: zeros)."""
    if not seconds:
        return {"p50": 0.0, "p95": 0.0, "p99": 0.0, "max": 0.0, "n": 0}
    if len(seconds) == 1:
        ms = seconds[0] * 1000
        return {"p50": ms, "p95": ms, "p99": ms, "max": ms, "n": 1}
    q = statistics.quantiles(seconds, n=100, method="inclusive")
    return {
        "p50": q[49] * 1000,
        "p95": q[94] * 1000,
        "p99": q[98] * 1000,
        "max": max(seconds) * 1000,
        "n": len(seconds),
    }


_WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("SINTREN %d %d %d %d %d %d\\n", latency:percentile(50),
    latency:percentile(95), latency:percentile(99), summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
end
"""


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def wrk_load(
    url: str,
    *,
    seconds: float,
    connections: int,
    headers: list[str] | None = None,
    cookies: list[str] | None = None,
) -> dict[str, float]:
    """Load ``url`` with wrk (keep-alive, ``connections`` at once) for ``seconds``.

    wrk costs a fraction of the CPU of Python clients, which share the server's cores
    here. ``cookies``: one ``Cookie`` header value per simulated user, taken in turn by
    successive requests. Returns req/s, p50/p95/p99 in ms, requests, non-2xx/3xx
    answers and socket errors (from a ``done`` script: wrk's own summary has no p95).
    """
    lua = _WRK_SCRIPT
    if cookies:
        lua += (
            "local cookies = {" + ", ".join(_lua_string(c) for c in cookies) + "}\n"
            "local sent = 0\n"
            "request = function()\n"
            "  sent = sent + 1\n"
            '  wrk.headers["Cookie"] = cookies[(sent % #cookies) + 1]\n'
            "  return wrk.format()\n"
            "end\n"
        )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua)
    try:
        duration = max(1, round(seconds))  # wrk takes whole seconds
        cmd = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{duration}s"]
        for header in ["Accept-Encoding: gzip", *(headers or [])]:
            cmd += ["-H", header]
        out = subprocess.run(
            [*cmd, "-s", script.name, url], capture_output=True, text=True, check=True
        ).stdout
    finally:
        os.unlink(script.name)
    match = re.search(r"^SINTREN (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)$", out, re.MULTILINE)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if match is None or rps is None:
        raise RuntimeError(f"unreadable wrk output for {url}:\n{out}")
    p50, p95, p99, n, bad, errors = (int(x) for x in match.groups())
    return {
        "rps": float(rps[1]),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "n": n,
        "bad": bad,
        "errors": errors,
    }


def load_average() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def replace_section(report: Path, start: str, end: str, text: str) -> None:
    """Put ``text`` between the ``start`` and ``end`` marker lines of ``report``."""
    content = report.read_text(encoding="utf-8")
    if start not in content or end not in content:
        raise RuntimeError(f"markers {start} … {end} missing in {report}")
    head, rest = content.split(start, 1)
    _, tail = rest.split(end, 1)
    report.write_text(f"{head}{start}\n{text.strip()}\n{end}{tail}", encoding="utf-8")
