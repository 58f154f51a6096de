"""Chat messages of a request (MSG-1). The notification outbox is ``Notifikasi``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

ISI_MAX = 2000


class Pesan(models.Model):
    """One chat message about one request, between the applicant and the Dinas's staff.

    ``dari_petugas`` tells the side (the sender's role when it was written, kept even if
    the account changes later). ``dibaca_pemohon_pada`` is set on staff messages once
    the applicant has seen them, ``dibaca_petugas_pada`` on the applicant's messages
    once a staff member has; ``NULL`` counts as unread. Written only by
    :func:`sintren.chat.services.pesan_kirim`; never edited or deleted by users.
    """

    pengajuan = models.ForeignKey(
        "pengajuan.Pengajuan", on_delete=models.CASCADE, related_name="pesan_chat"
    )
    pengirim = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pesan_chat"
    )
    dari_petugas = models.BooleanField(default=False)
    isi = models.TextField("Pesan", max_length=ISI_MAX)
    dibuat = models.DateTimeField(default=timezone.now)
    dibaca_pemohon_pada = models.DateTimeField(null=True, blank=True)
    dibaca_petugas_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["dibuat", "id"]
        verbose_name = "pesan chat"
        verbose_name_plural = "pesan chat"
        indexes = [
            # The thread of a request, oldest first; also serves the unread counts.
            models.Index(fields=["pengajuan", "dibuat", "id"], name="pesan_pengajuan_urut_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.pengajuan_id}/{self.pk}"
