"""Bursts through the real server: ``manage.py serve`` as ``make run`` starts it.

100 citizens register at the same moment, then 200 logins arrive at once, each from its
own address (``X-Forwarded-For`` behind a trusted proxy). Nothing may fail with a
server error, nobody correct may be refused, every supervised process must still be
running afterwards, and the task worker must deliver every queued notification.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlencode, urlsplit

from sintren.accounts.demo_pemohon import DEMO_PEMOHON_PASSWORD
from sintren.accounts.tests.factories import nik_for
from sintren.core.tests.utils import captcha_post_data

if TYPE_CHECKING:
    from conftest import ServedSintren

A = TypeVar("A")
T = TypeVar("T")

CITIZENS = 100
LOGINS = 200
ACCOUNTS = 20
KATA_KUNCI = "Pekalongan2024"
DAFTAR = "/pemohon/daftar/"
DAFTAR_BERHASIL = "/pemohon/daftar/berhasil/"
LOGIN = "/pemohon/login/"
DELIVERY_WAIT_SECONDS = 60
CHILDREN = ("gunicorn", "kirim_pesan", "housekeeping")
_CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Answer:
    status: int
    location: str
    text: str
    seconds: float


class Citizen:
    """One person's browser: its own cookies and its own address (via the proxy)."""

    def __init__(self, base_url: str, address: str) -> None:
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.address = address
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> Answer:
        headers = {"X-Forwarded-For": self.address, "Accept-Language": "id"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", errors="replace")
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie: SimpleCookie = SimpleCookie()
            cookie.load(header)
            self.cookies.update({name: morsel.value for name, morsel in cookie.items()})
        return Answer(
            response.status,
            response.headers.get("Location", ""),
            text,
            time.perf_counter() - started,
        )

    def open_form(self, path: str) -> dict[str, str]:
        """GET the form; return its CSRF token and the answered captcha."""
        page = self.request("GET", path)
        assert page.status == 200, f"GET {path}: {page.status}"
        csrf = _CSRF_RE.search(page.text)
        assert csrf is not None, f"no CSRF token on {path}"
        return {"csrfmiddlewaretoken": csrf[1], **captcha_post_data(page.text)}


def in_parallel(func: Callable[[A], T], items: Sequence[A], *, together: bool = False) -> list[T]:
    """``func`` of every item, each in its own thread; ``together``: all at one moment."""
    barrier = threading.Barrier(len(items), timeout=120) if together else None

    def run(item: A) -> T:
        if barrier is not None:
            barrier.wait()
        return func(item)

    with ThreadPoolExecutor(max_workers=len(items)) as pool:
        return list(pool.map(run, items))


def registration(n: int) -> dict[str, str]:
    """A valid registration: a man born 17-08-1990 in Karangsari, serial ``5000 + n``."""
    serial = 5000 + n
    letters = "".join("ABCDEFGHIJ"[int(digit)] for digit in f"{n:03d}")
    return {
        "nik": nik_for(serial),
        "nama_lengkap": f"Warga Uji {letters}",
        "nomor_kk": f"332607100120{serial:04d}",
        "tempat_lahir": "Pekalongan",
        "tanggal_lahir": "17-08-1990",
        "nama_ibu": "Siti Aminah",
        "provinsi": "33",
        "kabupaten": "33.26",
        "kecamatan": "33.26.07",
        "desa": "33.26.07.2008",
        "nomor_hp": f"08129{serial:07d}",
        "email": f"warga{serial}@contoh.id",
        "password1": KATA_KUNCI,
        "password2": KATA_KUNCI,
    }


def sql(served: ServedSintren, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """Read the server's own database (SQLite file or its PostgreSQL database)."""
    if served.database_url:
        import psycopg

        with psycopg.connect(served.database_url) as conn:
            return list(conn.execute(query.replace("?", "%s"), params).fetchall())
    import sqlite3

    db = sqlite3.connect(str(served.sqlite_path), timeout=60)
    try:
        return list(db.execute(query, params).fetchall())
    finally:
        db.close()


def children(pid: int) -> dict[int, str]:
    """The running child processes of ``pid`` and their command lines (Linux /proc)."""
    found: dict[int, str] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except (OSError, IndexError):
            continue  # gone meanwhile
        state, ppid = fields[0], int(fields[1])
        if ppid == pid and state != "Z":
            found[int(stat.parent.name)] = cmdline.replace(b"\0", b" ").decode()
    return found


def task_worker(served: ServedSintren) -> str:
    """The task worker's command for the server's backend (Redis queue or database)."""
    return "rqworker" if served.env.get("REDIS_URL") else "db_worker"


def assert_all_running(served: ServedSintren) -> dict[str, int]:
    """serve and each of its children run; return how often each child was restarted."""
    assert served.proc.poll() is None, served.log()[-3000:]
    running = " | ".join(children(served.proc.pid).values())
    for name in (*CHILDREN, task_worker(served)):
        assert name in running, f"{name} is not running: {running}"
    restarts = re.findall(r"SINTREN: (\w+) restarted", served.log())
    return dict(Counter(restarts))


def healthz(served: ServedSintren) -> int:
    return Citizen(served.base_url, "127.0.0.1").request("GET", "/healthz").status


def report(label: str, answers: Sequence[Answer], started: float) -> str:
    """``label``: how many, how long since ``started``, their statuses, the slowest."""
    statuses = Counter(a.status for a in answers)
    slowest = max(a.seconds for a in answers)
    return (
        f"{label} {len(answers)} in {time.perf_counter() - started:.1f} s "
        f"(statuses {dict(sorted(statuses.items()))}, slowest {slowest:.1f} s)"
    )


def test_100_concurrent_registrations(sintren_served: ServedSintren) -> None:
    served = sintren_served
    citizens = [
        Citizen(served.base_url, f"10.20.{n // 200}.{n % 200 + 1}") for n in range(CITIZENS)
    ]
    started = time.perf_counter()
    forms = in_parallel(lambda c: c.open_form(DAFTAR), citizens)
    opened = time.perf_counter()
    posts = [
        (c, {**registration(n), **form})
        for n, (c, form) in enumerate(zip(citizens, forms, strict=True))
    ]
    answers = in_parallel(
        lambda post: post[0].request("POST", DAFTAR, post[1]), posts, together=True
    )
    summary = f"{CITIZENS} forms in {opened - started:.1f} s, " + report(
        "registrations", answers, opened
    )

    errors = [a for a in answers if a.status >= 500]
    assert errors == [], f"{summary}\n{served.log()[-3000:]}"
    refused = [a for a in answers if (a.status, a.location) != (302, DAFTAR_BERHASIL)]
    assert refused == [], f"{summary}; first refusal: {refused[0].text[:2000]}"
    assert healthz(served) == 200
    restarts = assert_all_running(served)

    niks = [registration(n)["nik"] for n in range(CITIZENS)]
    marks = ",".join("?" * CITIZENS)
    query = f"SELECT count(*) FROM accounts_pemohon WHERE nik IN ({marks})"  # noqa: S608
    assert sql(served, query, niks) == [(CITIZENS,)]

    # Every registration queued a WhatsApp message and an email; the worker sends them.
    recipients = [registration(n)["email"] for n in range(CITIZENS)]
    recipients += [f"+62{registration(n)['nomor_hp'][1:]}" for n in range(CITIZENS)]
    marks = ",".join("?" * len(recipients))
    query = (
        "SELECT status, count(*) FROM notifications_notifikasi"  # noqa: S608
        f" WHERE recipient IN ({marks}) GROUP BY status"
    )
    deadline = time.monotonic() + DELIVERY_WAIT_SECONDS
    while (outbox := dict(sql(served, query, recipients))) != {"sent": 2 * CITIZENS}:
        assert time.monotonic() < deadline, f"outbox after {DELIVERY_WAIT_SECONDS} s: {outbox}"
        time.sleep(1)
    delivered = time.perf_counter() - started
    assert_all_running(served)
    sys.stdout.write(f"\n{summary}; {2 * CITIZENS} sent after {delivered:.1f} s; {restarts=}\n")


# Active applicants made through the real services, as the demo applicants are (a few
# threads at a time: most of the work is Argon2, which runs beside the GIL).
CREATE_ACCOUNTS = """
import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from django.db import connection
from sintren.accounts.demo_pemohon import demo_pemohon_create
from sintren.accounts.models import User
from sintren.regions.models import Wilayah
desa = Wilayah.objects.get(code="33.26.07.2008")
actor = User.objects.get(username="verifikator")
def create(n):
    try:
        name = "Warga" + "".join("abcdefghij"[int(d)] for d in "%03d" % n) + " Masuk"
        entry = {"nik": NIKS[n], "nama": name, "status": "aktif",
                 "lahir": dt.date(1990, 8, 17), "jk": "L", "hp": "+628127%07d" % n}
        demo_pemohon_create(entry, desa, actor)
    finally:
        connection.close()
with ThreadPoolExecutor(4) as pool:
    list(pool.map(create, range(len(NIKS))))
"""


def test_200_concurrent_logins(sintren_served: ServedSintren) -> None:
    served = sintren_served
    niks = [nik_for(7000 + n) for n in range(ACCOUNTS)]
    served.manage("shell", "-c", f"NIKS = {niks!r}\n{CREATE_ACCOUNTS}")

    citizens = [Citizen(served.base_url, f"10.30.{n // 200}.{n % 200 + 1}") for n in range(LOGINS)]
    started = time.perf_counter()
    forms = in_parallel(lambda c: c.open_form(LOGIN), citizens)
    opened = time.perf_counter()
    posts = [
        (c, {"nik": niks[n % ACCOUNTS], "password": DEMO_PEMOHON_PASSWORD, **form})
        for n, (c, form) in enumerate(zip(citizens, forms, strict=True))
    ]
    answers = in_parallel(
        lambda post: post[0].request("POST", LOGIN, post[1]), posts, together=True
    )
    summary = f"{LOGINS} forms in {opened - started:.1f} s, " + report("logins", answers, opened)

    errors = [a for a in answers if a.status >= 500]
    assert errors == [], f"{summary}\n{served.log()[-3000:]}"
    refused = [a for a in answers if (a.status, a.location) != (302, "/")]
    assert refused == [], f"{summary}; first refusal: {refused[0].text[:2000]}"
    assert healthz(served) == 200
    restarts = assert_all_running(served)
    sys.stdout.write(f"\n{summary}; {restarts=}\n")


def test_a_killed_worker_is_restarted_and_nothing_else_is_touched(
    sintren_served: ServedSintren,
) -> None:
    served = sintren_served
    worker = task_worker(served)
    before = children(served.proc.pid)
    (victim,) = [pid for pid, cmdline in before.items() if worker in cmdline]
    os.kill(victim, signal.SIGKILL)

    deadline = time.monotonic() + 30
    while not [
        pid for pid, cmd in children(served.proc.pid).items() if worker in cmd and pid != victim
    ]:
        assert time.monotonic() < deadline, served.log()[-3000:]
        time.sleep(0.2)
    after = children(served.proc.pid)
    assert victim not in after
    assert {pid for pid in before if pid != victim} <= set(after)  # the others untouched
    assert f"SINTREN: {worker} stopped (signal 9); restarting in" in served.log()
    assert healthz(served) == 200
