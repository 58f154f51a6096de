"""Benchmark: the applicant's request list (*Cek Pengajuan*, REQ-7) at 1,000,000 requests.

On a PostgreSQL server (``--database-url``, default the local one) the script creates a
database of its own, loads the regions and demo data as ``make run`` does, then fills it
with ``manage.py bench_data``: ``--pemohon`` bench applicants, then ``--pengajuan``
requests spread over the active applicants, ``--demo`` of them the demo applicant's
(Budi Santoso, NIK 3326071708900001, password ``Pemohon123``: the first applicant of
the ``make run`` banner), all timed, and ``VACUUM ANALYZE``. Then:

1. inside Django (a subprocess, Django test client logged in as the demo applicant):
   each scenario's page is loaded once to count its SQL queries, and the list query is
   run with ``EXPLAIN (ANALYZE, BUFFERS)``: which index reads ``pengajuan_pengajuan``;
2. the production server (``manage.py serve``: gunicorn 2 workers x 4 threads plus the
   background workers) is started, and ``--clients`` keep-alive client processes, each
   with its own session of the demo applicant (written into the session store: no
   Argon2 login per client), load each scenario for ``--seconds``: the first page, a
   status filter, a search by request code and the next page (``?kursor=``); then one
   client alone (the service time without queueing).

Scenarios: ``/pemohon/pengajuan/``, ``?status=ditolak``, ``?kode=<one of the demo
applicant's codes>``, and the second page through the first page's ``kursor``.

The figures replace the section between the DAFTAR markers of bench/REPORT.md. The
database is dropped at the end unless ``--keep``; ``--reuse`` measures again on a kept
one (nothing is added).

    .venv/bin/python bench/daftar_pengajuan.py            # 1,000,000 requests
    .venv/bin/python bench/daftar_pengajuan.py --pengajuan 100000 --pemohon 20000
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import re
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # after the path is set
    ROOT,
    Browser,
    bench_env,
    data_dir,
    database_url,
    django_setup,
    free_port,
    in_django,
    load_average,
    login_sessions,
    manage,
    percentiles,
    pg_exists,
    psql,
    replace_section,
    serve,
)

REPORT = ROOT / "bench" / "REPORT.md"
START, END = "<!-- DAFTAR:START -->", "<!-- DAFTAR:END -->"
DB_NAME = "sintren_bench_daftar"
LIST = "/pemohon/pengajuan/"
STATUS = "ditolak"
SCENARIOS = ("first", "status", "kode", "cursor")
LABELS = {
    "first": "first page",
    "status": f"status={STATUS}",
    "kode": "search by code",
    "cursor": "next page (kursor)",
}
TABLE = '"pengajuan_pengajuan"'
# The plan nodes the report names: sorts, and how the requests table is read.
NODE_RE = re.compile(
    r"(Incremental Sort|Sort|Seq Scan on pengajuan_pengajuan"
    r"|Index (Only )?Scan( Backward)? using \S+ on pengajuan_pengajuan"
    r"|Bitmap Heap Scan on pengajuan_pengajuan|Bitmap Index Scan on \S+)$"
)


# --- inside Django (a subprocess on the bench database) -------------------------------------
def _plan(sql: str, params: Any) -> list[str]:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        return [row[0] for row in cur.fetchall()]


def _labels(queries: list[str]) -> list[str]:
    """Each query's first table (what the page asks the database, in order)."""
    found = []
    for sql in queries:
        match = re.search(r'FROM "(\w+)"', sql) or re.search(r'(?:UPDATE|INTO) "(\w+)"', sql)
        found.append(match.group(1) if match else sql.split()[0])
    return found


def _former(queries: dict[str, str]) -> dict[str, Any]:
    """The same list queries on the former index ``(pemohon, dihapus_pada, -diperbarui,
    -id)``, made in a transaction that is rolled back: execution time and plan nodes."""
    from django.db import connection, transaction

    found: dict[str, Any] = {}
    with transaction.atomic():
        with connection.cursor() as cur:
            cur.execute("DROP INDEX pengajuan_pemohon_daftar_idx")
            cur.execute(
                "CREATE INDEX pengajuan_pemohon_daftar_idx ON pengajuan_pengajuan "
                "(pemohon_id, dihapus_pada, diperbarui DESC, id DESC)"
            )
            cur.execute("ANALYZE pengajuan_pengajuan")
        for name, sql in queries.items():
            plan = _plan(sql, None)
            nodes = [re.sub(r"\s+\(.*", "", line.strip().lstrip("-> ")) for line in plan]
            found[name] = {
                "sql_ms": float(re.findall(r"[\d.]+", plan[-1])[0]),
                "plan": "; ".join(dict.fromkeys(n for n in nodes if NODE_RE.match(n))),
            }
        transaction.set_rollback(True)
    return found


