"""The system as an actor: work that no person started.

Services take a typed ``actor`` (``sintren.accounts.actors.Actor``: a ``User`` or
:data:`SYSTEM`). The client address and user agent for audit rows come from the
request context (:mod:`sintren.core.context`), never from the actor.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class System:
    """The system acting on its own (demo data, scheduled jobs)."""

    role: str = "sistem"
    is_authenticated: bool = False

    def __str__(self) -> str:
        return "Sistem"


SYSTEM = System()
