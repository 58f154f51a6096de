"""Benchmark: every public page and form page against /healthz on the production server.

For each database (SQLite, the embedded default; PostgreSQL with the Redis cache) the
script loads a fresh data directory as ``make run`` does (``sintren_setup --wilayah
33``), starts gunicorn as ``make run`` starts it (2 workers x 8 threads), and then:

1. **Pages.** ``--rounds`` interleaved rounds; in each, ``wrk`` (``--connections``
   keep-alive connections, 2 threads, ``Accept-Encoding: gzip``, no cookies: anonymous
   first visits) loads ``/healthz``, then every page of :data:`PAGES` followed by
   ``/healthz`` again, for ``--seconds`` each. Per page: req/s, p50/p99 latency, and the
   ratio to the mean of the ``/healthz`` runs just before and after it (the same
   machine state, on a shared machine).
2. **Login POSTs.** Clients (1, 8 and 32, each with its own cookies and
   ``X-Forwarded-For`` address) open the login form, answer the captcha and log a demo
   applicant in, again and again, for ``--post-seconds``: once driven by wrk
   (``bench/login.lua``, one connection per wrk thread: the throughput, with a client
   that takes little of the cores it shares with the server) and once by a small
   threaded Python client (the POST latencies).
3. **Registration burst.** ``--burst`` registrations from 32 clients at once while
   ``ps`` samples the RSS of each gunicorn worker every 0.2 s.
4. **Hash cost.** The median time of one password hash with the server's settings
   (in a ``manage.py shell`` on the same machine): ``cores ÷ hash time`` is the most
   logins a second the machine can verify, which the 8-client login rate (wrk) is held
   to.
5. **Pages while 8 clients register.** The pages of (1) again, each with wrk for
   ``--seconds`` idle and right after that while 8 wrk clients (bench/register.lua)
   register new applicants without pause; each page's req/s against its idle req/s
   just before (bar: ≥ 0.25).
6. **Logged-in pages** (reported, no bar): an applicant's home, *Cek Pengajuan*, a
   request's detail and the new-request form as the demo applicant, and the
   registration queue as the demo ``verifikator``, with wrk carrying the session cookie.

The figures replace the section between the RESULTS markers of bench/REPORT.md.
Needs ``wrk`` (Debian/Ubuntu: ``apt-get install -y wrk``), a PostgreSQL server and a
Redis server for the second run (``--database-url``/``--redis-url``, default the local
ones; ``--sqlite-only`` skips it). The PostgreSQL database is made for the run and
dropped after it; Redis gets an empty database number and loses only what the run wrote.

    make bench        # or: .venv/bin/python bench/run.py --rounds 5 --seconds 5
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from run_report import (
    HEALTHZ,
    LOGGED_IN_ROUNDS,
    LOGIN_ACCOUNTS,
    REGISTERING_CLIENTS,
    Run,
    write_report,
)

ROOT = Path(__file__).resolve().parent.parent
# (label, path); "{slug}" and "{pk}" are filled from the loaded catalogue.
PAGES = [
    ("home", "/"),
    ("persyaratan", "/persyaratan/"),
    ("persyaratan slug", "/persyaratan/{slug}/"),
    ("formulir", "/formulir/"),
    ("informasi", "/informasi/"),
    ("informasi detail", "/informasi/{pk}/"),
    ("panduan", "/panduan/"),
    ("wilayah", "/wilayah/pilihan/?parent=33.26.07"),
    ("robots.txt", "/robots.txt"),
    ("login GET", "/pemohon/login/"),
    ("daftar GET", "/pemohon/daftar/"),
    ("status GET", "/pemohon/status/"),
    ("lupa-password GET", "/pemohon/lupa-password/"),
    ("backoffice login GET", "/backoffice/login/"),
    ("verifikasi GET", "/verifikasi/"),
]
DEMO_NIK = "3326071708900001"  # the demo applicant Budi Santoso (demo_pemohon.py)
STAFF_PASSWORD = "sintren-demo"  # noqa: S105 - the documented demo staff login
HASH_TIME = """
import statistics, time
from django.contrib.auth.hashers import get_hasher
hasher = get_hasher()
times = []
for n in range(21):
    started = time.perf_counter()
    hasher.encode("Pekalongan2024", hasher.salt())
    times.append(time.perf_counter() - started)
