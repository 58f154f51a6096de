"""Choices shared by every app: the audited actions (BO-6)."""

from __future__ import annotations

from django.db import models


class AuditAction(models.TextChoices):
    """Every action the audit log records; ``audit_log`` refuses any other."""

    PENDAFTARAN_BUAT = "pendaftaran.buat", "Pendaftaran baru"
    PENDAFTARAN_NIK_DIPAKAI = "pendaftaran.nik_dipakai", "Pendaftaran dengan NIK terdaftar"
    PENDAFTARAN_LIHAT = "pendaftaran.lihat", "Data pendaftaran dilihat"
    PENDAFTARAN_SETUJUI = "pendaftaran.setujui", "Pendaftaran disetujui"
    PENDAFTARAN_TOLAK = "pendaftaran.tolak", "Pendaftaran tidak disetujui"
    PENDAFTARAN_AKTIVASI = "pendaftaran.aktivasi", "Akun pemohon diaktifkan"
    PENDAFTARAN_DAFTAR_ULANG = "pendaftaran.daftar_ulang", "Pendaftaran ulang"
    PENDAFTARAN_COCOKKAN_IBU = "pendaftaran.cocokkan_ibu", "Nama ibu kandung dicocokkan"
    AKTIVASI_KIRIM_ULANG = "aktivasi.kirim_ulang", "Link aktivasi dikirim ulang"
    AKUN_GANTI_MODE = "akun.ganti_mode", "Mode pemohon diganti"
    AKUN_KODE_GANTI_HP = "akun.kode_ganti_hp", "Kode ganti nomor HP dikirim"
    AKUN_GANTI_HP = "akun.ganti_hp", "Nomor HP diganti"
    AKUN_GANTI_PASSWORD = "akun.ganti_password", "Kata kunci diganti"
    AKUN_RESET_PASSWORD_DIMINTA = "akun.reset_password_diminta", "Reset kata kunci diminta"
    AKUN_RESET_PASSWORD = "akun.reset_password", "Kata kunci direset"
    PETUGAS_LOGIN = "petugas.login", "Login petugas"
    PETUGAS_LOGIN_GAGAL = "petugas.login_gagal", "Login petugas gagal"
    PETUGAS_OTP_GAGAL = "petugas.otp_gagal", "Kode autentikator salah"
    PETUGAS_LOGOUT = "petugas.logout", "Logout petugas"
    PETUGAS_TOTP_DAFTAR = "petugas.totp_daftar", "Autentikator didaftarkan"
    PESAN_KIRIM_ULANG = "pesan.kirim_ulang", "Notifikasi dikirim ulang"
    PENGAJUAN_BUAT = "pengajuan.buat", "Pengajuan baru dibuat"
    PENGAJUAN_UBAH = "pengajuan.ubah", "Data pengajuan diubah"
    PENGAJUAN_KIRIM = "pengajuan.dikirim", "Pengajuan dikirim"
    PENGAJUAN_HAPUS = "pengajuan.dihapus", "Draf pengajuan dihapus"
    PENGAJUAN_PROSES = "pengajuan.diproses", "Pengajuan diproses"
    PENGAJUAN_PERBAIKAN = "pengajuan.perbaikan", "Pengajuan perlu perbaikan"
    PENGAJUAN_TOLAK = "pengajuan.ditolak", "Pengajuan ditolak"
    PENGAJUAN_TERBIT = "pengajuan.terbit", "Dokumen pengajuan terbit"
    PENGAJUAN_SIAP_DIAMBIL = "pengajuan.siap_diambil", "Dokumen pengajuan siap diambil"
    PENGAJUAN_SELESAI = "pengajuan.selesai", "Pengajuan selesai"
