"""One-time codes sent by WhatsApp (ACC-8: changing the phone number)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

OTP_DIGITS = 6
OTP_TTL = timedelta(minutes=10)
OTP_MAX_PERCOBAAN = 5
OTP_RESEND_COOLDOWN = timedelta(seconds=60)


def otp_generate() -> str:
    """A random 6-digit code (leading zeros kept)."""
    return f"{secrets.randbelow(10**OTP_DIGITS):0{OTP_DIGITS}d}"


def otp_hash(code: str, *, salt: str) -> str:
    """The stored form of a code: an HMAC with the site's secret and a per-code salt.

    Six digits are too few for a plain hash: without the secret key a copy of the
    database does not give the codes away.
    """
    message = f"kode-otp\0{salt}\0{code}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
    return f"{salt}${digest}"


def otp_hash_matches(code: str, stored: str) -> bool:
    """Whether ``code`` is the code behind ``stored`` (constant-time comparison)."""
    salt, _, _digest = stored.partition("$")
    return bool(salt) and hmac.compare_digest(otp_hash(code, salt=salt), stored)


class KodeOtp(models.Model):
    """A code sent to confirm a change (``tujuan``), e.g. a new phone number.

    Only an HMAC of the code is stored. A code is usable while unused, not replaced, not
    expired (10 minutes) and tried fewer than 5 times; ``percobaan`` is raised with a
    conditional ``UPDATE`` before each comparison, so concurrent guesses cannot exceed
    the limit. ``nilai_baru`` is the value confirmed by the code (the new number).
    """

    class Tujuan(models.TextChoices):
        GANTI_HP = "ganti_hp", "Ganti Nomor HP"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kode_otp"
    )
    tujuan = models.CharField(max_length=20, choices=Tujuan.choices)
    nilai_baru = models.CharField(max_length=100)
    kode_hash = models.CharField(max_length=100)
    kedaluwarsa = models.DateTimeField()
    percobaan = models.PositiveSmallIntegerField(default=0)
    dipakai_pada = models.DateTimeField(null=True, blank=True)
    dibatalkan_pada = models.DateTimeField(null=True, blank=True)
    dibuat = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-dibuat", "-pk"]
        verbose_name = "kode OTP"
        verbose_name_plural = "kode OTP"
        indexes = [models.Index(fields=["user", "tujuan", "dibuat"], name="kode_otp_user_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percobaan__lte=OTP_MAX_PERCOBAAN),
                name="kode_otp_percobaan_max",
            ),
        ]

    def __str__(self) -> str:
        return f"Kode OTP #{self.pk} ({self.get_tujuan_display()})"

    @property
    def is_usable(self) -> bool:
        """Whether the code may still be tried."""
        return (
            self.dipakai_pada is None
            and self.dibatalkan_pada is None
            and self.percobaan < OTP_MAX_PERCOBAAN
            and self.kedaluwarsa > timezone.now()
        )
