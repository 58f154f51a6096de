"""Applicants (*Pemohon*): the registration, its decision history, activation tokens."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import models
from django.utils import timezone

NIK_LENGTH = 16


def nama_ibu_normalize(value: str) -> str:
    """The mother's name as compared: case-folded, whitespace collapsed to single spaces."""
    return re.sub(r"\s+", " ", str(value or "")).strip().casefold()


class Pemohon(models.Model):
    """A citizen's applicant profile, linked one-to-one to the ``User`` who logs in.

    The NIK identifies the applicant (one account per NIK). An applicant may log in only
    when ``status`` is ``AKTIF``: registered (``MENUNGGU``) → approved by the Dinas
    (``DISETUJUI``, an activation link is sent) → activated with the mother's name
    (``AKTIF``); or rejected (``DITOLAK``, with a reason) and then re-registered.
    The mother's maiden name is a secret: only its password hash is kept.
    """

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu Verifikasi"
        DISETUJUI = "disetujui", "Disetujui"
        AKTIF = "aktif", "Aktif"
        DITOLAK = "ditolak", "Tidak Disetujui"

    class JenisKelamin(models.TextChoices):
        LAKI_LAKI = "L", "Laki-laki"
        PEREMPUAN = "P", "Perempuan"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pemohon"
    )
    nik = models.CharField("NIK", max_length=NIK_LENGTH, unique=True)
    nama_lengkap = models.CharField("Nama Lengkap", max_length=100)
    nomor_kk = models.CharField("Nomor KK", max_length=NIK_LENGTH)
    tempat_lahir = models.CharField("Tempat Lahir", max_length=60)
    tanggal_lahir = models.DateField("Tanggal Lahir")
    jenis_kelamin = models.CharField("Jenis Kelamin", max_length=1, choices=JenisKelamin.choices)
    nama_ibu_hash = models.CharField(max_length=255)
    wilayah = models.ForeignKey(
        "regions.Wilayah",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Desa/Kelurahan",
    )
    nomor_hp = models.CharField("Nomor HP (WhatsApp)", max_length=20)
    email = models.EmailField("Email", blank=True)
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.MENUNGGU, db_index=True
    )
    alasan_penolakan = models.TextField(blank=True)
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    diverifikasi_pada = models.DateTimeField(null=True, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diperbarui = models.DateTimeField(auto_now=True)
    # The back-office queue's first sort key, kept by the database: 0 while the
    # registration waits for a decision, 1 afterwards (docs/backoffice.md).
    antrean = models.GeneratedField(
        expression=models.Case(
            models.When(status=Status.MENUNGGU, then=models.Value(0)),
            default=models.Value(1),
        ),
        output_field=models.SmallIntegerField(),
        db_persist=True,
    )

    class Meta:
        ordering = ["dibuat"]
        verbose_name = "pemohon"
        verbose_name_plural = "pemohon"
        indexes = [
            # The queue: pending first, then oldest first (keyset pages walk it).
            models.Index(fields=["antrean", "diperbarui", "id"], name="pemohon_antrean_idx"),
            # The queue filtered by one status, in the same order.
            models.Index(fields=["status", "diperbarui", "id"], name="pemohon_status_antrean_idx"),
            # Search by a 16-digit number: NIK (unique) or Nomor KK.
            models.Index(fields=["nomor_kk"], name="pemohon_nomor_kk_idx"),
            # On PostgreSQL also a trigram index for the name search, created by
            # migration 0002 (pg_trgm), since it exists on no other database.
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["menunggu", "disetujui", "aktif", "ditolak"]),
                name="pemohon_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"Pemohon #{self.pk}"

    def set_nama_ibu(self, value: str) -> None:
        """Store the mother's name as a hash of its normalised form."""
        self.nama_ibu_hash = make_password(nama_ibu_normalize(value))

    @property
    def is_aktif(self) -> bool:
        """Whether the applicant may log in."""
        return self.status == self.Status.AKTIF


def nama_ibu_matches(pemohon: Pemohon, value: str) -> bool:
    """Whether ``value`` is the applicant's mother's name (case/space-insensitive)."""
    normalized = nama_ibu_normalize(value)
    if not normalized or not pemohon.nama_ibu_hash:
        return False
    return check_password(normalized, pemohon.nama_ibu_hash)


class RiwayatPendaftaran(models.Model):
    """One entry of an applicant's registration history, kept forever.

    A row is written at registration, at each decision (approval with ``oleh``,
    rejection with ``alasan``), at activation and at each re-registration, where
    ``perubahan`` records what changed as ``{field: [old, new]}`` (never secrets).
    """

    pemohon = models.ForeignKey(Pemohon, on_delete=models.CASCADE, related_name="riwayat")
    status = models.CharField(max_length=12, choices=Pemohon.Status.choices)
    alasan = models.TextField(blank=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pada = models.DateTimeField(default=timezone.now)
    perubahan = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["pada", "pk"]
        verbose_name = "riwayat pendaftaran"
        verbose_name_plural = "riwayat pendaftaran"

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.pada:%Y-%m-%d %H:%M})"


def token_hash(token: str) -> str:
    """The stored form of an activation token (tokens are 256-bit random secrets)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def aktivasi_ttl() -> timedelta:
    """How long an activation link stays valid (``SINTREN["ACTIVATION_DAYS"]``, 7)."""
    return timedelta(days=int(str(settings.SINTREN.get("ACTIVATION_DAYS", 7))))


class TokenAktivasi(models.Model):
    """A single-use activation link for an approved applicant (ACC-4).

    Only a SHA-256 hash of the random token is stored. A token is usable while it is
    not used, not voided, not expired and has fewer than ``MAX_GAGAL`` wrong answers;
    issuing a new one voids the older ones.
    """

    MAX_GAGAL = 5

    pemohon = models.ForeignKey(Pemohon, on_delete=models.CASCADE, related_name="token_aktivasi")
    token_hash = models.CharField(max_length=64, unique=True)
    dibuat = models.DateTimeField(default=timezone.now)
    kedaluwarsa = models.DateTimeField()
    dipakai_pada = models.DateTimeField(null=True, blank=True)
    dibatalkan_pada = models.DateTimeField(null=True, blank=True)
    gagal = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-dibuat"]
        verbose_name = "token aktivasi"
        verbose_name_plural = "token aktivasi"

    def __str__(self) -> str:
        return f"Token aktivasi #{self.pk}"

    @classmethod
    def generate(cls) -> str:
        """A new random URL-safe token (32 bytes of entropy)."""
        return secrets.token_urlsafe(32)

    @property
    def is_usable(self) -> bool:
        """Whether the token may still activate the account."""
        return (
            self.dipakai_pada is None
            and self.dibatalkan_pada is None
            and self.gagal < self.MAX_GAGAL
            and self.kedaluwarsa > timezone.now()
        )
