"""The embedded default's demo data, put together from each app's own demo module.

Only ``ops`` knows every app; the apps' demo modules do not call each other.
"""

from __future__ import annotations

from django.db import transaction

from sintren.accounts.demo_grup import demo_grup_load, demo_grup_logins
from sintren.accounts.demo_pemohon import DEMO_PEMOHON, demo_pemohon_load, demo_pemohon_logins
from sintren.accounts.demo_staff import DEMO_PASSWORD, demo_staff_load, demo_staff_logins
from sintren.accounts.models import User
from sintren.backoffice.demo import demo_admin_totp, demo_admin_totp_hint


@transaction.atomic
def demo_load() -> int:
    """Create the missing demo accounts; return how many were created."""
    created = demo_staff_load()
    demo_admin_totp()  # the demo admin's second factor (a fixed, documented secret)
    # Applicants in every state, decided by the demo verifier.
    verifikator = User.objects.filter(username="verifikator").first()
    created += demo_pemohon_load(actor=verifikator)
    created += demo_grup_load(actor=verifikator)
    return created


def demo_logins() -> list[str]:
    """Human-readable demo logins for the ``make run`` banner."""
    return [
        *demo_staff_logins(),
        demo_admin_totp_hint(),
        *demo_pemohon_logins(),
        *demo_grup_logins(),
    ]


__all__ = ["DEMO_PASSWORD", "DEMO_PEMOHON", "demo_load", "demo_logins"]
