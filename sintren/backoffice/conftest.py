"""Fixtures of the back-office tests: the accounts personas and logged-in clients."""

from __future__ import annotations

import pytest
from django.test import Client

from sintren.accounts.conftest import (  # noqa: F401 - fixtures re-exported for these tests
    admin,
    pemohon,
    pemohon_lain,
    verifikator,
    wilayah_pekalongan,
)
from sintren.accounts.models import User
from sintren.backoffice.auth import OTP_KEY
from sintren.backoffice.models import PerangkatTotp

ADMIN_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - test value


@pytest.fixture
def perangkat_admin(admin: User) -> PerangkatTotp:  # noqa: F811
    """The admin's confirmed authenticator device (secret :data:`ADMIN_SECRET`)."""
    return PerangkatTotp.objects.create(user=admin, secret=ADMIN_SECRET, confirmed=True)


@pytest.fixture
def verifikator_client(client: Client, verifikator: User) -> Client:  # noqa: F811
    """A client logged in as the verifikator (no second factor needed)."""
    client.force_login(verifikator)
    return client


@pytest.fixture
def admin_client_otp(client: Client, admin: User, perangkat_admin: PerangkatTotp) -> Client:  # noqa: F811
    """A client logged in as the admin, second factor passed in this session."""
    client.force_login(admin)
    session = client.session
    session[OTP_KEY] = admin.pk
    session.save()
    return client
