"""Notifications: editable message templates and the outbox of messages to deliver."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from sintren.notifications.choices import Event, Kanal, StatusNotifikasi


class TemplatPesan(models.Model):
    """The text of one event's message on one channel, editable by admins.

    ``body`` (and ``subject`` for email) use Django template syntax; the variables
    available for each event are listed in ``keterangan``. An inactive template means
    the event sends nothing on that channel.
    """

    key = models.SlugField("kunci peristiwa", max_length=60)
    channel = models.CharField("kanal", max_length=10, choices=Kanal.choices)
    subject = models.CharField("subjek (email)", max_length=200, blank=True)
    body = models.TextField("isi")
    aktif = models.BooleanField(default=True)
    keterangan = models.TextField("keterangan", blank=True)
    updated_at = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        ordering = ["key", "channel"]
        verbose_name = "templat pesan"
        verbose_name_plural = "templat pesan"
        constraints = [
            models.UniqueConstraint(fields=["key", "channel"], name="templatpesan_key_channel"),
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.get_channel_display()})"


class Notifikasi(models.Model):
    """One message in the outbox: written in the same transaction as its event.

    Delivery claims the row with a conditional UPDATE (``pending`` → ``sending``), so a
    message is handed to the gateway at most once even with several workers.
    ``recipient`` is personal data (a phone number in E.164 or an email address): it
    is never written to logs.

    ``subject`` and ``body`` never hold live secrets (activation and reset links, one-time
    codes): they carry a placeholder such as ``[tautan rahasia]`` instead, and
    ``rahasia`` maps each placeholder to its value until the message is delivered, fails
    for good, or grows too old (``services.notifikasi_rahasia_purge``). The real text exists
    only in memory, right before the channel gets it (``delivery.compose``).
    """

    channel = models.CharField("kanal", max_length=10, choices=Kanal.choices)
    recipient = models.CharField("penerima", max_length=254)
    subject = models.CharField("subjek", max_length=200, blank=True)
    body = models.TextField("isi")
    event = models.CharField("peristiwa", max_length=60, db_index=True, choices=Event.choices)
    status = models.CharField(
        max_length=10, choices=StatusNotifikasi.choices, default=StatusNotifikasi.PENDING
    )
    attempts = models.PositiveSmallIntegerField("percobaan", default=0)
    next_attempt_at = models.DateTimeField("percobaan berikutnya", default=timezone.now)
    claimed_at = models.DateTimeField("mulai dikirim", null=True, blank=True)
    last_error = models.TextField("galat terakhir", blank=True)
    sent_at = models.DateTimeField("terkirim", null=True, blank=True)
    delivered_via = models.CharField("dikirim melalui", max_length=40, blank=True)
    external_id = models.CharField("ID gateway", max_length=200, blank=True)
    created_at = models.DateTimeField("dibuat", default=timezone.now, db_index=True)
    dedup_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    # Placeholder → secret value; emptied once it is no longer needed. Never displayed.
    rahasia = models.JSONField("rahasia", default=dict, blank=True, editable=False)
    berisi_rahasia = models.BooleanField("berisi tautan/kode rahasia", default=False)
    # Email attachments, by reference (``notifications.lampiran``): the bytes stay in
    # their private storage and are read only when the message is sent.
    lampiran = models.JSONField("lampiran", default=list, blank=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifikasi",
        verbose_name="pengguna",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "notifikasi"
        verbose_name_plural = "notifikasi"
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="pesan_due_idx",
                condition=Q(status="pending"),
            ),
        ]

    def __str__(self) -> str:
        return f"Pesan #{self.pk} {self.event} ({self.get_channel_display()})"


class KotakDev(models.Model):
    """What the development outbox channel "delivered": the citizen's phone or inbox.

    Written only by ``channels.DevOutboxChannel`` (``NOTIFICATION_BACKEND = "dev"``), so
    that ``/dev/outbox/`` shows the real links and codes a person trying the system
    needs, while ``Pesan`` keeps only placeholders. Not shown in the admin.
    """

    pesan = models.ForeignKey(
        Notifikasi, on_delete=models.CASCADE, related_name="kotak_dev", verbose_name="notifikasi"
    )
    subject = models.CharField("subjek", max_length=200, blank=True)
    body = models.TextField("isi")
    created_at = models.DateTimeField("diterima", default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "kotak masuk pengembangan"
        verbose_name_plural = "kotak masuk pengembangan"

    def __str__(self) -> str:
        return f"KotakDev #{self.pk} (Pesan #{self.pesan_id})"
