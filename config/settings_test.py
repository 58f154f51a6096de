"""Test settings: the real settings, with a static storage that needs no collectstatic."""

import os
import tempfile

from config.settings import *  # noqa: F403
from config.settings import DATABASES, STATIC_ROOT, STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing root
SITE_URL = "http://testserver"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A test database in a file (one per test process), not shared-cache memory, so the
    # concurrency tests' threads get SQLite's real locking and busy timeout.
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"sintren-test-{os.getpid()}.sqlite3")
    }
else:
    # One test database per test process, so parallel runs on one server don't collide.
    DATABASES["default"]["TEST"] = {"NAME": f"test_sintren_{os.getpid()}"}
