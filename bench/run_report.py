"""The report of bench/run.py: each database's figures (:class:`Run`), the bars, and the
tables that replace the section between the RESULTS markers of bench/REPORT.md."""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import replace_section

REPORT = Path(__file__).resolve().parent / "REPORT.md"
START, END = "<!-- RESULTS:START -->", "<!-- RESULTS:END -->"
BAR = 0.5  # every page against /healthz
BUSY_BAR = 0.25  # a page while 8 clients register, against its idle rate
# What bench/run.py does, which the tables name.
HEALTHZ = "/healthz"
REGISTERING_CLIENTS = 8
LOGIN_ACCOUNTS = 64
LOGGED_IN_ROUNDS = 3  # single runs of a rendered page swing widely on a shared 2-core host


@dataclass
class Run:
    backend: str
    rounds: list[dict[str, dict[str, float]]]
    logins: dict[int, dict[str, float]]
    wrk_logins: dict[int, dict[str, float]]
    burst: dict[str, Any]
    load: tuple[float, float, float]
    load_after: tuple[float, float, float] = (0.0, 0.0, 0.0)
    weight: dict[str, int] | None = None
    hash_ms: float = 0.0
    hash_busy_ms: float = 0.0
    hasher: str = ""
    busy: dict[str, dict[str, float]] = field(default_factory=dict)
    busy_registrations: int = 0
    logged_in: dict[str, dict[str, float]] = field(default_factory=dict)

    def ratios(self, label: str) -> list[float]:
        return [row[label]["ratio"] for row in self.rounds]

    def median(self, label: str, key: str) -> float:
        return statistics.median(row[label][key] for row in self.rounds)

    def bad(self, label: str) -> int:
        return int(sum(row[label]["bad"] + row[label]["errors"] for row in self.rounds))


def _page_table(runs: list[Run], labels: list[tuple[str, str]]) -> list[str]:
    head = "| page |"
    rule = "|---|"
    for run in runs:
        head += f" {run.backend}: req/s | p50 ms | p99 ms | ratio (min–max) |"
        rule += "---|---|---|---|"
    lines = [head, rule]
    for label, path in [("healthz", HEALTHZ), *labels]:
        line = f"| `{path}` |"
        for run in runs:
            ratios = run.ratios(label)
            bad = run.bad(label)
            flag = f" ⚠ {bad} not 2xx/errors" if bad else ""
            ratio = (
                "1"
                if label == "healthz"
                else (f"**{statistics.median(ratios):.2f}** ({min(ratios):.2f}–{max(ratios):.2f})")
            )
            line += (
                f" {run.median(label, 'rps'):.0f} | {run.median(label, 'p50'):.1f} | "
                f"{run.median(label, 'p99'):.1f} | {ratio}{flag} |"
            )
        lines.append(line)
    return lines


