"""Test helper: run one callable in several threads at once, as concurrent requests would."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from django.db import connections

T = TypeVar("T")


@dataclass
class Outcomes(Generic[T]):
    """What the threads of :func:`run_concurrently` returned and raised, in finishing order."""

    results: list[T] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)


def run_concurrently(func: Callable[[], T], *, threads: int, timeout: float = 60.0) -> Outcomes[T]:
    """Call ``func`` in ``threads`` threads released together by a barrier.

    Each thread closes its own database connections when done (Django opens one per
    thread), so the test database can be flushed afterwards. Results and exceptions
    are collected rather than lost in the threads; a thread still running after
    ``timeout`` seconds is reported as a ``TimeoutError``.
    """
    barrier = threading.Barrier(threads, timeout=timeout)
    lock = threading.Lock()
    outcomes: Outcomes[T] = Outcomes()

    def worker() -> None:
        try:
            barrier.wait()
            result = func()
        except BaseException as exc:
            with lock:
                outcomes.errors.append(exc)
        else:
            with lock:
                outcomes.results.append(result)
        finally:
            connections.close_all()

    started = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join(timeout=timeout)
        if thread.is_alive():
            with lock:
                outcomes.errors.append(TimeoutError(f"{thread.name} still running"))
    return outcomes
