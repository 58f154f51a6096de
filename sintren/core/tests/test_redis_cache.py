"""The Redis cache backend reuses one client per pool and still works as a cache."""

from __future__ import annotations

import threading

import pytest
import redis

from sintren.core.redis_cache import RedisCache

URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def backend() -> RedisCache:
    try:
        redis.Redis.from_url(URL).ping()
    except redis.ConnectionError:  # pragma: no cover - Redis runs in CI
        pytest.skip("no Redis on 127.0.0.1:6379")
    return RedisCache(URL, {"KEY_PREFIX": "test-redis-cache"})


def test_one_client_serves_every_operation(backend: RedisCache) -> None:
    client = backend._cache.get_client("a")
    assert backend._cache.get_client("b", write=True) is client
    backend.set("kunci", {"n": 1}, 30)
    assert backend.get("kunci") == {"n": 1}
    assert backend.add("kunci", "lain", 30) is False
    backend.delete("kunci")
    assert backend.get("kunci") is None


def test_threads_share_the_client_safely(backend: RedisCache) -> None:
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(50):
                backend.set(f"t{n}", i, 30)
                assert backend.get(f"t{n}") == i
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    backend.delete_many([f"t{n}" for n in range(8)])
