"""Run the production web server and the background workers until Ctrl-C.

This is what ``make run`` starts: gunicorn (static files by WhiteNoise), the task
worker of the configured backend, the notification sweeper that retries anything due,
and the hourly housekeeping. A :class:`Supervisor` keeps them running: a process that
exits on its own is started again after a delay (1 s, doubling up to 30 s; back to 1 s
once it has run for a minute), and the others are left alone. Ctrl-C (or SIGTERM)
stops all of them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management import get_commands
from django.core.management.base import BaseCommand, CommandParser

RESTART_MIN_SECONDS = 1.0
RESTART_MAX_SECONDS = 30.0
STABLE_SECONDS = 60.0  # a child that ran this long starts the next backoff at the minimum
STOP_TIMEOUT_SECONDS = 15.0  # then what has not stopped after SIGTERM is killed
POLL_SECONDS = 0.5

Process = subprocess.Popen[bytes]


def spawn_process(command: Sequence[str]) -> Process:
    """Start one child; it shares our stdout/stderr and process group (Ctrl-C reaches it)."""
    # Our own interpreter and scripts only; no user input reaches these commands.
    return subprocess.Popen(list(command))  # noqa: S603


def log_stderr(line: str) -> None:
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def exit_description(returncode: int) -> str:
    """``exit code 3`` or, for a child ended by a signal, ``signal 9``."""
    return f"signal {-returncode}" if returncode < 0 else f"exit code {returncode}"


@dataclass
class Child:
    """One supervised command and its current process."""

    name: str
    command: list[str]
    delay: float  # the wait before its next restart
    proc: Process | None = None
    started_at: float = 0.0
    restart_at: float | None = None  # set while it waits to be started again
    restarts: int = 0


class Supervisor:
    """Start commands, restart any that exits with exponential backoff, stop them all.

    ``commands`` are ``(name, argv)`` pairs; ``name`` appears in the log lines (it must
    not carry personal data). ``clock`` (monotonic seconds), ``spawn`` and ``log`` are
    injectable for tests. Drive it with :meth:`run`, or :meth:`start`, :meth:`poll` and
    :meth:`stop`.
    """

    def __init__(
        self,
        commands: Sequence[tuple[str, Sequence[str]]],
        *,
        clock: Callable[[], float] = time.monotonic,
        spawn: Callable[[Sequence[str]], Process] = spawn_process,
        log: Callable[[str], None] = log_stderr,
        min_delay: float = RESTART_MIN_SECONDS,
        max_delay: float = RESTART_MAX_SECONDS,
        stable_after: float = STABLE_SECONDS,
        stop_timeout: float = STOP_TIMEOUT_SECONDS,
    ) -> None:
        self.children = [Child(name, list(argv), delay=min_delay) for name, argv in commands]
        self.clock = clock
        self.spawn = spawn
        self.log = log
        self.min_delay = min_delay
        self.max_delay = max_delay
        self.stable_after = stable_after
        self.stop_timeout = stop_timeout
        self.stopping = False

    def child(self, name: str) -> Child:
        return next(child for child in self.children if child.name == name)

    def start(self) -> None:
        for child in self.children:
            self._launch(child)

    def request_stop(self, *_: object) -> None:
        """Ask :meth:`run` to stop (safe in a signal handler); nothing is restarted after."""
        self.stopping = True

    def poll(self) -> None:
        """One round: notice children that exited, start those whose delay is over."""
        for child in self.children:
            if self.stopping:
                return
            now = self.clock()
            if child.restart_at is None:
                returncode = None if child.proc is None else child.proc.poll()
                if returncode is None:
                    continue
                self._schedule_restart(child, now, exit_description(returncode))
            if child.restart_at is not None and now >= child.restart_at:
                child.restarts += 1
                self._launch(child)

    def run(
        self, interval: float = POLL_SECONDS, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        """Start everything and supervise until :meth:`request_stop`; then stop all."""
        try:
            self.start()
            while not self.stopping:
                self.poll()
                sleep(interval)
        finally:
            self.stop()

    def stop(self) -> None:
        """SIGTERM every running child, wait up to ``stop_timeout`` in all, then kill."""
        self.stopping = True
        running = [c.proc for c in self.children if c.proc is not None and c.proc.poll() is None]
        for proc in running:
            proc.terminate()
        deadline = time.monotonic() + self.stop_timeout
        for proc in running:
            try:
                proc.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def _launch(self, child: Child) -> None:
        child.restart_at = None
        child.started_at = self.clock()
        try:
            child.proc = self.spawn(child.command)
        except OSError as exc:
            child.proc = None
            self._schedule_restart(child, child.started_at, f"could not start: {exc.strerror}")
            return
        if child.restarts:
            self.log(f"SINTREN: {child.name} restarted (restart {child.restarts}).")

    def _schedule_restart(self, child: Child, now: float, why: str) -> None:
        if now - child.started_at >= self.stable_after:
            child.delay = self.min_delay  # it had been running fine: a fresh failure
        child.restart_at = now + child.delay
        self.log(f"SINTREN: {child.name} stopped ({why}); restarting in {child.delay:g} s.")
        child.delay = min(child.delay * 2, self.max_delay)


def command_name(argv: Sequence[str]) -> str:
    """A short name for log lines: the management command, or the program's name."""
    for index, part in enumerate(argv[:-1]):
        if Path(part).name == "manage.py":
            return argv[index + 1]
    return Path(argv[0]).name


def worker_commands() -> list[list[str]]:
    """The background processes for the configured task backend."""
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
    if str(settings.TASKS["default"]["BACKEND"]).startswith("django_tasks_rq"):
        commands = [[*manage, "rqworker", "default", "--with-scheduler"]]
    else:
        commands = [[*manage, "db_worker", "--interval", "1"]]
    if "kirim_pesan" in get_commands():
        commands.append([*manage, "kirim_pesan", "--loop"])
    commands.append([*manage, "housekeeping", "--loop"])
    return commands


# Threads per web worker: enough that requests waiting for a password hash (at most
# PASSWORD_HASH_CONCURRENCY hash at once, ADR 0004) leave threads for pages.
WEB_THREADS = 8


def serve_commands(host: str, port: str, workers: int) -> list[tuple[str, list[str]]]:
    """gunicorn and the workers, each with its log name."""
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    web = [
        gunicorn,
        "config.wsgi",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(WEB_THREADS),
        "--graceful-timeout",
        "10",
    ]
    return [(command_name(argv), argv) for argv in [web, *worker_commands()]]


class Command(BaseCommand):
    help = "Serve SINTREN with gunicorn plus the background workers (Ctrl-C stops all)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))

    def handle(self, *args: Any, **options: Any) -> None:
        commands = serve_commands(options["host"], options["port"], options["workers"])
        supervisor = Supervisor(commands, log=self.stderr.write)

        def stop(signum: int, frame: FrameType | None) -> None:
            supervisor.request_stop()

        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            supervisor.run()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        self.stdout.write("SINTREN stopped.")
