"""The embedded default's demo data, put together from each app's own demo module.

Only ``ops`` knows every app; the apps' demo modules do not call each other.
"""

from __future__ import annotations

from django.db import transaction

from sintren.accounts.demo_grup import DEMO_ANGGOTA, demo_grup_load, demo_grup_logins
from sintren.accounts.demo_pemohon import (
    DEMO_NAMA_IBU,
    DEMO_PEMOHON,
    demo_nomor_kk,
    demo_pemohon_load,
    demo_pemohon_logins,
)
from sintren.accounts.demo_staff import DEMO_PASSWORD, demo_staff_load, demo_staff_logins
from sintren.accounts.models import User
from sintren.backoffice.demo import demo_admin_totp, demo_admin_totp_hint, demo_penugasan_load
from sintren.kependudukan.demo import Warga, demo_penduduk_load


@transaction.atomic
def demo_load() -> int:
    """Create the missing demo accounts; return how many were created."""
    created = demo_staff_load()
    demo_admin_totp()  # the demo admin's second factor (a fixed, documented secret)
    demo_penugasan_load()  # the demo verifier handles every service (BO-3)
    # Applicants in every state, decided by the demo verifier.
    verifikator = User.objects.filter(username="verifikator").first()
    created += demo_pemohon_load(actor=verifikator)
    created += demo_grup_load(actor=verifikator)
    demo_penduduk_load(_warga_demo())  # the demo population register
    return created


def _warga_demo() -> list[Warga]:
    """The demo applicants as the demo population register records them."""
    return [
        Warga(e["nik"], e["nama"], demo_nomor_kk(e), e["lahir"], DEMO_NAMA_IBU)
        for e in (*DEMO_PEMOHON, DEMO_ANGGOTA)
    ]


def demo_logins() -> list[str]:
    """Human-readable demo logins for the ``make run`` banner."""
    return [
        *demo_staff_logins(),
        demo_admin_totp_hint(),
        *demo_pemohon_logins(),
        *demo_grup_logins(),
    ]


__all__ = ["DEMO_PASSWORD", "DEMO_PEMOHON", "demo_load", "demo_logins"]