print("HASH_MS", statistics.median(times) * 1000, hasher.algorithm)
# The same with every core hashing at once, as under a login burst (memory bandwidth
# is shared: each hash takes longer than alone).
import os, threading
busy, lock, cores = [], threading.Lock(), os.cpu_count() or 1
def hash_in_turn():
    for n in range(11):
        started = time.perf_counter()
        hasher.encode("Pekalongan2024", hasher.salt())
        with lock:
            busy.append(time.perf_counter() - started)
threads = [threading.Thread(target=hash_in_turn) for _ in range(cores)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("HASH_MS_ALL_CORES", statistics.median(busy) * 1000)
"""
# A draft of the demo applicant on a service opened around the clock, for the detail page.
DEMO_REQUEST = """
from sintren.accounts.models import Pemohon
from sintren.catalog.models import Layanan
from sintren.pengajuan.demo import demo_layanan_buka
from sintren.pengajuan.models import Pengajuan
from sintren.pengajuan.services import pengajuan_create
pemohon = Pemohon.objects.get(nik=NIK)
layanan = Layanan.objects.filter(aktif=True, akses="umum").order_by("urutan", "pk").first()
demo_layanan_buka(layanan.slug)
p = Pengajuan.objects.filter(pemohon=pemohon).first() or pengajuan_create(
    actor=pemohon.user, pemohon=pemohon, grup=None, layanan=layanan,
    data={"subjek_nik": pemohon.nik, "subjek_nama": pemohon.nama_lengkap,
          "subjek_nomor_kk": pemohon.nomor_kk, "nomor_hp": str(pemohon.nomor_hp),
          "email": pemohon.email or "", "detail": "Benchmark", "data_tambahan": {}})
print("REQUEST", p.kode, layanan.slug)
"""
# Active applicants for the login POSTs, made through the real services as the demo
# applicants are (sintren/accounts/demo_pemohon.py, password DEMO_PASSWORD): enough that
# no NIK sees more concurrent attempts than its limit allows (ACC-13).
DEMO_PASSWORD = "Pemohon123"  # noqa: S105 - the documented demo login
CREATE_ACCOUNTS = """
import datetime as dt
from sintren.accounts.demo_pemohon import demo_pemohon_create
from sintren.accounts.models import User
from sintren.regions.models import Wilayah
desa = Wilayah.objects.get(code="33.26.07.2008")
actor = User.objects.get(username="verifikator")
for n, nik in enumerate(NIKS):
    name = "Masuk" + "".join("abcdefghij"[int(d)] for d in "%03d" % n) + " Bench"
    entry = {"nik": nik, "nama": name, "status": "aktif",
             "lahir": dt.date(1990, 8, 17), "jk": "L", "hp": "+628127%07d" % n}
    demo_pemohon_create(entry, desa, actor)
"""
_CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_TOKEN_RE = re.compile(r'name="captcha_token" value="([^"]*)"')
_QUESTION_RE = re.compile(r"Berapa (\d+) (dikali|ditambah|dikurangi) (\d+)\?")
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


# --- the server ------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Backend:
    """One database setup: its name in the report and the server's extra environment."""

    name: str
    env: dict[str, str] = field(default_factory=dict)
    cleanup: list[Callable[[], None]] = field(default_factory=list)


def _free_redis_db(url: str) -> str:
    """A Redis URL on an empty database number (15 down to 1), so nothing is mixed."""
    import redis

    parts = urlsplit(url)
    for number in range(15, 0, -1):
        candidate = urlunsplit((parts.scheme, parts.netloc, f"/{number}", "", ""))
        if redis.Redis.from_url(candidate).dbsize() == 0:
            return candidate
    raise RuntimeError("no empty Redis database for the benchmark")


def postgres_backend(database_url: str, redis_url: str) -> Backend:
    import psycopg
    import redis

    tag = uuid.uuid4().hex[:8]
    name = f"sintren_bench_{tag}"
    parts = urlsplit(database_url)
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    db_url = urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))
    cache_url = _free_redis_db(redis_url)
    prefix = f"bench{tag}"

    def drop_database() -> None:
        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def drop_keys() -> None:
        client = redis.Redis.from_url(cache_url)
        for pattern in (f"{prefix}*", "rq:*"):  # the cache, and the queued notifications
            for key in client.scan_iter(pattern):
                client.delete(key)

    env = {"DATABASE_URL": db_url, "REDIS_URL": cache_url, "CACHE_KEY_PREFIX": prefix}
    return Backend("PostgreSQL + Redis", env, [drop_database, drop_keys])


