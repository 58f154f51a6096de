"""Fixtures of the catalogue tests: a private, empty file storage per test.

The public-site tests import ``media_root`` into their conftest, so it serves them too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    """Point the default storage at a fresh folder, so tests never touch ``var/media``."""
    root = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": root, "base_url": None},
        },
    }
    settings.MEDIA_ROOT = root
    return root
