"""Benchmark: anonymous home page against /healthz on the production server.

Starts gunicorn exactly as ``make run`` does (own data directory, demo data), then runs
interleaved rounds (healthz, home, healthz, home, ...) from a multi-process keep-alive
HTTP client on loopback, and reports requests/s and p50/p95/p99 latency of each, the
ratio home/healthz per round, and the home page's transferred bytes as Chromium sees
them. Writes the figures to bench/REPORT.md (between the RESULTS markers).

    make bench            # or: .venv/bin/python bench/run.py --rounds 3 --seconds 10
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing as mp
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "bench" / "REPORT.md"
START, END = "<!-- RESULTS:START -->", "<!-- RESULTS:END -->"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(data_dir: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SINTREN_DATA_DIR": str(data_dir),
        "SITE_URL": f"http://127.0.0.1:{port}",
    }
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "sintren_setup", "--wilayah", "33", "--quiet"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    gunicorn = str(Path(python).with_name("gunicorn"))
    cmd = [gunicorn, "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers)]
    proc = subprocess.Popen([*cmd, "--threads", "4"], cwd=ROOT, env=env)
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise RuntimeError("server did not start")


def client(args: tuple[int, str, float]) -> list[float]:
    """One keep-alive connection hammering ``path`` for ``seconds``; returns latencies."""
    port, path, seconds = args
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Accept-Encoding": "gzip"}
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds
    while (now := time.perf_counter()) < deadline:
        conn.request("GET", path, headers=headers)
        resp = conn.getresponse()
        resp.read()
        if resp.status != 200:
            raise RuntimeError(f"{path} answered {resp.status}")
        latencies.append(time.perf_counter() - now)
    conn.close()
    return latencies


def measure(pool: Any, port: int, path: str, seconds: float, clients: int) -> dict[str, float]:
    started = time.perf_counter()
    results = pool.map(client, [(port, path, seconds)] * clients)
    elapsed = time.perf_counter() - started
    lat = sorted(x for r in results for x in r)
    q = statistics.quantiles(lat, n=100)
    return {
        "rps": len(lat) / elapsed,
        "p50": q[49] * 1000,
        "p95": q[94] * 1000,
        "p99": q[98] * 1000,
        "n": len(lat),
    }


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


def write_report(rows: list[dict[str, Any]], weight: dict[str, int], cmd: str) -> str:
    lines = [
        f"Run {time.strftime('%Y-%m-%d %H:%M')} on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}. Command: `{cmd}`",
        "",
        "| round | endpoint | req/s | p50 ms | p95 ms | p99 ms | requests |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        for name in ("healthz", "home"):
            r = row[name]
            lines.append(
                f"| {row['round']} | {name} | {r['rps']:.0f} | {r['p50']:.1f} | "
                f"{r['p95']:.1f} | {r['p99']:.1f} | {r['n']:.0f} |"
            )
    ratios = [row["home"]["rps"] / row["healthz"]["rps"] for row in rows]
    lines += [
        "",
        "Ratio home/healthz per round: " + ", ".join(f"{r:.2f}" for r in ratios),
        f"(median {statistics.median(ratios):.2f}; bar: ≥ 0.50).",
        "",
        "Home page transfer (compressed, as Chromium received it): "
        + ", ".join(f"{k} {v / 1024:.1f} KB" for k, v in sorted(weight.items())),
        "(bars: total ≤ 60 KB, JavaScript ≤ 20 KB).",
    ]
    text = "\n".join(lines)
    report = REPORT.read_text(encoding="utf-8")
    head, _, rest = report.partition(START)
    _, _, tail = rest.partition(END)
    REPORT.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    opts = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="sintren-bench-"))
    port = free_port()
    server = start_server(data_dir, port, opts.workers)
    rows: list[dict[str, Any]] = []
    try:
        with mp.Pool(opts.clients) as pool:
            measure(pool, port, "/", 1.0, opts.clients)  # warm up caches and workers
            for rnd in range(1, opts.rounds + 1):
                row: dict[str, Any] = {"round": rnd}
                for name, path in (("healthz", "/healthz"), ("home", "/")):
                    row[name] = measure(pool, port, path, opts.seconds, opts.clients)
                rows.append(row)
        weight = page_weight(port)
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(data_dir, ignore_errors=True)
    cmd = "python bench/run.py " + " ".join(sys.argv[1:])
    print(write_report(rows, weight, cmd.strip()))


if __name__ == "__main__":
    main()
