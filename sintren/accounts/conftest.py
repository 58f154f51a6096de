"""Personas and regions for the accounts tests (other apps' tests may use them too)."""

from __future__ import annotations

import pytest

from sintren.accounts.models import Pemohon, User
from sintren.accounts.tests.factories import (
    PemohonFactory,
    StaffFactory,
    wilayah_pekalongan_create,
)
from sintren.regions.models import Wilayah


@pytest.fixture
def wilayah_pekalongan(db: None) -> Wilayah:
    """Jawa Tengah > Kabupaten Pekalongan > Karanganyar > Karangsari (the village)."""
    return wilayah_pekalongan_create()


@pytest.fixture
def pemohon(wilayah_pekalongan: Wilayah) -> Pemohon:
    """An active applicant (password ``Rahasia123``)."""
    return PemohonFactory.create(aktif=True)


@pytest.fixture
def pemohon_lain(wilayah_pekalongan: Wilayah) -> Pemohon:
    """Another active applicant, of another family."""
    return PemohonFactory.create(aktif=True)


@pytest.fixture
def verifikator(db: None) -> User:
    """A verifier of the Dinas (password ``Rahasia123``)."""
    return StaffFactory.create(role=User.Role.VERIFIKATOR)


@pytest.fixture
def admin(db: None) -> User:
    """An admin of the Dinas (password ``Rahasia123``)."""
    return StaffFactory.create(role=User.Role.ADMIN, is_superuser=True)
