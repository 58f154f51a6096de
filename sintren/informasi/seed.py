"""Seed information items (PUB-4) as plain data, loaded by ``load_informasi``.

``hari_lalu`` dates each item relative to the first load, so the demo shows recent news;
the date is set on creation only and never moved by a later load.
"""

from __future__ import annotations

from typing import Any

INFORMASI: list[dict[str, Any]] = [
    {
        "judul": "Jam Pelayanan Dinas Dukcapil",
        "jenis": "umum",
        "hari_lalu": 30,
        "ringkasan": "Permohonan online diproses pada hari dan jam kerja.",
        "isi": (
            "Permohonan melalui SINTREN dapat dikirim kapan saja, namun diproses oleh "
            "petugas pada hari dan jam kerja:\n"
            "Senin s.d. Kamis pukul 07.30-16.00 WIB\n"
            "Jumat pukul 07.30-11.00 WIB\n"
            "Sabtu, Minggu dan hari libur nasional kantor tutup. Permohonan yang masuk di "
            "luar jam kerja diproses pada hari kerja berikutnya."
        ),
    },
    {
        "judul": "Seluruh Layanan Administrasi Kependudukan Gratis",
        "jenis": "umum",
        "hari_lalu": 20,
        "ringkasan": "Tidak ada biaya untuk pengurusan dokumen kependudukan. Waspada calo.",
        "isi": (
            "Sesuai Undang-Undang Administrasi Kependudukan, pengurusan dan penerbitan "
            "dokumen kependudukan tidak dipungut biaya. Jangan percaya pihak yang meminta "
            "imbalan dengan mengatasnamakan Dinas. Laporkan pungutan liar melalui "
            "layanan pengaduan WhatsApp Dinas."
        ),
    },
    {
        "judul": "Dokumen Kependudukan Kini Dicetak Mandiri di Kertas HVS",
        "jenis": "umum",
        "hari_lalu": 12,
        "ringkasan": "KK dan akta pencatatan sipil bertanda tangan elektronik (TTE).",
        "isi": (
            "Kartu Keluarga, akta kelahiran, akta kematian dan akta pencatatan sipil "
            "lainnya diterbitkan dengan tanda tangan elektronik dan kode QR. Dokumen dapat "
            "diunduh dari SINTREN dan dicetak sendiri pada kertas HVS A4 80 gram; dokumen "
            "hasil cetak tersebut sah dan berlaku sama dengan cetakan kantor. Keaslian "
            "dokumen dapat diperiksa dengan memindai kode QR-nya."
        ),
    },
    {
        "judul": "Libur Nasional dan Cuti Bersama Akhir Tahun",
        "jenis": "umum",
        "hari_lalu": 3,
        "ringkasan": "Kantor tutup pada 24, 25 dan 31 Desember serta 1 Januari.",
        "isi": (
            "Sehubungan dengan libur nasional dan cuti bersama Hari Raya Natal serta Tahun "
            "Baru, pelayanan tatap muka ditutup pada tanggal 24, 25 dan 31 Desember serta 1 "
            "Januari. Pengajuan permohonan online tetap dapat disimpan, dan akan diproses "
            "pada hari kerja berikutnya."
        ),
    },
    {
        "judul": "Pemberitahuan bagi Pemohon Terdaftar: Perbarui Nomor WhatsApp",
        "jenis": "rahasia",
        "hari_lalu": 5,
        "ringkasan": "Pastikan nomor WhatsApp di akun Anda masih aktif.",
        "isi": (
            "Pemberitahuan status permohonan dan tautan unduh dokumen dikirim ke nomor "
            "WhatsApp yang terdaftar. Bila nomor Anda berganti, perbarui melalui menu "
            "Pemohon sebelum mengajukan permohonan baru. Petugas tidak pernah meminta kata "
            "kunci atau kode OTP Anda."
        ),
    },
    {
        "judul": "Kuota Harian Cetak Ulang KTP-el Telah Terpenuhi",
        "jenis": "sistem",
        "hari_lalu": 1,
        "ringkasan": "Pengajuan baru Cetak Ulang KTP-el dibuka kembali pada hari kerja berikutnya.",
        "isi": (
            "Kuota harian layanan Cetak Ulang KTP-el Rusak/Hilang untuk hari ini telah "
            "terpenuhi. Pengajuan baru dapat dilakukan kembali pada hari kerja berikutnya "
            "mulai pukul 08.00 WIB."
        ),
    },
]
