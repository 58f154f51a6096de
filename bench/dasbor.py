"""Benchmark: the back-office dashboard (BO-5, X-9) at 100,000 and 1,000,000 requests.

On a PostgreSQL server (``--database-url``, default the local one) the script creates a
database of its own, loads the regions and demo data as ``make run`` does, adds
``--pemohon`` bench applicants, then grows the requests table in steps (``--sizes``,
default 100,000 then 1,000,000) with ``manage.py bench_data --pengajuan``. The
generator writes no status history, ratings or due dates, so after each step the new
rows get them in SQL, shaped like an office's:

- ``jatuh_tempo``: the sending date plus the service's target in working days (as
  calendar days x 7/5; close enough for the shape of the data);
- a *Diproses* history row for every request that got past *Pengajuan Dikirim*, 0-3
  days after the sending, and a *Selesai* row at the last change of finished ones;
- a rating for 35 % of the finished requests (mostly 4 and 5 stars), a comment on a
  fifth of those; today's quota use per service.

Then ``VACUUM ANALYZE`` and, in a Django subprocess on that database (the Django test
client, logged in as the demo admin with the second factor passed): the dashboard's
query count, its time with the figures computed (the cache emptied before each load)
and served from the cache, and each query's time. The figures replace the section
between the DASBOR markers of bench/REPORT.md; the database is dropped at the end
unless ``--keep``.

    .venv/bin/python bench/dasbor.py
    .venv/bin/python bench/dasbor.py --sizes 20000 100000 --pemohon 5000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # after the path is set
    ROOT,
    bench_env,
    data_dir,
    database_url,
    django_setup,
    free_port,
    in_django,
    load_average,
    manage,
    psql,
    replace_section,
)

REPORT = ROOT / "bench" / "REPORT.md"
START, END = "<!-- DASBOR:START -->", "<!-- DASBOR:END -->"
DB_NAME = "sintren_bench_dasbor"
ROUNDS = 5

# New rows only (id > %(after)s): their due dates, history, ratings.
AUGMENT = [
    """
    UPDATE pengajuan_pengajuan p SET jatuh_tempo =
        (p.dikirim_pada AT TIME ZONE 'Asia/Jakarta')::date + (l.target_hari_kerja * 7 / 5)
    FROM catalog_layanan l
    WHERE p.layanan_id = l.id AND p.id > %(after)s AND p.dikirim_pada IS NOT NULL
    """,
    """
    INSERT INTO pengajuan_riwayatstatus (pengajuan_id, status, catatan, pada)
    SELECT id, 'diproses', '',
           LEAST(diperbarui, dikirim_pada + (random() * interval '3 days'))
    FROM pengajuan_pengajuan
    WHERE id > %(after)s AND dikirim_pada IS NOT NULL
      AND status NOT IN ('draf', 'dikirim', 'dihapus')
    """,
    """
    INSERT INTO pengajuan_riwayatstatus (pengajuan_id, status, catatan, pada)
    SELECT id, 'selesai', '', GREATEST(diperbarui, dikirim_pada + interval '3 days')
    FROM pengajuan_pengajuan WHERE id > %(after)s AND status = 'selesai'
    """,
    """
    INSERT INTO pengajuan_penilaian (pengajuan_id, nilai, komentar, dibuat)
    SELECT id,
           (ARRAY[1, 2, 3, 4, 4, 4, 5, 5, 5, 5])[1 + floor(random() * 10)::int],
           CASE WHEN random() < 0.2 THEN 'Pelayanan cepat, terima kasih.' ELSE '' END,
           GREATEST(diperbarui, dikirim_pada + interval '3 days') + interval '2 hours'
    FROM pengajuan_pengajuan
    WHERE id > %(after)s AND status = 'selesai' AND random() < 0.35
    """,
    """
    INSERT INTO pengajuan_kuotaharian (layanan_id, tanggal, terpakai)
    SELECT id, (now() AT TIME ZONE 'Asia/Jakarta')::date, 5 + floor(random() * 40)::int
    FROM catalog_layanan
    ON CONFLICT (layanan_id, tanggal) DO NOTHING
    """,
]


# --- inside Django (a subprocess on the bench database) -------------------------------------
def inspect() -> dict[str, Any]:
    """Query count and times of the dashboard, computed and from the cache."""
    django_setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    from sintren.accounts.models import User
    from sintren.backoffice.auth import OTP_KEY
    from sintren.backoffice.selectors_laporan import Periode, hari_ini, laporan_hitung
    from sintren.pengajuan.models import Pengajuan, Penilaian, RiwayatStatus

    admin = User.objects.filter(role=User.Role.ADMIN).order_by("pk").first()
    assert admin is not None
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(admin)
    session = client.session
    session[OTP_KEY] = admin.pk
    session.save()
    url = "/backoffice/"
    client.get(url)  # warm: templates, the session's first write
    computed, cached = [], []
    for _ in range(ROUNDS):
        cache.clear()
        started = time.perf_counter()
        assert client.get(url).status_code == 200
        computed.append(time.perf_counter() - started)
        started = time.perf_counter()
        assert client.get(url).status_code == 200
        cached.append(time.perf_counter() - started)
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    computed_queries = list(ctx.captured_queries)  # a view of the live log: copy it now
    with CaptureQueriesContext(connection) as warm:
        client.get(url)
    cached_queries = list(warm.captured_queries)
    periode = Periode.terakhir(hari_ini())
    selector = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        laporan = laporan_hitung(periode=periode)
        selector.append(time.perf_counter() - started)
    queries = []
    for q in computed_queries:
        match = re.search(r'FROM "(\w+)"', q["sql"])
        table = match.group(1) if match else q["sql"][:20]
        queries.append({"table": table, "ms": float(q["time"]) * 1000})
    return {
        "total": Pengajuan.objects.count(),
        "riwayat": RiwayatStatus.objects.count(),
        "penilaian": Penilaian.objects.count(),
        "computed_ms": [x * 1000 for x in computed],
        "cached_ms": [x * 1000 for x in cached],
        "selector_ms": [x * 1000 for x in selector],
        "queries": len(computed_queries),
        "queries_cached": len(cached_queries),
        "query_times": queries,
        "figures": {
            "dibuat_30_hari": laporan.total_dibuat,
            "berjalan": laporan.total_berjalan,
            "terlambat": laporan.terlambat_jumlah,
            "tunggu": [laporan.tunggu.jumlah, laporan.tunggu.median],
            "proses": [laporan.proses.jumlah, laporan.proses.median],
            "nilai": [laporan.nilai_jumlah, laporan.nilai_rata],
        },
    }


# --- orchestration -----------------------------------------------------------------------------
def _sql(db_url: str, statements: list[str], params: dict[str, Any]) -> None:
    import psycopg

    with psycopg.connect(db_url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement, params)


def _max_id(db_url: str) -> int:
    import psycopg

    with psycopg.connect(db_url) as conn:
        row = conn.execute("SELECT coalesce(max(id), 0) FROM pengajuan_pengajuan").fetchone()
        return int(row[0]) if row else 0


def run(opts: argparse.Namespace, db_url: str) -> list[dict[str, Any]]:
    results = []
    with data_dir("sintren-bench-dasbor-", keep=opts.keep) as folder:
        env = bench_env(free_port(), folder, db_url, "bench-dasbor")
        manage(env, "sintren_setup", "--wilayah", "33", "--quiet")
        manage(env, "bench_data", "--pemohon", str(opts.pemohon))
        have = 0
        for size in opts.sizes:
            after = _max_id(db_url)
            started = time.monotonic()
            manage(env, "bench_data", "--pengajuan", str(size - have))
            made_s = time.monotonic() - started
            started = time.monotonic()
            _sql(db_url, AUGMENT, {"after": after})
            _sql(db_url, ["VACUUM ANALYZE"], {})
            augment_s = time.monotonic() - started
            have = size
            info = in_django(__file__, env, "--inspect")
            info.update(size=size, made_s=made_s, augment_s=augment_s, load=load_average())
            print(json.dumps({k: v for k, v in info.items() if k != "query_times"}), flush=True)
            results.append(info)
    return results


def _median(values: list[float]) -> float:
    return statistics.median(values)


def write_report(results: list[dict[str, Any]], cmd: str) -> str:
    lines = [
        f"Run {time.strftime('%Y-%m-%d %H:%M')} on {platform.machine()}, {os.cpu_count()} "
        f"cores, Python {platform.python_version()}, PostgreSQL on 127.0.0.1, database cache; "
        f"the machine is shared with other work. Command: `{cmd}`",
        "",
        "| requests | history rows | ratings | dashboard, figures computed: p50 ms (min–max) "
        "| from the cache: p50 ms | `laporan_hitung` alone: p50 ms | queries computed / cached "
        "| load average |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['total']:,} | {r['riwayat']:,} | {r['penilaian']:,} | "
            f"{_median(r['computed_ms']):.0f} ({min(r['computed_ms']):.0f}–"
            f"{max(r['computed_ms']):.0f}) | {_median(r['cached_ms']):.1f} | "
            f"{_median(r['selector_ms']):.0f} | {r['queries']} / {r['queries_cached']} | "
            f"{r['load']} |"
        )
    last = results[-1]
    lines += [
        "",
        f"Queries of a computed dashboard at {last['total']:,} requests (table, ms): "
        + ", ".join(f"{q['table']} {q['ms']:.1f}" for q in last["query_times"])
        + ".",
        "",
        "Figures at the largest size (last 30 days): "
        + json.dumps(last["figures"], ensure_ascii=False)
        + ".",
        "",
        "Data: "
        + "; ".join(
            f"to {r['size']:,}: `bench_data` {r['made_s']:.0f} s, history/ratings/due dates "
            f"and VACUUM ANALYZE {r['augment_s']:.0f} s"
            for r in results
        )
        + ".",
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
    parser.add_argument("--pemohon", type=int, default=20_000)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--keep", action="store_true", help="Keep the database.")
    parser.add_argument("--inspect", action="store_true", help=argparse.SUPPRESS)
    opts = parser.parse_args()
    if opts.inspect:
        print(json.dumps(inspect()))
        return
    db_url = database_url(opts.database_url, DB_NAME)
    psql(opts.database_url, f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    psql(opts.database_url, f'CREATE DATABASE "{DB_NAME}"')
    try:
        results = run(opts, db_url)
    finally:
        if not opts.keep:
            psql(opts.database_url, f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    cmd = " ".join(["python bench/dasbor.py", *sys.argv[1:]])
    print(write_report(results, cmd))


if __name__ == "__main__":
    main()
