"""Benchmark: 500 applicants race for the last 250 slots of a service's daily quota (REQ-2).

For each database (SQLite, the embedded default; PostgreSQL, in a database of its own
made on ``--database-url`` and dropped after) the script loads a fresh data directory as
``make run`` does (``sintren_setup --wilayah 33``), adds bench applicants with
``manage.py bench_data --pemohon`` and then, inside Django (a subprocess):

* opens the e-KTP reprint service (`cetak-ulang-ktp-el`, or else the first general one) all day
  on all seven days (:func:`sintren.pengajuan.demo.demo_layanan_buka`), removes a
  closure day on today's date and sets its ``kuota_harian`` to ``--kuota``. National
  holidays stay: on one, no service takes requests, and the script stops and says so
  (run it on another day); it also stops within 15 minutes of midnight (WIB), when the
  quota day would change during the run;
* logs ``--clients`` distinct active bench applicants in by writing their sessions
  straight into the session store (what ``login()`` and ``session_start`` write), instead
  of 500 Argon2 password checks through the rate-limited login form.

It then starts the production server (``manage.py serve``: gunicorn 2 workers x 4
threads plus the background workers) and runs the race with one thread per client:

1. all clients, released at once by a barrier, GET the new-request form on a new
   keep-alive connection (CSRF cookie and token);
2. when every form is loaded, all of them, released at once by a second barrier, POST
   it (each for the applicant themself, so no two are about the same subject) on a new
   connection (gunicorn closes connections idle for 2 s, and the slowest form takes
   longer than that to load).

A POST answered with a redirect to the new request created it; one answered with the
form and "Kuota pengajuan … hari ini sudah habis." was refused, as it should be; any
other answer is an error. Afterwards the database must hold exactly ``--kuota``
requests for the service with as many distinct codes, and today's ``KuotaHarian`` row
``terpakai == --kuota``; and the form page then says *belum tersedia*. Latencies (p50,
p95, p99) are per phase, from sending the request to the end of the answer.

The figures replace the section between the KUOTA markers of bench/REPORT.md.

    .venv/bin/python bench/kuota.py                 # SQLite and PostgreSQL
    .venv/bin/python bench/kuota.py --sqlite-only
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # after the path is set
    ROOT,
    Browser,
    bench_env,
    csrf_of,
    data_dir,
    database_url,
    django_setup,
    free_port,
    in_django,
    load_average,
    login_sessions,
    manage,
    percentiles,
    psql,
    replace_section,
    serve,
)

REPORT = ROOT / "bench" / "REPORT.md"
START, END = "<!-- KUOTA:START -->", "<!-- KUOTA:END -->"
DB_NAME = "sintren_bench_kuota"
SLUG = "cetak-ulang-ktp-el"
CLOSING_MARGIN_MINUTES = 15


# --- inside Django (a subprocess on the bench database) -------------------------------------
def _answer(field: Any) -> str:
    """A valid answer to one extra field of the service, by its type."""
    import datetime as dt

    from sintren.catalog.models import FieldTambahan

    kinds = FieldTambahan.Tipe
    if field.tipe == kinds.ANGKA:
        return "1"
    if field.tipe == kinds.TANGGAL:
        return dt.date.today().strftime("%d-%m-%Y")
    if field.tipe == kinds.PILIHAN:
        return str(field.pilihan_list[0])
    if field.tipe == kinds.YA_TIDAK:
        return "ya"
    return "Cetak ulang"


def _answers(layanan: Any) -> dict[str, str]:
    """Answers to the service's required extra fields, by form field (``tambahan_<nama>``)."""
    return {f"tambahan_{f.nama}": _answer(f) for f in layanan.field_tambahan.filter(wajib=True)}


