"""Run the production web server and the background workers until Ctrl-C.

This is what ``make run`` starts: gunicorn (static files by WhiteNoise), the task
worker of the configured backend, and the notification sweeper that retries anything
due. Ctrl-C (or SIGTERM) stops all of them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import get_commands
from django.core.management.base import BaseCommand, CommandParser


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


class Command(BaseCommand):
    help = "Serve SINTREN with gunicorn plus the background workers (Ctrl-C stops all)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))

    def handle(self, *args: Any, **options: Any) -> None:
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        web = [
            gunicorn,
            "config.wsgi",
            "--bind",
            f"{options['host']}:{options['port']}",
            "--workers",
            str(options["workers"]),
            "--threads",
            "4",
            "--graceful-timeout",
            "10",
        ]
        # Our own interpreter and scripts only; no user input reaches these commands.
        procs = [subprocess.Popen(cmd) for cmd in [web, *worker_commands()]]  # noqa: S603
        stopping = False

        def stop(*_: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and all(p.poll() is None for p in procs):
                time.sleep(0.5)
        finally:
            for proc in procs:
                if proc.poll() is None:
                    proc.terminate()
            for proc in procs:
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
        self.stdout.write("SINTREN stopped.")