@contextmanager
def server(backend: Backend, workers: int, tree: Path) -> Iterator[tuple[int, int, dict[str, str]]]:
    """A loaded gunicorn on a free port: yields (port, master pid, its environment)."""
    data_dir = Path(tempfile.mkdtemp(prefix="sintren-bench-"))
    port = free_port()
    env = {
        **os.environ,
        **backend.env,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SINTREN_DATA_DIR": str(data_dir),
        "SITE_URL": f"http://127.0.0.1:{port}",
        "TRUSTED_PROXIES": "127.0.0.1",  # each benchmark client sends its own address
    }
    python = sys.executable
    proc = None
    try:
        subprocess.run(
            [python, "manage.py", "sintren_setup", "--wilayah", "33", "--quiet"],
            cwd=tree,
            env=env,
            check=True,
        )
        gunicorn = str(Path(python).with_name("gunicorn"))
        cmd = [gunicorn, "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers)]
        log = (data_dir / "gunicorn.log").open("wb")
        proc = subprocess.Popen(
            [*cmd, "--threads", "8"], cwd=tree, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{HEALTHZ}", timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("server did not start")
        yield port, proc.pid, env
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
        shutil.rmtree(data_dir, ignore_errors=True)
        for step in backend.cleanup:
            step()


def get(port: int, path: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
        return str(response.read().decode())


def resolve_pages(port: int) -> list[tuple[str, str]]:
    """The page list with one real service slug and one information item."""
    slug = re.search(r'href="/persyaratan/([\w-]+)/"', get(port, "/persyaratan/"))
    pk = re.search(r'href="/informasi/(\d+)/"', get(port, "/informasi/"))
    if slug is None or pk is None:
        raise RuntimeError("no service or information item to benchmark")
    return [(label, path.format(slug=slug[1], pk=pk[1])) for label, path in PAGES]


# --- wrk ---------------------------------------------------------------------------------------
def _ms(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s)", value)
    if match is None:
        raise ValueError(value)
    return float(match[1]) * _UNITS[match[2]]


def wrk(
    port: int, path: str, seconds: float, connections: int, headers: list[str] | None = None
) -> dict[str, float]:
    """Load ``path`` with wrk; req/s, p50/p99 (ms), requests, non-2xx and socket errors."""
    url = f"http://127.0.0.1:{port}{path}"
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds:g}s", "--latency"]
    for header in ["Accept-Encoding: gzip", *(headers or [])]:
        cmd += ["-H", header]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    count = re.search(r"(\d+) requests in", out)
    lat = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.MULTILINE))
    if rps is None or count is None or set(lat) != {"50", "99"}:
        raise RuntimeError(f"unreadable wrk output for {path}:\n{out}")
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": float(rps[1]),
        "p50": _ms(lat["50"]),
        "p99": _ms(lat["99"]),
        "n": float(count[1]),
        "bad": float(non2xx[1]) if non2xx else 0.0,
        "errors": float(sum(int(x) for x in errors.groups())) if errors else 0.0,
    }


def page_rounds(
    port: int, pages: list[tuple[str, str]], rounds: int, seconds: float, connections: int
) -> list[dict[str, dict[str, float]]]:
    """Each round: ``/healthz``, then every page followed by ``/healthz`` again, each run
    for ``seconds``.

    A page's ratio is to the mean of the two ``/healthz`` runs around it, so both see
    the same state of a machine that others may be using too (a slow or fast minute on
    one side of the page no longer decides its ratio alone); the round's ``/healthz``
    figures are the medians of its runs.
    """
    for _label, path in [("healthz", HEALTHZ), *pages]:
        wrk(port, path, 1, connections)  # warm up: workers, caches, kept pages
    results = []
    for rnd in range(1, rounds + 1):
        row: dict[str, dict[str, float]] = {}
        healthz = [wrk(port, HEALTHZ, seconds, connections)]
        for label, path in pages:
            row[label] = wrk(port, path, seconds, connections)
            healthz.append(wrk(port, HEALTHZ, seconds, connections))
            around = (healthz[-2]["rps"] + healthz[-1]["rps"]) / 2
            row[label]["ratio"] = row[label]["rps"] / around
        row["healthz"] = {
            key: statistics.median(run[key] for run in healthz) for key in healthz[0]
        } | {"ratio": 1.0}
        results.append(row)
        print(f"  round {rnd}: " + ", ".join(f"{k} {v['ratio']:.2f}" for k, v in row.items()))
    return results


