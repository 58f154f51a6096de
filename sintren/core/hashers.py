"""Password hashing sized for a small server (ADR 0004).

Django's default Argon2 parameters (t=2, m=100 MiB, p=8) cost about a quarter of a
CPU-second and 100 MiB per hash; on a 2-core host eight concurrent registrations took
every core and pushed workers near 500 MiB. We use Argon2id at OWASP's first
recommended setting (m = 19 MiB, t = 2, p = 1) and let at most ``HASH_CONCURRENCY``
hashes run at once per process. Hashes made with other parameters are upgraded at the
next login (Django calls ``must_update`` and re-hashes on a successful check).

The hashes run on a small pool of threads per process (``HASH_CONCURRENCY`` of them)
that lower their own scheduling priority (``nice`` ``HASH_NICE``; Linux keeps a nice
value per thread): while logins and registrations hash, the threads serving pages get
the cores first, and hashing takes what is left. A web thread waits for its hash
without using CPU (argon2 runs in C without the GIL).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher

HASH_CONCURRENCY: int = max(1, int(getattr(settings, "PASSWORD_HASH_CONCURRENCY", 2)))
HASH_NICE: int = int(getattr(settings, "PASSWORD_HASH_NICE", 10))

_T = TypeVar("_T")
_pool: ThreadPoolExecutor | None = None
_pool_pid = 0
_pool_lock = threading.Lock()


def _lower_priority() -> None:
    """Run by each hashing thread once: lower its own priority (Linux: per thread)."""
    try:
        current = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), max(current, HASH_NICE))
    except (AttributeError, OSError):  # not Linux, or not allowed: hash at normal priority
        pass


def _hash_pool() -> ThreadPoolExecutor:
    """This process's hashing threads (made again after a fork: threads do not survive it)."""
    global _pool, _pool_pid  # noqa: PLW0603 - one pool per process
    with _pool_lock:
        if _pool is None or _pool_pid != os.getpid():
            _pool = ThreadPoolExecutor(
                max_workers=HASH_CONCURRENCY,
                thread_name_prefix="sintren-hash",
                initializer=_lower_priority,
            )
            _pool_pid = os.getpid()
        return _pool


def run_hash(work: Callable[[], _T]) -> _T:
    """Run ``work`` (a password hash) on a low-priority hashing thread; its result.

    At most ``HASH_CONCURRENCY`` run at once in this process; the others wait in order.
    """
    return _hash_pool().submit(work).result()


class SintrenArgon2Hasher(Argon2PasswordHasher):
    """Argon2id, m = 19 MiB, t = 2, p = 1, hashed on the low-priority hashing threads."""

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1

    def encode(self, password: str, salt: str) -> str:
        encode = super().encode
        return run_hash(lambda: encode(password, salt))

    def verify(self, password: str, encoded: str) -> bool:
        verify = super().verify
        return bool(run_hash(lambda: verify(password, encoded)))

    def harden_runtime(self, password: str, encoded: str) -> None:
        """Nothing to equalise: every stored hash is upgraded to these parameters."""
