"""Django's Redis cache backend, keeping one client per connection pool.

``django.core.cache.backends.redis.RedisCacheClient.get_client`` builds a new
``redis.Redis`` object for every cache operation, and each one builds its table of
response callbacks (some 170 entries): about half a millisecond per ``cache.get`` on
the 2-core host, paid on every page behind a login (the session is read from Redis).
A ``redis.Redis`` object is safe to share between threads (each command takes a
connection from the pool), so this backend keeps one per pool.
"""

from __future__ import annotations

import threading
from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    """Django's client, with the ``redis.Redis`` object of each pool made once."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}
        self._clients_lock = threading.Lock()

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            with self._clients_lock:
                made = self._client(connection_pool=pool)  # type: ignore[attr-defined]
                client = self._clients.setdefault(id(pool), made)
        return client


class RedisCache(DjangoRedisCache):
    """``BACKEND`` for ``CACHES`` when ``REDIS_URL`` is set."""

    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