# --- a browser, for the POSTs ------------------------------------------------------------------
class Visitor:
    """One browser on one keep-alive connection: its cookies and its own address."""

    def __init__(self, port: int, address: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.address = address
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> Any:
        headers = {"X-Forwarded-For": self.address, "Accept-Language": "id"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            self.conn.close()  # the server closed the idle keep-alive connection: again
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        text = response.read().decode("utf-8", errors="replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie: SimpleCookie = SimpleCookie()
            cookie.load(header)
            self.cookies.update({name: morsel.value for name, morsel in cookie.items()})
        return response.status, response.headers.get("Location", ""), text

    def form(self, path: str) -> dict[str, str]:
        """GET the form: its CSRF token and the captcha, answered (if it has one)."""
        status, _location, text = self.request("GET", path)
        csrf, token, question = (r.search(text) for r in (_CSRF_RE, _TOKEN_RE, _QUESTION_RE))
        if status != 200 or csrf is None:
            raise RuntimeError(f"GET {path}: {status}")
        if token is None or question is None:
            return {"csrfmiddlewaretoken": csrf[1]}
        a, operation, b = int(question[1]), question[2], int(question[3])
        answer = a * b if operation == "dikali" else a + b if operation == "ditambah" else a - b
        return {"csrfmiddlewaretoken": csrf[1], "captcha_token": token[1], "captcha": str(answer)}

    def close(self) -> None:
        self.conn.close()


def _address(n: int) -> str:
    return f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"


def login_accounts(env: dict[str, str], tree: Path, count: int) -> list[str]:
    """Make ``count`` active applicants on the server's database; their NIKs."""
    niks = [f"332607170890{8000 + n:04d}" for n in range(count)]
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", f"NIKS = {niks!r}\n{CREATE_ACCOUNTS}"],
        cwd=tree,
        env=env,
        check=True,
    )
    return niks


LOGIN_LUA = ROOT / "bench" / "login.lua"
# The wrk scripts share bench/wrk_form.lua (require "wrk_form").
WRK_ENV = {**os.environ, "LUA_PATH": f"{ROOT / 'bench'}/?.lua;;"}


def wrk_logins(port: int, niks: list[str], clients: int, seconds: float) -> dict[str, float]:
    """Logins per second with wrk driving ``clients`` connections (bench/login.lua)."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(niks))
    try:
        cmd = ["wrk", f"-t{clients}", f"-c{clients}", f"-d{max(1, round(seconds))}s"]
        cmd += ["-s", str(LOGIN_LUA), f"http://127.0.0.1:{port}", "--", listing.name]
        started = time.perf_counter()
        out = subprocess.run(
            [*cmd, DEMO_PASSWORD], capture_output=True, text=True, check=True, env=WRK_ENV
        ).stdout
        elapsed = time.perf_counter() - started
    finally:
        os.unlink(listing.name)
    match = re.search(r"^SINTREN-LOGIN (\d+) (\d+) (\d+) (\d+)$", out, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"unreadable wrk output for the logins:\n{out}")
    logins, refused, forms, unreadable = (int(x) for x in match.groups())
    return {
        "rps": logins / elapsed,
        "ok": logins,
        "refused": refused + unreadable,
        "forms": forms,
    }


def login_throughput(port: int, niks: list[str], clients: int, seconds: float) -> dict[str, float]:
    """Logins per second: each client opens the form and logs in, with fresh cookies."""
    latencies: list[float] = []
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    counter = iter(range(10**9))

    def run(client: int) -> None:
        visitor = Visitor(port, _address(client))
        while time.perf_counter() < deadline:
            visitor.cookies = {}
            n = next(counter)
            visitor.address = _address(1000 + n)
            data = {"nik": niks[n % len(niks)], "password": DEMO_PASSWORD}
            data.update(visitor.form("/pemohon/login/"))
            started = time.perf_counter()
            status, location, _text = visitor.request("POST", "/pemohon/login/", data)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                outcomes["ok" if (status, location) == (302, "/") else f"{status}"] += 1
        visitor.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=run, args=(c,)) for c in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return {
        "rps": outcomes["ok"] / elapsed,
        "p50": q[49],
        "p99": q[98],
        "ok": outcomes["ok"],
        "refused": sum(outcomes.values()) - outcomes["ok"],
    }


def registration(n: int) -> dict[str, str]:
    """A valid registration: a man born 17-08-1990 in Karangsari, serial ``n``."""
    letters = "".join("ABCDEFGHIJ"[int(digit)] for digit in f"{n:04d}")
    return {
        "nik": f"332607170890{n:04d}",
        "nama_lengkap": f"Warga Bench {letters}",
        "nomor_kk": f"332607100120{n:04d}",
        "tempat_lahir": "Pekalongan",
        "tanggal_lahir": "17-08-1990",
        "nama_ibu": "Siti Aminah",
        "provinsi": "33",
        "kabupaten": "33.26",
        "kecamatan": "33.26.07",
        "desa": "33.26.07.2008",
        "nomor_hp": f"08128{n:07d}",
        "email": f"bench{n}@contoh.id",
        "password1": "Pekalongan2024",
        "password2": "Pekalongan2024",
    }


def _worker_rss(master: int) -> dict[int, int]:
    """RSS (KB) of each gunicorn worker (the master's children), as ``ps`` reports it."""
    out = subprocess.run(
        ["ps", "-o", "pid=,rss=", "--ppid", str(master)],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return {int(pid): int(rss) for pid, rss in (line.split() for line in out.splitlines())}


def registration_burst(port: int, master: int, count: int, clients: int) -> dict[str, Any]:
    """``count`` registrations from ``clients`` threads; peak RSS per worker meanwhile."""
    before = _worker_rss(master)
    peak = dict(before)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for pid, rss in _worker_rss(master).items():
                peak[pid] = max(peak.get(pid, 0), rss)
            time.sleep(0.2)

    outcomes: Counter[str] = Counter()
    lock = threading.Lock()
    numbers = iter(range(count))

    def run(client: int) -> None:
        visitor = Visitor(port, _address(client))
        for n in numbers:
            visitor.cookies = {}
            visitor.address = _address(20000 + n)
            data = {**registration(n), **visitor.form("/pemohon/daftar/")}
            status, location, _text = visitor.request("POST", "/pemohon/daftar/", data)
            with lock:
                outcomes["ok" if status == 302 and "berhasil" in location else str(status)] += 1
        visitor.close()

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.perf_counter()
    threads = [threading.Thread(target=run, args=(c,)) for c in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    return {
        "seconds": elapsed,
        "ok": outcomes["ok"],
        "refused": sum(outcomes.values()) - outcomes["ok"],
        "before": before,
        "peak": {pid: peak[pid] for pid in before},
    }


def _shell(env: dict[str, str], tree: Path, code: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=tree,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def hash_time(env: dict[str, str], tree: Path) -> tuple[float, str, float]:
    """Median milliseconds of one password hash with the server's hasher, its name, and
    the median with every core hashing at once."""
    out = _shell(env, tree, HASH_TIME)
    match = re.search(r"HASH_MS ([\d.]+) (\S+)", out)
    busy = re.search(r"HASH_MS_ALL_CORES ([\d.]+)", out)
    if match is None or busy is None:
        raise RuntimeError("no hash time")
    return float(match[1]), match[2], float(busy[1])


REGISTER_LUA = ROOT / "bench" / "register.lua"
SERIALS_PER_PAGE = 320  # NIK serials each page's registrations may use (40 per client)


@contextmanager
def registering(port: int, first: int, stride: int) -> Iterator[list[int]]:
    """:data:`REGISTERING_CLIENTS` wrk clients registering without pause (bench/register.lua,
    one connection per wrk thread, NIK serials ``first`` + ``stride`` per client onwards)
    while the block runs; the list holds the number of registrations afterwards."""
    cmd = ["wrk", f"-t{REGISTERING_CLIENTS}", f"-c{REGISTERING_CLIENTS}", "-d600s"]
    cmd += ["--timeout", "30s", "-s", str(REGISTER_LUA), f"http://127.0.0.1:{port}"]
    proc = subprocess.Popen(
        [*cmd, "--", str(first), str(stride)], stdout=subprocess.PIPE, text=True, env=WRK_ENV
    )
    counted: list[int] = []
    try:
        yield counted
    finally:
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=60)
    match = re.search(r"^SINTREN-DAFTAR (\d+) (\d+) (\d+) (\d+)$", out, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"unreadable wrk output for the registrations:\n{out}")
    counted.append(int(match[1]))


def pages_while_registering(
    port: int, pages: list[tuple[str, str]], seconds: float, connections: int
) -> tuple[dict[str, dict[str, float]], int]:
    """Each page with wrk idle, then again while 8 wrk clients register without pause.

    The idle run comes right before the busy one (the same machine state, on a shared
    machine whose speed drifts over minutes); the registering clients are wrk too
    (:func:`registering`): a Python client would take a good share of the two cores the
    server runs on. NIK serials from 5000 (the burst uses 0…). Returns each page's busy
    figures with its paired ``idle_rps``, and how many registrations went through.
    """
    results: dict[str, dict[str, float]] = {}
    total = 0
    stride = SERIALS_PER_PAGE // REGISTERING_CLIENTS
    for index, (label, path) in enumerate(pages):
        idle = wrk(port, path, seconds, connections)
        with registering(port, 5000 + index * SERIALS_PER_PAGE, stride) as counted:
            time.sleep(1)  # the registrations are under way
            busy = wrk(port, path, seconds, connections)
        total += counted[0]
        results[label] = {**busy, "idle_rps": idle["rps"]}
    return results, total


def _session(visitor: Visitor) -> str:
    return "; ".join(f"{k}={v}" for k, v in visitor.cookies.items())


def logged_in_pages(
    port: int, env: dict[str, str], tree: Path, seconds: float, connections: int
) -> dict[str, dict[str, float]]:
    """wrk on the pages behind a login, with the session cookie of a real login: the run
    with the median req/s of :data:`LOGGED_IN_ROUNDS` interleaved rounds, and the
    lowest and highest req/s."""
    request = re.search(
        r"REQUEST (\S+) (\S+)", _shell(env, tree, f"NIK = {DEMO_NIK!r}\n{DEMO_REQUEST}")
    )
    if request is None:
        raise RuntimeError("no demo request")
    kode, slug = request[1], request[2]
    applicant = Visitor(port, _address(60001))
    data = {"nik": DEMO_NIK, "password": DEMO_PASSWORD, **applicant.form("/pemohon/login/")}
    if applicant.request("POST", "/pemohon/login/", data)[:2] != (302, "/"):
        raise RuntimeError("the demo applicant could not log in")
    staff = Visitor(port, _address(60002))
    data = {"username": "verifikator", "password": STAFF_PASSWORD}
    data.update(staff.form("/backoffice/login/"))
    if staff.request("POST", "/backoffice/login/", data)[0] != 302:
        raise RuntimeError("the demo verifikator could not log in")
    pages = [
        ("applicant home", "/", applicant),
        ("Cek Pengajuan", "/pemohon/pengajuan/", applicant),
        ("request detail", f"/pemohon/pengajuan/{kode}/", applicant),
        ("new request form", f"/pemohon/pengajuan/baru/{slug}/", applicant),
        ("registration queue", "/backoffice/pendaftaran/", staff),
        ("request queue", "/backoffice/pengajuan/", staff),
        ("staff dashboard", "/backoffice/", staff),
    ]
    runs: dict[str, list[dict[str, float]]] = {}
    for _round in range(LOGGED_IN_ROUNDS):  # interleaved: each page sees the machine drift
        for label, path, visitor in pages:
            status, _location, _text = visitor.request("GET", path)
            if status != 200:
                raise RuntimeError(f"GET {path} as {label}: {status}")
            result = wrk(port, path, seconds, connections, headers=[f"Cookie: {_session(visitor)}"])
            runs.setdefault(f"{label}|{path}", []).append(result)
    results = {}
    for key, measured in runs.items():
        ordered = sorted(measured, key=lambda result: result["rps"])
        median = ordered[len(ordered) // 2]
        results[key] = {**median, "rps_min": ordered[0]["rps"], "rps_max": ordered[-1]["rps"]}
    return results


def page_weight(port: int) -> dict[str, int]:
    """Bytes on the wire per resource type for the home page, as Chromium sees them."""
    from playwright.sync_api import sync_playwright

    sizes: dict[str, int] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page()
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        types: dict[str, str] = {}
        cdp.on("Network.responseReceived", lambda e: types.__setitem__(e["requestId"], e["type"]))

        def finished(event: dict[str, Any]) -> None:
            kind = types.get(event["requestId"], "Other")
            sizes[kind] = sizes.get(kind, 0) + int(event["encodedDataLength"])

        cdp.on("Network.loadingFinished", finished)
        page.goto(f"http://127.0.0.1:{port}/", wait_until="networkidle")
        browser.close()
    sizes["total"] = sum(sizes.values())
    return sizes


def bench(backend: Backend, opts: argparse.Namespace, weight: bool) -> tuple[Run, list[Any]]:
    print(f"== {backend.name}")
    load = os.getloadavg()
    with server(backend, opts.workers, opts.tree) as (port, master, env):
        pages = resolve_pages(port)
        rounds = page_rounds(port, pages, opts.rounds, opts.seconds, opts.connections)
        niks = login_accounts(env, opts.tree, LOGIN_ACCOUNTS)
        logins, by_wrk = {}, {}
        for clients in opts.login_clients:
            by_wrk[clients] = wrk_logins(port, niks, clients, opts.post_seconds)
            print(f"  login POST x{clients} (wrk): {by_wrk[clients]}")
            logins[clients] = login_throughput(port, niks, clients, opts.post_seconds)
            print(f"  login POST x{clients}: {logins[clients]}")
        burst = registration_burst(port, master, opts.burst, opts.burst_clients)
        print(f"  burst: {burst}")
        hash_ms, hasher, hash_busy_ms = hash_time(env, opts.tree)
        print(f"  hash: {hash_ms:.1f} ms ({hasher}), {hash_busy_ms:.1f} ms on every core")
        busy, registered = pages_while_registering(port, pages, opts.seconds, opts.connections)
        print(f"  pages while registering ({registered} registered): {busy}")
        logged_in = logged_in_pages(port, env, opts.tree, opts.seconds, opts.connections)
        print(f"  logged-in pages: {logged_in}")
        sizes = page_weight(port) if weight else None
    run = Run(backend.name, rounds, logins, by_wrk, burst, load, os.getloadavg(), sizes)
    run.hash_ms, run.hasher, run.busy, run.busy_registrations = hash_ms, hasher, busy, registered
    run.hash_busy_ms = hash_busy_ms
    run.logged_in = logged_in
    return run, pages


def _unshadow_stdlib() -> None:
    """Run as a script, bench/ is first on ``sys.path``: its files must not hide stdlib
    modules of the same name (``queue``, which psycopg imports)."""
    here = Path(__file__).resolve().parent
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != here]
    module = sys.modules.get("queue")
    if module is not None and Path(getattr(module, "__file__", "") or "").parent == here:
        del sys.modules["queue"]


def main() -> None:
    _unshadow_stdlib()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--post-seconds", type=float, default=10.0)
    parser.add_argument("--login-clients", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--burst", type=int, default=200)
    parser.add_argument("--burst-clients", type=int, default=32)
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--no-weight", action="store_true", help="Skip the Chromium check.")
    parser.add_argument("--no-write", dest="write", action="store_false")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
        ),
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    )
    parser.add_argument(
        "--tree", type=Path, default=ROOT, help="Serve this checkout (to compare commits)."
    )
    opts = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install -y wrk (Debian/Ubuntu)")
    runs = []
    run, pages = bench(Backend("SQLite"), opts, weight=not opts.no_weight)
    runs.append(run)
    if not opts.sqlite_only:
        postgres = postgres_backend(opts.database_url, opts.redis_url)
        runs.append(bench(postgres, opts, weight=False)[0])
    cmd = "python bench/run.py " + " ".join(sys.argv[1:])
    print(write_report(runs, pages, opts, cmd.strip()))


if __name__ == "__main__":
    main()