def prepare(clients: int, kuota: int) -> dict[str, Any]:
    """Open the service, set its quota, log the applicants in; what the race needs."""
    django_setup()
    import datetime as dt

    from django.conf import settings

    from sintren.accounts.models import Pemohon
    from sintren.catalog.models import HariTutup, Layanan
    from sintren.ops.management.commands.bench_data import USERNAME_PREFIX
    from sintren.pengajuan.availability import LIBUR, ZONA
    from sintren.pengajuan.demo import demo_layanan_buka

    now = dt.datetime.now(ZONA)
    today = now.date()
    midnight = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(), tzinfo=ZONA)
    if midnight - now < dt.timedelta(minutes=CLOSING_MARGIN_MINUTES):
        return {"stop": "Less than 15 minutes to midnight (WIB): the quota day would "
                "change during the run. Start again after midnight."}  # fmt: skip
    layanan = (
        Layanan.objects.filter(slug=SLUG, akses=Layanan.Akses.UMUM).first()
        or Layanan.objects.filter(akses=Layanan.Akses.UMUM).order_by("urutan", "pk").first()
    )
    assert layanan is not None, "no general service in the catalogue"
    HariTutup.objects.filter(tanggal=today).delete()
    Layanan.objects.filter(pk=layanan.pk).update(kuota_harian=kuota, aktif=True)
    status = demo_layanan_buka(layanan.slug)
    if status.sebab == LIBUR:
        return {"stop": f"{today}: {status.alasan} No service takes new requests on a "
                "national holiday: run the benchmark on another day."}  # fmt: skip
    assert status.tersedia, status.alasan
    pemohon = list(
        Pemohon.objects.filter(
            status=Pemohon.Status.AKTIF, user__username__startswith=USERNAME_PREFIX
        )
        .select_related("user")
        .order_by("pk")[:clients]
    )
    assert len(pemohon) == clients, f"only {len(pemohon)} active bench applicants"
    return {
        "slug": layanan.slug,
        "nama": layanan.nama,
        "kode": layanan.kode,
        "today": today.isoformat(),
        "answers": _answers(layanan),
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "clients": [
            {"session": key, "nik": p.nik, "nama": p.nama_lengkap}
            for p, key in zip(pemohon, login_sessions([p.user for p in pemohon]), strict=True)
        ],
    }


def verify(slug: str, today: str) -> dict[str, Any]:
    """What the database holds after the race."""
    django_setup()
    import datetime as dt

    from sintren.catalog.models import Layanan
    from sintren.pengajuan.availability import ZONA
    from sintren.pengajuan.models import KuotaHarian, Pengajuan

    layanan = Layanan.objects.get(slug=slug)
    day = dt.date.fromisoformat(today)
    start = dt.datetime.combine(day, dt.time(), tzinfo=ZONA)
    rows = Pengajuan.objects.filter(layanan=layanan)
    made_today = rows.filter(dibuat__gte=start, dibuat__lt=start + dt.timedelta(days=1))
    kuota = KuotaHarian.objects.filter(layanan=layanan, tanggal=day).first()
    kode = list(made_today.values_list("kode", flat=True))
    return {
        "all": rows.count(),
        "today": made_today.count(),
        "distinct_kode": len(set(kode)),
        "kode": sorted(kode),
        "terpakai": kuota.terpakai if kuota else None,
        "subjects": made_today.values("subjek_kunci").distinct().count(),
    }


# --- the race ----------------------------------------------------------------------------------
def _outcome(status: int, page: str, headers: dict[str, str], habis: str) -> tuple[str, str]:
    if status == 302 and "/pengajuan/" in headers.get("location", ""):
        return "created", headers["location"].rstrip("/").rsplit("/", 1)[-1]
    if status == 200 and habis in page:
        return "refused", ""
    return f"error {status}", page[:300]