def _hash_and_load_sections(
    runs: list[Run], labels: list[tuple[str, str]], opts: argparse.Namespace
) -> list[str]:
    """The login-against-hash, pages-while-registering and logged-in tables."""
    lines: list[str] = []
    cores = os.cpu_count() or 1
    lines += [
        "",
        "### Login throughput against the hash cost",
        "",
        "Hash: median of 21 password hashes with the server's hasher in a `manage.py shell` "
        "on the same machine. Bound: cores ÷ hash time, the most logins a second the "
        "machine could verify if it did nothing else; bar: 8 clients reach 80 % of it. "
        "With every core hashing at once a hash takes longer (they share the memory "
        "bandwidth): the last column is the share of cores ÷ that time. "
        "8 clients driven by wrk (`bench/login.lua`: form, captcha, POST) and by the "
        "threaded Python client, whose own CPU comes out of the same two cores.",
        "",
        "| database | hasher | hash ms | cores ÷ hash time /s | 8 clients (wrk) logins/s "
        "| share | 8 Python clients logins/s | share | hash ms, every core hashing "
        "| share of cores ÷ that |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        bound = cores / (run.hash_ms / 1000) if run.hash_ms else 0.0
        rate = run.wrk_logins.get(8, {}).get("rps", 0.0)
        python_rate = run.logins.get(8, {}).get("rps", 0.0)
        share = rate / bound if bound else 0.0
        python_share = python_rate / bound if bound else 0.0
        busy_bound = cores / (run.hash_busy_ms / 1000) if run.hash_busy_ms else 0.0
        busy_share = rate / busy_bound if busy_bound else 0.0
        lines.append(
            f"| {run.backend} | {run.hasher} | {run.hash_ms:.1f} | {bound:.1f} | {rate:.1f} | "
            f"**{share:.0%}** | {python_rate:.1f} | {python_share:.0%} | "
            f"{run.hash_busy_ms:.1f} | {busy_share:.0%} |"
        )
    lines += [
        "",
        f"### Pages while {REGISTERING_CLIENTS} clients register (wrk, {opts.seconds:g} s each)",
        "",
        f"Ratio: the page's req/s while {REGISTERING_CLIENTS} wrk clients (bench/register.lua) "
        "register new applicants without pause ÷ its req/s idle in the run just before "
        f"(bar: ≥ {BUSY_BAR:.2f}).",
        "",
        "| page |"
        + "".join(f" {run.backend}: idle req/s | busy req/s | p99 ms | ratio |" for run in runs),
        "|---|" + "---|---|---|---|" * len(runs),
    ]
    for label, path in labels:
        line = f"| `{path}` |"
        for run in runs:
            busy = run.busy.get(label)
            if busy is None:
                line += " – | – | – | – |"
                continue
            ratio = busy["rps"] / busy["idle_rps"]
            line += (
                f" {busy['idle_rps']:.0f} | {busy['rps']:.0f} | {busy['p99']:.1f} | "
                f"**{ratio:.2f}** |"
            )
        lines.append(line)
    lines.append("")
    for run in runs:
        worst = min(
            (run.busy[label]["rps"] / run.busy[label]["idle_rps"], label)
            for label, _path in labels
            if label in run.busy
        )
        lines.append(
            f"{run.backend}: {run.busy_registrations} registrations meanwhile; lowest ratio "
            f"{worst[0]:.2f} ({worst[1]}); "
            f"{'every page meets' if worst[0] >= BUSY_BAR else 'NOT every page meets'} the bar."
        )
    lines += [
        "",
        f"### Pages behind a login (wrk, {opts.connections} connections, {opts.seconds:g} s, "
        "session cookie of a real login; reported, no bar)",
        "",
        f"The run with the median req/s of {LOGGED_IN_ROUNDS} interleaved rounds, and the "
        "lowest–highest req/s of the rounds.",
        "",
        "| page |"
        + "".join(f" {run.backend}: req/s (min–max) | p50 ms | p99 ms |" for run in runs),
        "|---|" + "---|---|---|" * len(runs),
    ]
    keys = list(runs[0].logged_in) if runs else []
    for key in keys:
        label, path = key.split("|", 1)
        line = f"| {label} (`{path}`) |"
        for run in runs:
            r = run.logged_in.get(key)
            if r is None:
                line += " – | – | – |"
                continue
            spread = f" ({r['rps_min']:.0f}–{r['rps_max']:.0f})" if "rps_min" in r else ""
            line += f" {r['rps']:.0f}{spread} | {r['p50']:.1f} | {r['p99']:.1f} |"
        lines.append(line)
    return lines


def write_report(
    runs: list[Run], labels: list[tuple[str, str]], opts: argparse.Namespace, cmd: str
) -> str:
    lines = [
        f"Run {time.strftime('%Y-%m-%d %H:%M')} on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{_wrk_version()}. Command: `{cmd}`",
        "",
        f"### Pages: wrk, {opts.connections} connections, {opts.rounds} interleaved rounds "
        f"of {opts.seconds:g} s per run",
        "",
        "Median over the rounds; ratio = the page's req/s ÷ the mean req/s of the two "
        "`/healthz` runs just before and just after it in the same round (bar: ≥ "
        f"{BAR:.2f} on every page, both databases). "
        "The `/healthz` row: medians of all its runs.",
        "",
        *_page_table(runs, labels),
        "",
    ]
    for run in runs:
        worst = min((statistics.median(run.ratios(label)), label) for label, _path in labels)
        lines.append(
            f"{run.backend}: lowest median ratio {worst[0]:.2f} ({worst[1]}); "
            f"{'every page meets' if worst[0] >= BAR else 'NOT every page meets'} the bar "
            f"(load average before the run: {', '.join(f'{x:.2f}' for x in run.load)}; "
            f"after it: {', '.join(f'{x:.2f}' for x in run.load_after)})."
        )
    lines += [
        "",
        f"### Login POSTs ({opts.post_seconds:g} s per row)",
        "",
        "Each client opens `/pemohon/login/` with fresh cookies, answers the captcha and "
        f"logs one of {LOGIN_ACCOUNTS} active applicants in, in turn (Argon2 verify, session "
        "written); refused: answers other than the redirect after login. wrk: logins/s "
        "with wrk driving the clients (`bench/login.lua`); Python: the threaded client, "
        "with the latency of the POST.",
        "",
        "| clients |"
        + "".join(
            f" {run.backend}: wrk logins/s | Python logins/s | POST p50 ms | p99 ms | refused |"
            for run in runs
        ),
        "|---|" + "---|---|---|---|---|" * len(runs),
    ]
    for clients in opts.login_clients:
        line = f"| {clients} |"
        for run in runs:
            r = run.logins[clients]
            w = run.wrk_logins[clients]
            refused = r["refused"] + w["refused"]
            line += (
                f" {w['rps']:.1f} | {r['rps']:.1f} | {r['p50']:.0f} | {r['p99']:.0f} | "
                f"{refused:.0f} |"
            )
        lines.append(line)
    lines += [
        "",
        f"### Registration burst: {opts.burst} registrations from {opts.burst_clients} "
        "clients, RSS per gunicorn worker (`ps`, every 0.2 s)",
        "",
        "| database | seconds | registered | refused | RSS before (MB) | peak RSS (MB) |",
        "|---|---|---|---|---|---|",
    ]
    for run in runs:
        b = run.burst
        before = ", ".join(f"{kb / 1024:.0f}" for kb in b["before"].values())
        peak = ", ".join(f"{kb / 1024:.0f}" for kb in b["peak"].values())
        lines.append(
            f"| {run.backend} | {b['seconds']:.1f} | {b['ok']} | {b['refused']} | "
            f"{before} | {peak} |"
        )
    lines += _hash_and_load_sections(runs, labels, opts)
    weights = [run.weight for run in runs if run.weight]
    if weights:
        lines += [
            "",
            "Home page transfer (compressed, as Chromium received it): "
            + ", ".join(f"{k} {v / 1024:.1f} KB" for k, v in sorted(weights[0].items()))
            + " (bars: total ≤ 60 KB, JavaScript ≤ 20 KB).",
        ]
    lines += ["", "<details><summary>Every round</summary>", ""]
    for run in runs:
        lines += [f"{run.backend}:", "", "| round | page | req/s | p50 ms | p99 ms | ratio |"]
        lines.append("|---|---|---|---|---|---|")
        for number, row in enumerate(run.rounds, start=1):
            for label, r in row.items():
                lines.append(
                    f"| {number} | {label} | {r['rps']:.0f} | {r['p50']:.1f} | "
                    f"{r['p99']:.1f} | {r['ratio']:.2f} |"
                )
        lines.append("")
    lines.append("</details>")
    text = "\n".join(lines)
    if opts.write:
        replace_section(REPORT, START, END, text)
    return text


def _wrk_version() -> str:
    out = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)
    match = re.search(r"wrk [\w.\-]+", out.stdout + out.stderr)
    return match[0] if match else "wrk"
