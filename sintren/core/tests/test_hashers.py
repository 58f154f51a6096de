"""Password hashing: Argon2id parameters, upgrade of old hashes, concurrency limit."""

from __future__ import annotations

import threading
import time

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, check_password, make_password

from sintren.core import hashers
from sintren.core.tests.concurrency import run_concurrently


def test_new_hashes_use_argon2id_sized_for_a_small_host() -> None:
    encoded = make_password("Rahasia123")
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert check_password("Rahasia123", encoded)
    assert not check_password("Rahasia124", encoded)


@pytest.mark.django_db
def test_old_hashes_are_upgraded_at_the_next_successful_check() -> None:
    from sintren.accounts.models import User

    old = Argon2PasswordHasher().encode("Rahasia123", Argon2PasswordHasher().salt())
    assert "m=102400,t=2,p=8" in old
    user = User.objects.create(username="lama", password=old)
    assert not user.check_password("salah")
    user.refresh_from_db()
    assert user.password == old  # a wrong password upgrades nothing
    assert user.check_password("Rahasia123")
    user.refresh_from_db()
    assert "m=19456,t=2,p=1" in user.password


def test_at_most_two_hashes_run_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    running = 0
    peak = 0
    names: set[str] = set()
    lock = threading.Lock()
    original = Argon2PasswordHasher.encode

    def counting_encode(self: Argon2PasswordHasher, password: str, salt: str) -> str:
        nonlocal running, peak
        with lock:
            names.add(threading.current_thread().name.rsplit("_", 1)[0])
            running += 1
            peak = max(peak, running)
        try:
            time.sleep(0.05)
            return original(self, password, salt)
        finally:
            with lock:
                running -= 1

    monkeypatch.setattr(Argon2PasswordHasher, "encode", counting_encode)
    hasher = hashers.SintrenArgon2Hasher()
    outcome = run_concurrently(lambda: hasher.encode("x", hasher.salt()), threads=8)
    assert outcome.errors == []
    assert len(outcome.results) == 8
    assert peak == hashers.HASH_CONCURRENCY == 2
    assert names == {"sintren-hash"}  # on the hashing threads, never the caller's


def test_hashes_run_on_threads_of_lower_priority_than_the_caller() -> None:
    """Pages keep the cores while logins hash: the hashing threads are niced (Linux)."""
    import os

    caller = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    seen: list[tuple[str, int]] = []

    def probe() -> None:
        thread = threading.current_thread()
        seen.append((thread.name, os.getpriority(os.PRIO_PROCESS, threading.get_native_id())))

    hashers.run_hash(probe)
    name, nice = seen[0]
    assert name.startswith("sintren-hash")
    assert nice == max(caller, hashers.HASH_NICE)
    # The caller's own priority is untouched.
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == caller
