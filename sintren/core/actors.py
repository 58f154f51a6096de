"""Who performs a service: a logged-in user, or the system itself.

Services take a typed ``actor``. Work that no person started (demo data, scheduled
jobs, the re-registration of an applicant by their own proven login is still a user)
passes :data:`SYSTEM`. The client address and user agent for audit rows come from the
request context (:mod:`sintren.core.context`), never from the actor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from sintren.accounts.models import User


@dataclass(frozen=True)
class System:
    """The system acting on its own (no person behind it)."""

    role: str = "sistem"
    is_authenticated: bool = False

    def __str__(self) -> str:
        return "Sistem"


SYSTEM = System()

Actor = Union["User", System]
