"""Demo accounts of the embedded default: staff logins printed by ``make run``."""

from __future__ import annotations

from django.db import transaction

from sintren.accounts.demo_grup import demo_grup_load, demo_grup_logins
from sintren.accounts.demo_pemohon import DEMO_PEMOHON, demo_pemohon_load, demo_pemohon_logins
from sintren.accounts.models import User
from sintren.backoffice.demo import demo_admin_totp, demo_admin_totp_hint

DEMO_PASSWORD = "sintren-demo"  # noqa: S105 - the documented demo login, refused in production
DEMO_STAFF = [
    ("admin", "Admin Dinas", User.Role.ADMIN),
    ("verifikator", "Verifikator Dinas", User.Role.VERIFIKATOR),
]


@transaction.atomic
def demo_load() -> int:
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
    demo_admin_totp()  # the demo admin's second factor (a fixed, documented secret)
    # Applicants in every state, decided by the demo verifier (printed by demo_logins).
    created += demo_pemohon_load(actor=User.objects.filter(username="verifikator").first())
    created += demo_grup_load(actor=User.objects.filter(username="verifikator").first())
    return created


def demo_logins() -> list[str]:
    """Human-readable demo logins for the ``make run`` banner."""
    lines = [f"staff {username:<12} password {DEMO_PASSWORD}" for username, _, _ in DEMO_STAFF]
    for extra in DEMO_LOGIN_HINTS:
        lines.append(extra)
    lines += demo_pemohon_logins()
    lines += demo_grup_logins()
    return lines


# Other modules append hints here (the admin's second factor, demo applicants).
DEMO_LOGIN_HINTS: list[str] = [demo_admin_totp_hint()]
__all__ = ["DEMO_PEMOHON", "demo_load", "demo_logins"]