def inspect(clients: int) -> dict[str, Any]:
    """Scenario paths, query counts and plans; sessions for the HTTP clients."""
    django_setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()  # responses carry their template context

    from sintren.accounts.demo_pemohon import DEMO_PEMOHON
    from sintren.accounts.models import Pemohon
    from sintren.pengajuan.models import Pengajuan

    demo = Pemohon.objects.select_related("user").get(nik=DEMO_PEMOHON[0]["nik"])
    mine = Pengajuan.objects.filter(pemohon=demo, dihapus_pada__isnull=True, grup__isnull=True)
    middle = mine.order_by("kode").values_list("kode", flat=True)[mine.count() // 2]
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(demo.user)
    first = client.get(LIST)
    cursor = first.context["page"].next_cursor
    paths = {
        "first": LIST,
        "status": f"{LIST}?status={STATUS}",
        "kode": f"{LIST}?{urlencode({'kode': middle})}",
        "cursor": f"{LIST}?{urlencode({'kursor': cursor})}",
    }
    found: dict[str, Any] = {}
    for name in SCENARIOS:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(paths[name])
        assert response.status_code == 200, name
        queries = [q["sql"] for q in ctx.captured_queries]
        list_sql = next(q for q in queries if f"FROM {TABLE}" in q and "ORDER BY" in q)
        plan = _plan(list_sql, None)
        nodes = [re.sub(r"\s+\(.*", "", line.strip().lstrip("-> ")) for line in plan]
        scans = [node for node in nodes if NODE_RE.match(node)]
        found[name] = {
            "path": paths[name],
            "queries": len(queries),
            "tables": _labels(queries),
            "sql_ms": float(re.findall(r"[\d.]+", plan[-1])[0]),  # "Execution Time: x ms"
            "plan": "; ".join(dict.fromkeys(scans)),
            "plan_text": plan,
            "seq_scan": any(f"Seq Scan on {TABLE.strip(chr(34))}" in line for line in plan),
            "rows": len(response.context["page"]),
            "sql": list_sql,
        }
    return {
        "scenarios": found,
        "former": _former({name: found[name]["sql"] for name in ("first", "status")}),
        "total": Pengajuan.objects.count(),
        "demo_total": mine.count(),
        "demo_status": mine.filter(status=STATUS).count(),
        "sessions": login_sessions([demo.user] * clients),
    }


# --- HTTP clients (one process each) ---------------------------------------------------------
_browser: Browser | None = None


def _init(port: int, cookie: str, sessions: Any) -> None:
    """Pool initializer: this process takes the next session from the queue."""
    global _browser  # noqa: PLW0603 - one keep-alive browser per client process
    _browser = Browser(port, {cookie: sessions.get()})


def _client(args: tuple[str, float]) -> list[float]:
    path, seconds = args
    assert _browser is not None
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds
    while (now := time.perf_counter()) < deadline:
        try:
            status, _, _ = _browser.request("GET", path)
        except (ConnectionError, OSError):
            _browser.connect()  # the server closed an idle keep-alive connection: again
            continue
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        latencies.append(time.perf_counter() - now)
    return latencies


def _measure(pool: Any, clients: int, path: str, seconds: float) -> dict[str, float]:
    started = time.perf_counter()
    results = pool.map(_client, [(path, seconds)] * clients, chunksize=1)
    elapsed = time.perf_counter() - started
    lat = [x for r in results for x in r]
    return {**percentiles(lat), "rps": len(lat) / elapsed}


# --- orchestration -----------------------------------------------------------------------------
def _vacuum(db_url: str) -> None:
    import psycopg

    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE pengajuan_pengajuan")


def _fill(env: dict[str, str], opts: argparse.Namespace) -> dict[str, float]:
    manage(env, "sintren_setup", "--wilayah", "33", "--quiet")
    made = {"pemohon_s": manage(env, "bench_data", "--pemohon", str(opts.pemohon))}
    args = ["--pengajuan", str(opts.pengajuan), "--demo", str(opts.demo), "-v", "2"]
    made["pengajuan_s"] = manage(env, "bench_data", *args)
    return made


def run(opts: argparse.Namespace, db_url: str) -> dict[str, Any]:
    port = free_port()
    with data_dir("sintren-bench-daftar-", keep=opts.keep) as made_dir:
        folder = Path(opts.data_dir) if opts.reuse else made_dir
        env = bench_env(port, folder, db_url, "bench-daftar")
        made = {} if opts.reuse else _fill(env, opts)
        started = time.monotonic()
        _vacuum(db_url)
        made["vacuum_s"] = time.monotonic() - started
        info = in_django(__file__, env, "--inspect", str(opts.clients))
        print(f"data dir {folder}; {info['total']:,} requests", flush=True)
        load_before = load_average()
        when = time.strftime("%Y-%m-%d %H:%M")
        http: dict[str, Any] = {}
        alone: dict[str, Any] = {}
        with serve(env, port, opts.workers, folder / "serve.log"):
            sessions: Any = mp.Manager().Queue()
            for key in info["sessions"]:
                sessions.put(key)
            init = (port, "sessionid", sessions)
            with mp.Pool(opts.clients, initializer=_init, initargs=init) as pool:
                _measure(pool, opts.clients, LIST, 2.0)  # warm up workers and caches
                for name in SCENARIOS:
                    path = info["scenarios"][name]["path"]
                    http[name] = r = _measure(pool, opts.clients, path, opts.seconds)
                    alone[name] = one = _measure(pool, 1, path, opts.seconds / 2)
                    print(
                        f"  {LABELS[name]:<20} p50 {r['p50']:6.1f}  p95 {r['p95']:6.1f}  "
                        f"p99 {r['p99']:6.1f} ms  {r['rps']:5.0f} req/s  "
                        f"(alone p50 {one['p50']:5.1f} ms)",
                        flush=True,
                    )
        return {
            "when": when,
            "made": made,
            "info": info,
            "http": http,
            "alone": alone,
            "load_before": load_before,
            "load_after": load_average(),
        }


def write_report(res: dict[str, Any], opts: argparse.Namespace, cmd: str) -> str:
    info = res["info"]
    made = res["made"]
    lines = [
        f"Run {res['when']} on {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; the machine is shared with other work (load average "
        f"{res['load_before']} before, {res['load_after']} after). Command: `{cmd}`",
        "",
        f"{info['total']:,} requests in all; the demo applicant has {info['demo_total']:,} "
        f"(not deleted), {info['demo_status']:,} of them `{STATUS}`.",
        "",
        f"| scenario | {opts.clients} clients: p50 ms | p95 ms | p99 ms | req/s | 1 client: "
        "p50 ms | p95 ms | queries | list SQL ms | rows | plan of the list query |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name in SCENARIOS:
        r, one, s = res["http"][name], res["alone"][name], info["scenarios"][name]
        lines.append(
            f"| {LABELS[name]} | {r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | "
            f"{r['rps']:.0f} | {one['p50']:.1f} | {one['p95']:.1f} | {s['queries']} | "
            f"{s['sql_ms']:.2f} | {s['rows']} | {s['plan']} |"
        )
    first = info["scenarios"]["first"]
    lines += [
        "",
        f"Queries of the first page, in order: {', '.join(first['tables'])}.",
        "",
    ]
    former = info.get("former") or {}
    if former:
        lines += [
            "Before the partial index (the former index `(pemohon, dihapus_pada, "
            "-diperbarui, -id)`, measured on the same data in a rolled-back transaction): "
            + "; ".join(
                f"{LABELS[name]} {f['sql_ms']:.2f} ms ({f['plan']})" for name, f in former.items()
            )
            + ".",
            "",
        ]
    if "pengajuan_s" in made:
        lines += [
            f"Data: `bench_data --pemohon {opts.pemohon:,}` {made['pemohon_s']:.0f} s; "
            f"`bench_data --pengajuan {opts.pengajuan:,} --demo {opts.demo:,}` "
            f"{made['pengajuan_s']:.0f} s (COPY, batches of 20,000); VACUUM ANALYZE "
            f"{made['vacuum_s']:.0f} s.",
            "",
        ]
    lines += [
        "<details><summary>EXPLAIN (ANALYZE, BUFFERS) of the list query, first page and "
        "status filter</summary>",
        "",
        "```",
        re.sub(r"^SELECT .*? FROM", "SELECT … FROM", first["sql"], count=1),
        "",
        *first["plan_text"],
        "",
        *info["scenarios"]["status"]["plan_text"],
        "```",
        "",
        "</details>",
    ]
    text = "\n".join(lines)
    replace_section(REPORT, START, END, text)
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/postgres",
        help="A PostgreSQL server (any database on it); the bench uses its own database.",
    )
    parser.add_argument("--pemohon", type=int, default=100_000)
    parser.add_argument("--pengajuan", type=int, default=1_000_000)
    parser.add_argument("--demo", type=int, default=1_500)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="Keep the database and data dir.")
    parser.add_argument("--reuse", action="store_true", help="Measure a kept database again.")
    parser.add_argument("--data-dir", help="With --reuse: the kept data directory.")
    parser.add_argument("--inspect", type=int, help=argparse.SUPPRESS)
    opts = parser.parse_args()
    if opts.inspect is not None:
        print(json.dumps(inspect(opts.inspect)))
        return
    db_url = database_url(opts.database_url, DB_NAME)
    if opts.reuse and not (opts.data_dir and pg_exists(opts.database_url, DB_NAME)):
        parser.error("--reuse needs a kept database and its --data-dir")
    if not opts.reuse:
        psql(opts.database_url, f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        psql(opts.database_url, f'CREATE DATABASE "{DB_NAME}"')
    try:
        res = run(opts, db_url)
    finally:
        if not opts.keep:
            psql(opts.database_url, f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    cmd = " ".join(["python bench/daftar_pengajuan.py", *sys.argv[1:]])
    print(write_report(res, opts, cmd))


if __name__ == "__main__":
    main()
