"""``manage.py serve`` supervises its children: a crash restarts only that child.

Real short-lived processes (this interpreter) stand in for gunicorn and the workers;
a fake clock drives the backoff so that no test waits for it.
"""

from __future__ import annotations

import functools
import io
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence

import pytest
from django.core.management import call_command
from django.db import OperationalError

from sintren.notifications.management.commands import kirim_pesan
from sintren.ops.management.commands import housekeeping, serve
from sintren.ops.management.commands.serve import Supervisor, command_name

CRASH = [sys.executable, "-c", "import sys; sys.exit(3)"]
SLEEP = [sys.executable, "-c", "import time; time.sleep(60)"]
# Ignores SIGTERM; says "ready" once it does, so the test knows the handler is in place.
STUBBORN = [
    sys.executable,
    "-c",
    "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN);"
    " print('ready', flush=True); time.sleep(60)",
]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class FakeProcess:
    """Stands in for a Popen: exits when the test says so."""

    def __init__(self) -> None:
        self.returncode: int | None = None

    def poll(self) -> int | None:
        return self.returncode

    def exit(self, code: int) -> None:
        self.returncode = code


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)


@pytest.fixture
def supervised() -> Iterator[Callable[..., Supervisor]]:
    """Build supervisors whose children are stopped at the end, whatever happens."""
    made: list[Supervisor] = []

    def make(commands: Sequence[tuple[str, Sequence[str]]], **kwargs: object) -> Supervisor:
        supervisor = Supervisor(commands, **kwargs)  # type: ignore[arg-type]
        made.append(supervisor)
        return supervisor

    yield make
    for supervisor in made:
        supervisor.stop_timeout = 1.0
        supervisor.stop()


def test_a_crashed_child_is_restarted_and_its_sibling_left_alone(supervised):
    clock = FakeClock()
    lines: list[str] = []
    sup = supervised([("crash", CRASH), ("sleep", SLEEP)], clock=clock, log=lines.append)
    sup.start()
    sleeper = sup.child("sleep").proc
    assert sleeper is not None
    first = sup.child("crash").proc

    wait_for(lambda: (sup.poll(), lines)[1] != [])
    assert lines == ["SINTREN: crash stopped (exit code 3); restarting in 1 s."]
    assert sup.child("crash").proc is first  # not yet: the delay is not over
    clock.now += 1
    sup.poll()
    crash = sup.child("crash")
    assert crash.proc is not first
    assert crash.restarts == 1
    assert lines[-1] == "SINTREN: crash restarted (restart 1)."

    # Each further crash waits twice as long.
    wait_for(lambda: (sup.poll(), sup.child("crash").restart_at)[1] is not None)
    assert lines[-1].endswith("restarting in 2 s.")
    clock.now += 1.9
    sup.poll()
    assert crash.restarts == 1
    clock.now += 0.1
    sup.poll()
    assert crash.restarts == 2

    # The sibling never noticed.
    assert sup.child("sleep").proc is sleeper
    assert sleeper.poll() is None
    assert sup.child("sleep").restarts == 0
    assert not any("sleep" in line for line in lines)


def test_backoff_doubles_to_the_cap_and_resets_after_a_stable_run():
    clock = FakeClock()
    lines: list[str] = []
    procs: list[FakeProcess] = []

    def spawn(command: Sequence[str]) -> FakeProcess:
        procs.append(FakeProcess())
        return procs[-1]

    sup = Supervisor([("worker", ["worker"])], clock=clock, spawn=spawn, log=lines.append)  # type: ignore[arg-type]
    sup.start()
    delays = []
    for _ in range(7):
        procs[-1].exit(1)
        sup.poll()
        restart_at = sup.child("worker").restart_at
        assert restart_at is not None
        delays.append(restart_at - clock.now)
        clock.now = restart_at
        sup.poll()
    assert delays == [1, 2, 4, 8, 16, 30, 30]
    assert len(procs) == 8

    # A minute of running counts as healthy: the next crash waits the minimum again.
    clock.now += 60
    procs[-1].exit(1)
    sup.poll()
    assert sup.child("worker").restart_at == clock.now + 1
    assert lines[-1] == "SINTREN: worker stopped (exit code 1); restarting in 1 s."


def test_a_command_that_cannot_start_is_retried_later():
    clock = FakeClock()
    lines: list[str] = []

    def spawn(command: Sequence[str]) -> FakeProcess:
        raise FileNotFoundError(2, "No such file or directory")

    sup = Supervisor([("web", ["missing"])], clock=clock, spawn=spawn, log=lines.append)  # type: ignore[arg-type]
    sup.start()
    assert lines == [
        "SINTREN: web stopped (could not start: No such file or directory); restarting in 1 s."
    ]
    clock.now += 1
    sup.poll()
    assert lines[-1].endswith("restarting in 2 s.")


def test_stop_terminates_every_child_and_kills_a_stubborn_one(supervised):
    stubborn_spawn = lambda cmd: subprocess.Popen(cmd, stdout=subprocess.PIPE)  # noqa: E731
    sup = supervised(
        [("sleep", SLEEP), ("stubborn", STUBBORN)], spawn=stubborn_spawn, stop_timeout=1.0
    )
    sup.start()
    stubborn = sup.child("stubborn").proc
    assert stubborn is not None
    assert stubborn.stdout is not None
    assert stubborn.stdout.readline() == b"ready\n"
    sleeper = sup.child("sleep").proc
    assert sleeper is not None

    started = time.monotonic()
    sup.stop()
    assert time.monotonic() - started < 5
    assert sleeper.returncode == -signal.SIGTERM
    assert stubborn.returncode == -signal.SIGKILL
    stubborn.stdout.close()


