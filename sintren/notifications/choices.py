"""Choices of the notifications app."""

from __future__ import annotations

from django.db import models


class Kanal(models.TextChoices):
    """The channel a message goes out through."""

    WHATSAPP = "whatsapp", "WhatsApp"
    EMAIL = "email", "Email"


class StatusNotifikasi(models.TextChoices):
    """Delivery state of an outbox row."""

    PENDING = "pending", "Menunggu"
    SENDING = "sending", "Sedang dikirim"
    SENT = "sent", "Terkirim"
    FAILED = "failed", "Gagal"


class Event(models.TextChoices):
    """Everything that sends a message; the key of its texts in ``TemplatPesan``.

    ``notifikasi_queue`` refuses a key that is not here, so a typo fails loudly in tests
    instead of silently sending nothing.
    """

    PENDAFTARAN_DITERIMA = "pendaftaran_diterima", "Pendaftaran diterima"
    PENDAFTARAN_DISETUJUI = "pendaftaran_disetujui", "Pendaftaran disetujui (link aktivasi)"
    PENDAFTARAN_DITOLAK = "pendaftaran_ditolak", "Pendaftaran tidak disetujui"
    PENDAFTARAN_NIK_DIPAKAI = "pendaftaran_nik_dipakai", "Pendaftaran ulang dengan NIK terdaftar"
    RESET_PASSWORD = "reset_password", "Link reset kata kunci"
    KODE_GANTI_HP = "kode_ganti_hp", "Kode ganti nomor HP"
    NOMOR_HP_DIGANTI = "nomor_hp_diganti", "Nomor HP diganti"
    PENGAJUAN_DIKIRIM = "pengajuan_dikirim", "Pengajuan dikirim"
    PENGAJUAN_STATUS = "pengajuan_status", "Status pengajuan berubah"
    PENGAJUAN_PERBAIKAN = "pengajuan_perbaikan", "Pengajuan perlu perbaikan"
    PENGAJUAN_DIKIRIM_ULANG = "pengajuan_dikirim_ulang", "Pengajuan dikirim ulang (perbaikan)"
    CHAT_BALASAN = "chat_balasan", "Balasan chat petugas"
    DOKUMEN_TERBIT = "dokumen_terbit", "Dokumen terbit"
    DOKUMEN_AKAN_KEDALUWARSA = "dokumen_akan_kedaluwarsa", "Dokumen akan kedaluwarsa"
    DOKUMEN_DIKIRIM_EMAIL = "dokumen_dikirim_email", "Dokumen TTE dikirim lewat email"
