"""Issued documents (*Dokumen TTE*, OUT-1…OUT-4, X-7, X-8)."""

from __future__ import annotations

from django.apps import AppConfig


class KeluaranConfig(AppConfig):
    """Issued documents: signing, one-time download, reissue, public verification."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "sintren.keluaran"
    label = "keluaran"
    verbose_name = "Dokumen terbit (TTE)"
