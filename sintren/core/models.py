"""Shared models: rate-limit counters (ACC-13), used captchas (ACC-12), the audit log."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from sintren.core.choices import AuditAction


class BatasPercobaan(models.Model):
    """Failed attempts of one key (a hashed NIK or client address) under one limit.

    Shared by every web process through the database. ``key_hash`` is an HMAC of the
    key with the site's secret, so no NIK or address is stored in clear. A row counts
    failures in a fixed window starting at ``window_start``; ``locked_until`` is set when
    the limit is reached and always ends by itself.
    """

    scope = models.CharField(max_length=64)
    key_hash = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    failures = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "batas percobaan"
        verbose_name_plural = "batas percobaan"
        constraints = [
            models.UniqueConstraint(fields=["scope", "key_hash"], name="batas_scope_key_unik"),
        ]
        indexes = [models.Index(fields=["window_start"], name="batas_window_idx")]

    def __str__(self) -> str:
        return f"{self.scope} {self.key_hash[:8]}… ({self.failures})"


class AuditEvent(models.Model):
    """One audited action: who did what to which object, when, and from where.

    ``summary`` and ``details`` describe the action without personal data (no NIK, KK
    or names); the target is named by its type and primary key only. Rows are written
    through ``sintren.core.audit.audit_log`` and never changed afterwards.
    """

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=64, db_index=True, choices=AuditAction.choices)
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    summary = models.CharField(max_length=500, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    details = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "catatan audit"
        verbose_name_plural = "catatan audit"
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="audit_target_idx"),
            # The audit page (BO-6): newest first, keyset pages, each filter on its own
            # index ending in the page order, so a page seeks instead of sorting.
            models.Index(fields=["-created_at", "-id"], name="audit_waktu_idx"),
            models.Index(fields=["action", "-created_at", "-id"], name="audit_aksi_waktu_idx"),
            models.Index(fields=["actor", "-created_at", "-id"], name="audit_pelaku_waktu_idx"),
            models.Index(
                fields=["target_type", "target_id", "-created_at", "-id"],
                name="audit_objek_waktu_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"


class CaptchaTerpakai(models.Model):
    """A captcha question that has been answered, right or wrong (ACC-12).

    Captcha tokens are signed and carry everything needed to check them, so issuing one
    writes nothing. The first check of a token inserts its ``nonce`` here; the unique
    constraint makes every later check of the same token fail, also when two arrive at
    once. Rows older than the token lifetime protect nothing (the token has expired)
    and are purged hourly (``manage.py housekeeping``).
    """

    nonce = models.CharField(max_length=32, unique=True)
    dipakai = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "captcha terpakai"
        verbose_name_plural = "captcha terpakai"

    def __str__(self) -> str:
        return f"{self.nonce[:8]}… ({self.dipakai:%Y-%m-%d %H:%M})"
