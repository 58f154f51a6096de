"""Who performs a service: a logged-in user, or the system itself."""

from __future__ import annotations

from typing import TypeAlias

from sintren.accounts.models import User
from sintren.core.actors import SYSTEM, System

Actor: TypeAlias = User | System

__all__ = ["SYSTEM", "Actor", "System"]
