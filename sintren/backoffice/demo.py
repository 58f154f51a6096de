"""Demo second factor of the embedded default: the demo admin's authenticator secret.

The demo ``admin`` account gets a confirmed TOTP device with a FIXED, documented
secret, so a person trying the system can add it to an authenticator app (or compute a
code with ``pyotp``) and log in. Refused outside the embedded default.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEMO_ADMIN_USERNAME = "admin"
# Valid base32 (A-Z, 2-7; 32 characters = 160 bits). Documented in docs/backoffice.md.
DEMO_ADMIN_TOTP_SECRET = "SINTRENDEMOADMIN2FAKODEDEMO23456"  # noqa: S105 - public demo value


def demo_admin_totp() -> str | None:
    """Ensure the demo admin has the demo device; return a line for ``make run``.

    Returns ``None`` when there is no demo admin account.
    """
    if not settings.EMBEDDED_DEFAULT:
        raise ImproperlyConfigured("The demo authenticator is for the embedded default only.")
    from sintren.accounts.models import User
    from sintren.backoffice.services import perangkat_totp_set_demo

    user = User.objects.filter(username=DEMO_ADMIN_USERNAME, role=User.Role.ADMIN).first()
    if user is None:
        return None
    perangkat_totp_set_demo(user=user, secret=DEMO_ADMIN_TOTP_SECRET)
    return demo_admin_totp_hint()


def demo_admin_totp_hint() -> str:
    """The ``make run`` banner line telling how the demo admin gets a code."""
    command = f"import pyotp; print(pyotp.TOTP('{DEMO_ADMIN_TOTP_SECRET}').now())"
    return (
        f"staff {DEMO_ADMIN_USERNAME:<12} second factor: TOTP secret {DEMO_ADMIN_TOTP_SECRET} "
        "(add it to an authenticator app, or get the current code with "
        f'.venv/bin/python -c "{command}")'
    )


DEMO_VERIFIKATOR_USERNAME = "verifikator"


def demo_penugasan_load() -> int:
    """Assign the demo verifier every service of the catalogue (BO-3); idempotent.

    Services added later are assigned the next time the demo data is loaded. Returns
    how many assignments were new. Refused outside the embedded default.
    """
    if not settings.EMBEDDED_DEFAULT:
        raise ImproperlyConfigured("Demo assignments are for the embedded default only.")
    from sintren.accounts.models import User
    from sintren.backoffice.models import PenugasanLayanan
    from sintren.catalog.models import Layanan

    user = User.objects.filter(
        username=DEMO_VERIFIKATOR_USERNAME, role=User.Role.VERIFIKATOR
    ).first()
    if user is None:
        return 0
    before = PenugasanLayanan.objects.filter(petugas=user).count()
    PenugasanLayanan.objects.bulk_create(
        [PenugasanLayanan(petugas=user, layanan=layanan) for layanan in Layanan.objects.all()],
        ignore_conflicts=True,
    )
    return PenugasanLayanan.objects.filter(petugas=user).count() - before