def test_nothing_is_restarted_once_stopping(supervised):
    clock = FakeClock()
    lines: list[str] = []
    sup = supervised([("crash", CRASH)], clock=clock, log=lines.append)
    sup.start()
    proc = sup.child("crash").proc
    assert proc is not None
    proc.wait(timeout=10)
    sup.request_stop()
    clock.now += 100
    sup.poll()
    assert sup.child("crash").proc is proc
    assert lines == []


def test_command_names_for_the_log():
    assert command_name(["/venv/bin/gunicorn", "config.wsgi"]) == "gunicorn"
    assert command_name(["/venv/bin/python", "/app/manage.py", "db_worker", "--interval", "1"]) == (
        "db_worker"
    )


def test_serve_runs_gunicorn_on_localhost_and_the_workers(monkeypatch):
    monkeypatch.delenv("HOST", raising=False)
    captured: list[list[tuple[str, list[str]]]] = []

    class Recorder(Supervisor):
        def run(self, *args: object, **kwargs: object) -> None:
            captured.append([(c.name, c.command) for c in self.children])

    monkeypatch.setattr(serve, "Supervisor", Recorder)
    out = io.StringIO()
    call_command("serve", stdout=out)
    assert out.getvalue() == "SINTREN stopped.\n"
    (commands,) = captured
    names = [name for name, _ in commands]
    assert names[0] == "gunicorn"
    assert {"kirim_pesan", "housekeeping"} <= set(names)
    assert "db_worker" in names or "rqworker" in names
    web = commands[0][1]
    assert web[web.index("--bind") + 1] == "127.0.0.1:8000"


def test_serve_restarts_a_crash_and_stops_everything_on_sigterm(monkeypatch, tmp_path):
    """The command itself: supervises, logs to stderr, and SIGTERM ends it cleanly."""
    pid_file = tmp_path / "sleeper.pid"
    sleeper = [
        sys.executable,
        "-c",
        f"import os, time; open({str(pid_file)!r}, 'w').write(str(os.getpid())); time.sleep(60)",
    ]
    monkeypatch.setattr(serve, "serve_commands", lambda *a: [("crash", CRASH), ("sleep", sleeper)])
    monkeypatch.setattr(serve, "Supervisor", functools.partial(Supervisor, min_delay=0.1))

    def terminate_when_restarted() -> None:
        wait_for(lambda: "restarted" in err.getvalue(), timeout=20)
        os.kill(os.getpid(), signal.SIGTERM)

    out, err = io.StringIO(), io.StringIO()
    trigger = threading.Thread(target=terminate_when_restarted, daemon=True)
    previous = signal.getsignal(signal.SIGTERM)
    trigger.start()
    try:
        call_command("serve", stdout=out, stderr=err)
    finally:
        trigger.join(timeout=5)
        assert signal.getsignal(signal.SIGTERM) is previous
    sleeper_pid = int(pid_file.read_text())
    assert out.getvalue() == "SINTREN stopped.\n"
    assert "SINTREN: crash stopped (exit code 3); restarting in 0.1 s." in err.getvalue()
    assert "SINTREN: crash restarted (restart 1)." in err.getvalue()
    assert "sleep" not in err.getvalue()
    with pytest.raises(ProcessLookupError):
        os.kill(sleeper_pid, 0)  # stopped and reaped with the rest


class LoopStoppedError(Exception):
    """Raised by a patched ``time.sleep`` to end a worker's endless loop."""


@pytest.mark.django_db
def test_housekeeping_loop_survives_a_locked_database(monkeypatch, caplog):
    calls: list[str] = []

    def run() -> dict[str, int]:
        calls.append("run")
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return {}

    def sleep(seconds: float) -> None:
        calls.append(f"sleep {seconds:g}")
        if len(calls) > 3:
            raise LoopStoppedError

    monkeypatch.setattr(housekeeping, "housekeeping_run", run)
    monkeypatch.setattr("sintren.ops.management.commands.housekeeping.time.sleep", sleep)
    with pytest.raises(LoopStoppedError):
        call_command("housekeeping", "--loop", "--interval", "3600")
    assert calls == ["run", "sleep 60", "run", "sleep 3600"]
    assert "housekeeping: database unavailable (OperationalError)" in caplog.text


def test_housekeeping_once_still_reports_a_database_error(monkeypatch):
    def run() -> dict[str, int]:
        raise OperationalError("database is locked")

    monkeypatch.setattr(housekeeping, "housekeeping_run", run)
    with pytest.raises(OperationalError):
        call_command("housekeeping")


@pytest.mark.django_db
def test_kirim_pesan_loop_survives_a_locked_database(monkeypatch, caplog):
    calls: list[str] = []

    def deliver(limit: int) -> int:
        calls.append("deliver")
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return 0

    def sleep(seconds: float) -> None:
        calls.append(f"sleep {seconds:g}")
        if len(calls) > 3:
            raise LoopStoppedError

    monkeypatch.setattr(kirim_pesan, "deliver_due_pesan", deliver)
    monkeypatch.setattr("sintren.notifications.management.commands.kirim_pesan.time.sleep", sleep)
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with pytest.raises(LoopStoppedError):
            call_command("kirim_pesan", "--loop", "--interval", "2")
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    assert calls == ["deliver", "sleep 2", "deliver", "sleep 2"]
    assert "kirim_pesan: database unavailable (OperationalError: database is locked)" in caplog.text
