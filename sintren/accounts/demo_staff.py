"""Demo staff accounts of the embedded default (refused in production)."""

from __future__ import annotations

from django.db import transaction

from sintren.accounts.models import User

DEMO_PASSWORD = "sintren-demo"  # noqa: S105 - the documented demo login, refused in production
DEMO_STAFF = [
    ("admin", "Admin Dinas", User.Role.ADMIN),
    ("verifikator", "Verifikator Dinas", User.Role.VERIFIKATOR),
]


@transaction.atomic
def demo_staff_load() -> int:
    """Create the demo staff accounts if missing; return how many were created."""
    created = 0
    for username, name, role in DEMO_STAFF:
        if User.objects.filter(username=username).exists():
            continue
        user = User(username=username, first_name=name, role=role, is_staff=True)
        user.is_superuser = role == User.Role.ADMIN
        user.set_password(DEMO_PASSWORD)
        user.save()
        created += 1
    return created


def demo_staff_logins() -> list[str]:
    """The staff logins for the ``make run`` banner."""
    return [f"staff {username:<12} password {DEMO_PASSWORD}" for username, _, _ in DEMO_STAFF]