def race(port: int, info: dict[str, Any]) -> dict[str, Any]:
    """GET the form at once, then POST it at once; outcomes and latencies."""
    clients = info["clients"]
    n = len(clients)
    path = f"/pemohon/pengajuan/baru/{info['slug']}/"
    habis = f"Kuota pengajuan {info['nama']} hari ini sudah habis."
    get_barrier, post_barrier = threading.Barrier(n), threading.Barrier(n)
    results: list[dict[str, Any]] = [{} for _ in range(n)]

    def client(i: int) -> None:
        c = clients[i]
        browser = Browser(port, {info["session_cookie"]: c["session"]})
        res = results[i]
        form = None
        try:
            get_barrier.wait()
            browser.connect()
            t0 = time.perf_counter()
            status, page, _ = browser.request("GET", path)
            res["get_s"] = time.perf_counter() - t0
            res["get_status"] = status
            if status == 200 and "csrfmiddlewaretoken" in page:
                form = {
                    "csrfmiddlewaretoken": csrf_of(page),
                    "subjek_nik": c["nik"],
                    "subjek_nama": c["nama"],
                    "detail": "Mohon cetak ulang KTP-el, yang lama rusak.",
                    **info["answers"],
                }
        except Exception as exc:  # every failure is counted, none lost
            res["get_status"] = f"exception {type(exc).__name__}"
        finally:
            post_barrier.wait()  # also when the GET failed, or the others would hang
        if form is None:
            res["outcome"] = ("error GET", str(res.get("get_status")))
            return
        try:
            browser.connect()
            t0 = time.perf_counter()
            status, page, headers = browser.request("POST", path, form)
            res["post_s"] = time.perf_counter() - t0
            res["outcome"] = _outcome(status, page, headers, habis)
        except Exception as exc:
            res["outcome"] = (f"error {type(exc).__name__}", str(exc)[:300])
        finally:
            browser.close()

    threading.stack_size(512 * 1024)
    threads = [threading.Thread(target=client, args=(i,)) for i in range(n)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    kinds = Counter(r["outcome"][0] for r in results)
    post_ok = [r for r in results if "post_s" in r]
    return {
        "wall_s": wall,
        "outcomes": dict(kinds),
        "errors": [r["outcome"] for r in results if r["outcome"][0].startswith("error")][:5],
        "codes": sorted(r["outcome"][1] for r in results if r["outcome"][0] == "created"),
        "get": percentiles([r["get_s"] for r in results if "get_s" in r]),
        "post": percentiles([r["post_s"] for r in post_ok]),
        "post_created": percentiles([r["post_s"] for r in post_ok if r["outcome"][0] == "created"]),
        "post_refused": percentiles([r["post_s"] for r in post_ok if r["outcome"][0] == "refused"]),
        "post_span_s": max((r["post_s"] for r in post_ok), default=0.0),
    }


def after_page(port: int, info: dict[str, Any]) -> bool:
    """Whether a client that got nothing now sees *belum tersedia* instead of the form."""
    browser = Browser(port, {info["session_cookie"]: info["clients"][-1]["session"]})
    status, page, _ = browser.request("GET", f"/pemohon/pengajuan/baru/{info['slug']}/")
    browser.close()
    return status == 200 and "belum tersedia" in page and 'name="subjek_nik"' not in page


# --- orchestration -----------------------------------------------------------------------------
def run_backend(name: str, db_url: str | None, opts: argparse.Namespace) -> dict[str, Any]:
    port = free_port()
    with data_dir("sintren-bench-kuota-", keep=opts.keep) as folder:
        env = bench_env(port, folder, db_url, "bench-kuota")
        print(f"== {name}: setup in {folder}", flush=True)
        manage(env, "sintren_setup", "--wilayah", "33", "--quiet")
        made = manage(env, "bench_data", "--pemohon", str(opts.applicants))
        args = ["--prepare", str(opts.clients), str(opts.kuota)]
        info = in_django(__file__, env, *args)
        if "stop" in info:
            raise SystemExit(info["stop"])
        load_before = load_average()
        with serve(env, port, opts.workers, folder / "serve.log"):
            warm = Browser(port, {info["session_cookie"]: info["clients"][0]["session"]})
            for _ in range(8):  # load the code in both gunicorn workers
                warm.request("GET", "/pemohon/pengajuan/")
                warm.connect()
            warm.close()
            print(f"   race: {opts.clients} clients, quota {opts.kuota}", flush=True)
            when = time.strftime("%Y-%m-%d %H:%M")
            result = race(port, info)
            result["belum_tersedia_after"] = after_page(port, info)
        check = in_django(__file__, env, "--verify", info["slug"], info["today"])
        result |= {
            "backend": name,
            "when": when,
            "load_before": load_before,
            "load_after": load_average(),
            "applicants_s": made,
            "service": f"{info['nama']} ({info['kode']})",
            "db": check,
        }
        result["ok"] = ok(result, opts)
        print(json.dumps({k: v for k, v in result.items() if k not in {"codes"}}, default=str))
        return result


def ok(res: dict[str, Any], opts: argparse.Namespace) -> bool:
    db = res["db"]
    return bool(
        res["outcomes"] == {"created": opts.kuota, "refused": opts.clients - opts.kuota}
        and db["today"] == db["all"] == db["distinct_kode"] == db["terpakai"] == opts.kuota
        and db["subjects"] == opts.kuota
        and res["codes"] == db["kode"]
        and res["belum_tersedia_after"]
    )


def write_report(results: list[dict[str, Any]], opts: argparse.Namespace, cmd: str) -> str:
    lines = [
        f"Run {results[0]['when']} on {platform.machine()}, {os.cpu_count()} "
        f"cores, Python {platform.python_version()}; the machine is shared with other work "
        f"(load average before each race below). Command: `{cmd}`",
        "",
        f"| database | created | refused (quota) | errors | requests in DB today | distinct "
        f"codes | `KuotaHarian.terpakai` | form says *belum tersedia* after | all {opts.clients} "
        f"POSTs answered in |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        out, db = r["outcomes"], r["db"]
        errors = sum(v for k, v in out.items() if k.startswith("error"))
        lines.append(
            f"| {r['backend']} | {out.get('created', 0)} | {out.get('refused', 0)} | {errors} | "
            f"{db['today']} | {db['distinct_kode']} | {db['terpakai']} | "
            f"{'yes' if r['belum_tersedia_after'] else 'NO'} | {r['post_span_s']:.1f} s |"
        )
    lines += [
        "",
        "Latency (ms, from sending the request to the end of the answer; all clients "
        "released at once, so it is mostly waiting for one of the server's 8 threads):",
        "",
        "| database | phase | n | p50 | p95 | p99 | max | load average before → after |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        for label, key in (
            ("GET form", "get"),
            ("POST, all", "post"),
            ("POST, created", "post_created"),
            ("POST, refused", "post_refused"),
        ):
            p = r[key]
            lines.append(
                f"| {r['backend']} | {label} | {p['n']} | {p['p50']:.0f} | {p['p95']:.0f} | "
                f"{p['p99']:.0f} | {p['max']:.0f} | {r['load_before']} → {r['load_after']} |"
            )
    for r in results:
        codes = r["db"]["kode"]
        verdict = "holds" if r["ok"] else "DOES NOT HOLD"
        lines.append("")
        lines.append(
            f"{r['backend']}: the quota {verdict}; codes {codes[0]} … {codes[-1]} "
            f"({len(codes)}), the same as the redirects the clients got. "
            f"{opts.applicants:,} bench applicants made in {r['applicants_s']:.1f} s "
            f"(`bench_data`), service {r['service']}."
            if codes
            else f"{r['backend']}: no request was created."
        )
        if r["errors"]:
            lines.append(f"First errors: {r['errors']}")
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
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--postgres-only", action="store_true")
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--kuota", type=int, default=250)
    parser.add_argument(
        "--applicants", type=int, default=1000, help="bench applicants to make (70 %% active)"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="Keep the data directory.")
    parser.add_argument("--prepare", nargs=2, type=int, help=argparse.SUPPRESS)
    parser.add_argument("--verify", nargs=2, help=argparse.SUPPRESS)
    opts = parser.parse_args()
    if opts.prepare:
        print(json.dumps(prepare(*opts.prepare)))
        return
    if opts.verify:
        print(json.dumps(verify(*opts.verify)))
        return
    results = []
    if not opts.postgres_only:
        results.append(run_backend("SQLite", None, opts))
    if not opts.sqlite_only:
        psql(opts.database_url, f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        psql(opts.database_url, f'CREATE DATABASE "{DB_NAME}"')
        try:
            results.append(
                run_backend("PostgreSQL", database_url(opts.database_url, DB_NAME), opts)
            )
        finally:
            psql(opts.database_url, f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    cmd = " ".join(["python bench/kuota.py", *sys.argv[1:]])
    print(write_report(results, opts, cmd))
    if not all(r["ok"] for r in results):
        raise SystemExit("The quota did not hold: see bench/REPORT.md.")


if __name__ == "__main__":
    main()
