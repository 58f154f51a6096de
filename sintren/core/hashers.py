"""Password hashing sized for a small server (ADR 0004).

Django's default Argon2 parameters (t=2, m=100 MiB, p=8) cost about a quarter of a
CPU-second and 100 MiB per hash; on a 2-core host eight concurrent registrations took
every core and pushed workers near 500 MiB. We use Argon2id at OWASP's first
recommended setting (m = 19 MiB, t = 2, p = 1) and let at most ``HASH_CONCURRENCY``
hashes run at once per process, so hashing can never occupy every worker thread while
pages wait. Hashes made with other parameters are upgraded at the next login (Django
calls ``must_update`` and re-hashes on a successful check).
"""

from __future__ import annotations

import threading

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher

HASH_CONCURRENCY: int = int(getattr(settings, "PASSWORD_HASH_CONCURRENCY", 2))
_slots = threading.BoundedSemaphore(max(1, HASH_CONCURRENCY))


class SintrenArgon2Hasher(Argon2PasswordHasher):
    """Argon2id, m = 19 MiB, t = 2, p = 1, with a per-process limit on concurrent hashes."""

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1

    def encode(self, password: str, salt: str) -> str:
        with _slots:
            return super().encode(password, salt)

    def verify(self, password: str, encoded: str) -> bool:
        with _slots:
            return bool(super().verify(password, encoded))

    def harden_runtime(self, password: str, encoded: str) -> None:
        """Nothing to equalise: every stored hash is upgraded to these parameters."""
