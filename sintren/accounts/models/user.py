"""Accounts: the custom user of every person who logs in (applicants and staff)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A person who logs in: an applicant (*Pemohon*) or a member of the Dinas's staff.

    Applicants log in with their NIK (kept on their ``Pemohon`` profile); staff with a
    username. ``role`` says which kind of person this is.
    """

    class Role(models.TextChoices):
        PEMOHON = "pemohon", "Pemohon"
        VERIFIKATOR = "verifikator", "Verifikator"
        ADMIN = "admin", "Admin"

    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PEMOHON)

    @property
    def is_pemohon(self) -> bool:
        """Whether this user is an applicant."""
        return self.role == self.Role.PEMOHON

    @property
    def is_petugas(self) -> bool:
        """Whether this user is a member of the Dinas's staff."""
        return self.role in {self.Role.VERIFIKATOR, self.Role.ADMIN}
