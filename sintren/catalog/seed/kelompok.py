"""Seed services of Group-only services (akses=grup) of the Kelompok Pelayanan categories."""

from __future__ import annotations

from sintren.catalog.seed.common import (
    AMBIL,
    EMAIL,
    JADWAL_STANDAR,
    JENIS_KELAMIN,
    TTE,
    Data,
    dokumen,
    isian,
    langkah,
)

LAYANAN: list[Data] = [
    {
        "kode": "LKF",
        "slug": "pelaporan-kelahiran-faskes",
        "nama": "Pelaporan Kelahiran oleh Rumah Sakit/Puskesmas",
        "kategori": "kelompok-fasilitas-kesehatan",
        "ikon": "rumah-sakit",
        "akses": "grup",
        "ringkasan": "Pelaporan kelahiran langsung oleh fasilitas kesehatan mitra agar "
        "akta kelahiran terbit sebelum ibu dan bayi pulang.",
        "subjek_perlu_nik": False,
        "kuota_harian": 0,
        "urutan": 20,
        "persyaratan": [
            "Surat keterangan kelahiran dari fasilitas kesehatan.",
            "Kartu Keluarga (KK) orang tua.",
            "KTP-el kedua orang tua.",
            "Buku nikah/akta perkawinan orang tua, atau SPTJM pasangan suami istri (F-2.04).",
            "Formulir F-2.01 yang ditandatangani orang tua.",
        ],
        "proses": langkah(
            "Petugas faskes yang terdaftar mengajukan atas nama orang tua; "
            "akta kelahiran dan KK terbit dengan TTE."
        ),
        "dokumen": [
            dokumen("Surat keterangan kelahiran"),
            dokumen("Kartu Keluarga (KK) orang tua"),
            dokumen("KTP-el orang tua"),
            dokumen("Formulir F-2.01"),
            dokumen("Buku nikah/SPTJM pasangan suami istri", wajib=False),
        ],
        "field": [
            isian("nama_bayi", "Nama bayi"),
            isian("tanggal_lahir", "Tanggal lahir bayi", "tanggal"),
            isian("jenis_kelamin", "Jenis kelamin", "pilihan", pilihan=JENIS_KELAMIN),
            isian("berat_bayi", "Berat bayi (gram)", "angka"),
            isian("nomor_rekam_medis", "Nomor rekam medis ibu", wajib=False),
        ],
        "pilihan_dokumen": [TTE, EMAIL],
        "jadwal": JADWAL_STANDAR,
    },
    {
        "kode": "DES",
        "slug": "layanan-desa-kelurahan",
        "nama": "Layanan Kolektif Desa/Kelurahan",
        "kategori": "kelompok-desa-kelurahan",
        "ikon": "desa",
        "akses": "grup",
        "ringkasan": "Pengajuan kolektif dokumen kependudukan warga oleh operator "
        "desa/kelurahan yang terdaftar.",
        "kuota_harian": 0,
        "urutan": 21,
        "persyaratan": [
            "Surat pengantar kepala desa/lurah berisi daftar warga yang dimohonkan.",
            "Data dukung setiap warga sesuai persyaratan jenis layanan yang dimohonkan.",
            "Surat kuasa dari warga kepada operator desa/kelurahan.",
        ],
        "proses": langkah(
            "Petugas memproses setiap permohonan warga; dokumen jadi dikirim "
            "ke akun desa/kelurahan."
        ),
        "dokumen": [
            dokumen("Surat pengantar kepala desa/lurah"),
            dokumen("Daftar warga dan data dukung", "Digabung dalam satu berkas per warga."),
            dokumen("Surat kuasa warga"),
        ],
        "field": [
            isian(
                "jenis_dokumen",
                "Dokumen yang dimohonkan",
                "pilihan",
                pilihan=("Akta kelahiran", "Akta kematian", "Kartu Keluarga", "KIA"),
            ),
            isian("jumlah_warga", "Jumlah warga", "angka"),
        ],
        "pilihan_dokumen": [TTE, AMBIL],
        "jadwal": JADWAL_STANDAR,
    },
]
