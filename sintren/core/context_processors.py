"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone


def site(request: HttpRequest) -> dict[str, Any]:
    """The office's name and settings, and the current year for the footer."""
    return {
        "SINTREN": settings.SINTREN,
        "EMBEDDED_DEFAULT": settings.EMBEDDED_DEFAULT,
        "current_year": timezone.localdate().year,
    }
