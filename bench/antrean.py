"""Benchmark: the back-office registration queue at 10,000, 100,000 and 1,000,000 applicants.

On a PostgreSQL server (``--database-url``, default the local one) the script creates a
database of its own, loads the regions and demo data as ``make run`` does, starts the
production server (gunicorn, as bench/run.py), then for each table size:

1. tops the table up with ``manage.py bench_data`` (timed) and runs ``VACUUM ANALYZE``;
2. logs in ``--clients`` times as the demo ``verifikator`` (no second factor): one
   session per staff member, and has wrk load the queue on that many keep-alive
   connections for ``--seconds``, each request carrying the next session (then on one
   connection: the service time): the first page, the pending filter, a name search
   and a NIK search (both kept in the session, as the page does), and a keyset page from
   the middle of the table (``?kursor=``). wrk, not Python clients: on a 2-core machine
   ten Python client processes take CPU the server needs (``apt-get install wrk``);
3. counts each page's SQL queries and EXPLAINs the list query (Django test client in
   a subprocess, same database), and times the former OFFSET query for comparison.

The figures go to bench/REPORT-queue.md (a section for bench/REPORT.md). The database is
dropped at the end unless ``--keep``; ``--reuse`` measures again on a kept one (it is only
topped up). 1,000,000 rows take a few minutes: ``--million``. Cache and sessions are in
Redis (``--redis-url``), as in production. A page a staff member reloads before any
registration changed is served from the kept copy (sintren/core/simpanan.py); the first
view of each session and every view after a change are rendered.

    .venv/bin/python bench/antrean.py                # 10k and 100k
    .venv/bin/python bench/antrean.py --million      # 10k, 100k and 1M
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from common import wrk_load

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "bench" / "REPORT-queue.md"
DB_NAME = "sintren_bench_queue"
LIST = "/backoffice/pendaftaran/"
USERNAME, PASSWORD = "verifikator", "sintren-demo"  # the documented demo login
NAME_QUERY = "wulandari"
SCENARIOS = ("first", "status", "name", "nik", "cursor")
LABELS = {
    "first": "first page",
    "status": "status=menunggu",
    "name": f"search name '{NAME_QUERY}'",
    "nik": "search NIK (16 digits)",
    "cursor": "cursor page, middle of table",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- HTTP clients ------------------------------------------------------------------------
_port = 0
_cookies: dict[str, str] = {}
_conn: http.client.HTTPConnection | None = None
_sessions: list[dict[str, str]] = []  # one per simulated staff member


def _cookie_header(cookies: dict[str, str] | None = None) -> str:
    return "; ".join(f"{k}={v}" for k, v in (_cookies if cookies is None else cookies).items())


def _request(method: str, path: str, body: dict[str, str] | None = None) -> tuple[int, str]:
    global _conn  # noqa: PLW0603 - one keep-alive connection per client process
    if _conn is None:
        _conn = http.client.HTTPConnection("127.0.0.1", _port, timeout=30)
    headers = {"Cookie": _cookie_header(), "Accept-Encoding": "gzip"}
    data = None
    if body is not None:
        data = urlencode(body)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Referer"] = f"http://127.0.0.1:{_port}{path}"
    try:
        _conn.request(method, path, body=data, headers=headers)
        resp = _conn.getresponse()
    except (http.client.RemoteDisconnected, ConnectionError):
        # The server closed an idle keep-alive connection: open a new one, once.
        _conn.close()
        _conn.request(method, path, body=data, headers=headers)
        resp = _conn.getresponse()
    raw = resp.read()
    if resp.getheader("Content-Encoding") == "gzip":
        raw = gzip.decompress(raw)
    text = raw.decode("utf-8", "replace")
    for header, value in resp.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            _cookies[name.strip()] = rest.split(";", 1)[0]
    return resp.status, text


def _csrf(text: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
    if not match:
        raise RuntimeError("no CSRF token on the page")
    return match.group(1)


def _login(port: int, lock: Any) -> None:
    """Pool initializer: this client process logs in as the demo verifier.

    One login at a time: the login throttle counts attempts in progress, so ten at once
    for one username would lock it (as it should for a password guesser).
    """
    global _port  # noqa: PLW0603
    _port = port
    with lock:
        _, page = _request("GET", "/backoffice/login/")
        status, _ = _request(
            "POST",
            "/backoffice/login/",
            {"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": _csrf(page)},
        )
    if status != 302 or "sessionid" not in _cookies:
        raise RuntimeError(f"login as {USERNAME} failed ({status})")


def _staff_sessions(port: int, count: int) -> list[dict[str, str]]:
    """``count`` sessions of the demo verifier: ten staff members reloading the queue."""
    global _cookies  # noqa: PLW0603
    sessions = []
    for _ in range(count):
        _cookies = {}
        _login(port, threading.Lock())
        sessions.append(_cookies)
    return sessions


def _set_search(session: dict[str, str], q: str | None) -> None:
    global _cookies  # noqa: PLW0603
    _cookies = session  # updated in place by the answers' cookies
    _, page = _request("GET", LIST)
    body = {"q": q or "", "status": "", "csrfmiddlewaretoken": _csrf(page)}
    if q is None:
        body["hapus"] = "1"
    status, _ = _request("POST", LIST, body)
    if status != 302:
        raise RuntimeError(f"search refused ({status})")


# --- Inside Django (a subprocess on the bench database) ---------------------------------
def inspect(size: int) -> dict[str, Any]:
    """Paths of the scenarios, their query counts and plans, and the former query's time."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Case, IntegerField, Value, When
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()  # so that responses carry their template context

    from sintren.accounts.models import Pemohon, User
    from sintren.accounts.selectors import pendaftaran_queue
    from sintren.core.pagination import cursor_for

    middle = pendaftaran_queue()[size // 2]  # one OFFSET query, to find a middle row
    cursor = cursor_for(middle, ("antrean", "diperbarui", "pk"), "n", "pendaftaran")
    paths = {
        "first": LIST,
        "status": f"{LIST}?status=menunggu",
        "name": LIST,
        "nik": LIST,
        "cursor": f"{LIST}?{urlencode({'kursor': cursor})}",
    }
    searches = {"name": NAME_QUERY, "nik": middle.nik}
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username=USERNAME))
    client.get(LIST)
    found: dict[str, Any] = {}
    for name in SCENARIOS:
        client.post(LIST, {"q": searches.get(name, ""), "status": ""})
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(paths[name])
        assert response.status_code == 200, name
        queries = [q["sql"] for q in ctx.captured_queries]
        page_sql = next(q for q in queries if 'FROM "accounts_pemohon"' in q and "COUNT" not in q)
        with connection.cursor() as cur:
            cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + page_sql)
            plan = [row[0] for row in cur.fetchall()]
        scans = [
            re.sub(r"\s+\(.*", "", line.strip().lstrip("-> "))
            for line in plan
            if "Scan" in line and "accounts_pemohon" in line
        ]
        found[name] = {
            "path": paths[name],
            "search": searches.get(name),
            "queries": len(queries),
            "sql_ms": float(re.findall(r"[\d.]+", plan[-1])[0]),  # "Execution Time: x ms"
            "plan": "; ".join(dict.fromkeys(scans)),
            "seq_scan": any("Seq Scan on accounts_pemohon" in line for line in plan),
            "rows": len(response.context["page"]),
        }
    client.post(LIST, {"q": "", "hapus": "1", "status": ""})
    # The former query: CASE sort over the table joined to users and villages, OFFSET.
    urutan = Case(
        When(status=Pemohon.Status.MENUNGGU, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    former = (
        Pemohon.objects.select_related("wilayah", "diverifikasi_oleh")
        .annotate(_urutan=urutan)
        .order_by("_urutan", "diperbarui", "pk")
    )
    old: dict[str, float] = {}
    for label, offset in (("page 1", 0), ("middle page", (size // 2 // 50) * 50)):
        sql, params = former[offset : offset + 50].query.sql_with_params()
        with connection.cursor() as cur:
            cur.execute("EXPLAIN (ANALYZE) " + sql, params)
            last = [row[0] for row in cur.fetchall()][-1]
        old[label] = float(re.findall(r"[\d.]+", last)[0])
    return {"scenarios": found, "former_ms": old, "total": Pemohon.objects.count()}


# --- Orchestration -----------------------------------------------------------------------
def _database_url(base: str, name: str) -> str:
    parts = urlsplit(base)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _psql(base: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(_database_url(base, "postgres"), autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def _exists(base: str) -> bool:
    import psycopg

    with psycopg.connect(_database_url(base, "postgres")) as conn:
        row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
    return row is not None


def _manage(env: dict[str, str], *args: str) -> float:
    started = time.monotonic()
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)
    return time.monotonic() - started


def _inspect(env: dict[str, str], size: int) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--inspect", str(size)],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def _start_server(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    cmd = [gunicorn, "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers)]
    proc = subprocess.Popen([*cmd, "--threads", "8"], cwd=ROOT, env=env)
    for _ in range(300):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise RuntimeError("server did not start")


def _vacuum(db_url: str) -> None:
    import psycopg

    with psycopg.connect(db_url, autocommit=True) as conn:
        for table in ("accounts_user", "accounts_pemohon", "accounts_riwayatpendaftaran"):
            conn.execute(f"VACUUM ANALYZE {table}")


def _count(db_url: str) -> int:
    import psycopg

    with psycopg.connect(db_url) as conn:
        row = conn.execute("SELECT count(*) FROM accounts_pemohon").fetchone()
    return int(row[0]) if row else 0


def write_report(results: list[dict[str, Any]], opts: argparse.Namespace, cmd: str) -> str:
    lines = [
        "## Registration queue at scale (back office, issue part 2 and 5)",
        "",
        "What: `/backoffice/pendaftaran/` on the production server (gunicorn, "
        f"{opts.workers} workers × 8 threads, PostgreSQL on the same host), "
        f"wrk with {opts.clients} concurrent keep-alive connections and {opts.clients} "
        "sessions of the demo `verifikator` (10 staff members), requests taking the "
        "sessions in turn, "
        + ("Redis for cache and sessions, " if opts.redis_url != "none" else "")
        + "kept pages as in production (sintren/core/simpanan.py), "
        f"{opts.seconds:g} s per scenario, after `bench_data` and `VACUUM ANALYZE`. "
        "wrk, server and database share the same 2 cores, so latencies include "
        "queueing for the CPU (and for whatever else runs on the machine: see the load "
        "average). Before each scenario every session sets its filter or search and "
        "opens the page once (first view: rendered, one at a time, median and slowest "
        "of the sessions), then wrk warms the other worker for 2 s; the measured "
        "requests are staff members reloading (kept pages, rendered again after any "
        "change to a registration). 1 client: the same page with no concurrency (the "
        "service time). Queries: the page's SQL statements (session, user, page, "
        "bounded count; the session comes from Redis). Page "
        "SQL ms: EXPLAIN ANALYZE execution time of the page query, once, no load. Plan: "
        "how it reads `accounts_pemohon`.",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M')} on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}. Command: `{cmd}`",
        "",
        f"| applicants | scenario | {opts.clients} clients: p50 ms | p95 ms | p99 ms | req/s "
        "| 1 client: p50 ms | p95 ms | first view: p50 ms | max ms | queries | page SQL ms "
        "| plan |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for res in results:
        for name in SCENARIOS:
            r, one = res["http"][name], res["alone"][name]
            view = res["first"][name]
            info = res["inspect"]["scenarios"][name]
            lines.append(
                f"| {res['size']:,} | {LABELS[name]} | {r['p50']:.1f} | {r['p95']:.1f} | "
                f"{r['p99']:.1f} | {r['rps']:.0f} | {one['p50']:.1f} | {one['p95']:.1f} | "
                f"{view['p50']:.1f} | {view['max']:.1f} | "
                f"{info['queries']} | {info['sql_ms']:.2f} | {info['plan']} |"
            )
    lines += [
        "",
        "Data generation (`manage.py bench_data`, COPY) and the former query "
        "(CASE sort joined to users and villages, OFFSET; one EXPLAIN ANALYZE, no load):",
        "",
        "| applicants | rows added | bench_data s | former page 1 ms | former middle page ms "
        "| load average before |",
        "|---|---|---|---|---|---|",
    ]
    for res in results:
        former = res["inspect"]["former_ms"]
        lines.append(
            f"| {res['size']:,} | {res['added']:,} | {res['generate_s']:.1f} | "
            f"{former['page 1']:.1f} | {former['middle page']:.1f} | {res['load']:.2f} |"
        )
    worst = max(
        (res["http"][name]["p95"], res["size"], name) for res in results for name in SCENARIOS
    )
    lines += [
        "",
        f"Worst p95: {worst[0]:.1f} ms ({LABELS[worst[2]]} at {worst[1]:,}); "
        "bar: p95 ≤ 50 ms at 10 concurrent staff on 1,000,000 applicants.",
        "",
    ]
    text = "\n".join(lines)
    REPORT.write_text(text, encoding="utf-8")
    return text


def _run_size(
    env: dict[str, str], db_url: str, port: int, size: int, opts: argparse.Namespace
) -> dict[str, Any]:
    """Top the table up to ``size``, then measure every scenario."""
    added = size - _count(db_url)
    generate = _manage(env, "bench_data", "--pemohon", str(added)) if added > 0 else 0.0
    _vacuum(db_url)
    info = _inspect(env, size)
    print(f"{size:,} applicants ({added:,} added in {generate:.1f} s)", flush=True)
    load = os.getloadavg()[0]
    http_results: dict[str, dict[str, float]] = {}
    alone: dict[str, dict[str, float]] = {}
    first: dict[str, dict[str, float]] = {}
    if not _sessions:
        _sessions.extend(_staff_sessions(port, opts.clients))
    cookies = [_cookie_header(session) for session in _sessions]
    base = f"http://127.0.0.1:{port}"
    # Warm up: every session's first view of the list is rendered in each worker.
    wrk_load(base + LIST, seconds=opts.seconds, connections=opts.clients, cookies=cookies)
    for name in SCENARIOS:
        scenario = info["scenarios"][name]
        path, search = scenario["path"], scenario["search"]
        views = []
        for session in _sessions:
            _set_search(session, search)  # kept in each session, as the page does
            started = time.perf_counter()
            status, _ = _request("GET", path)  # this session's first view: rendered
            views.append((time.perf_counter() - started) * 1000)
            if status != 200:
                raise RuntimeError(f"{path}: {status}")
        views.sort()
        first[name] = {"p50": views[len(views) // 2], "max": views[-1]}
        # The other worker renders its first views too before the measurement.
        wrk_load(base + path, seconds=2.0, connections=opts.clients, cookies=cookies)
        http_results[name] = r = wrk_load(
            base + path, seconds=opts.seconds, connections=opts.clients, cookies=cookies
        )
        alone[name] = one = wrk_load(
            base + path, seconds=opts.seconds / 2, connections=1, cookies=cookies
        )
        if r["bad"] or r["errors"] or one["bad"] or one["errors"]:
            raise RuntimeError(f"{path}: answers other than 200 under load: {r} {one}")
        print(
            f"  {LABELS[name]:<30} p50 {r['p50']:6.1f} ms  p95 {r['p95']:6.1f} ms  "
            f"{r['rps']:5.0f} req/s  (alone p50 {one['p50']:5.1f} ms, first view "
            f"{first[name]['p50']:5.1f} ms)  "
            f"{scenario['queries']} queries  {scenario['plan']}",
            flush=True,
        )
    return {
        "size": size,
        "added": added,
        "generate_s": generate,
        "http": http_results,
        "alone": alone,
        "first": first,
        "load": load,
        "inspect": info,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="A PostgreSQL server (any database on it); the bench uses its own database.",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0"),
        help="Redis for cache and sessions as in production ('none': the database).",
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--million", action="store_true", help="Also 1,000,000 applicants.")
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="Keep the bench database.")
    parser.add_argument("--reuse", action="store_true", help="Reuse a kept bench database.")
    parser.add_argument("--inspect", type=int, help=argparse.SUPPRESS)
    opts = parser.parse_args()
    if opts.inspect is not None:
        print(json.dumps(inspect(opts.inspect)))
        return
    if not opts.database_url.startswith(("postgres://", "postgresql://")):
        parser.error("the queue benchmark needs PostgreSQL (--database-url)")
    sizes = sorted({*opts.sizes, *([1_000_000] if opts.million else [])})
    db_url = _database_url(opts.database_url, DB_NAME)
    if not (opts.reuse and _exists(opts.database_url)):
        _psql(
            opts.database_url,
            f'DROP DATABASE IF EXISTS "{DB_NAME}"',
            f'CREATE DATABASE "{DB_NAME}"',
        )
    data_dir = Path(tempfile.mkdtemp(prefix="sintren-bench-queue-"))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SINTREN_DATA_DIR": str(data_dir),
        "SITE_URL": f"http://127.0.0.1:{port}",
        "DATABASE_URL": db_url,
        "CACHE_KEY_PREFIX": "bench-queue",
    }
    if opts.redis_url != "none":
        env["REDIS_URL"] = opts.redis_url  # cache and sessions, as in production
    server = None
    results: list[dict[str, Any]] = []
    try:
        _manage(env, "sintren_setup", "--wilayah", "33", "--quiet")
        server = _start_server(env, port, opts.workers)
        for size in sizes:
            results.append(_run_size(env, db_url, port, size, opts))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(data_dir, ignore_errors=True)
        if not opts.keep:
            _psql(opts.database_url, f'DROP DATABASE IF EXISTS "{DB_NAME}"')
    cmd = "python bench/antrean.py " + " ".join(sys.argv[1:])
    print(write_report(results, opts, cmd.strip()))


if __name__ == "__main__":
    main()
