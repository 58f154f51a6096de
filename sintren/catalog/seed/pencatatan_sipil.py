"""Seed services of Pencatatan Sipil: akta kelahiran, kematian, perkawinan, perceraian."""

from __future__ import annotations

from sintren.catalog.seed.common import (
    JADWAL_AKTA_KEMATIAN,
    JADWAL_STANDAR,
    JENIS_KELAMIN,
    KK,
    KTP_EL,
    PILIHAN_STANDAR,
    Data,
    dokumen,
    isian,
    langkah,
)

LAYANAN: list[Data] = [
    {
        "kode": "AKL",
        "slug": "akta-kelahiran",
        "nama": "Akta Kelahiran",
        "kategori": "pencatatan-sipil",
        "ikon": "bayi",
        "ringkasan": "Pencatatan kelahiran dan penerbitan kutipan akta kelahiran, "
        "sekaligus pemutakhiran KK.",
        "subjek_perlu_nik": False,
        "kuota_harian": 150,
        "urutan": 1,
        "persyaratan": [
            "Surat keterangan kelahiran dari rumah sakit/puskesmas/dokter/bidan, atau dari "
            "nakhoda kapal/kapten pesawat, atau dari kepala desa/lurah.",
            "Buku nikah/kutipan akta perkawinan orang tua atau bukti lain yang sah.",
            "Bila orang tua tidak memiliki buku nikah/akta perkawinan: SPTJM kebenaran "
            "sebagai pasangan suami istri (F-2.04).",
            "Kartu Keluarga (KK) tempat anak akan didaftarkan sebagai anggota keluarga.",
            "KTP-el kedua orang tua.",
            "Bila tidak memiliki surat keterangan kelahiran: SPTJM kebenaran data "
            "kelahiran (F-2.03) yang ditandatangani pelapor dan 2 (dua) orang saksi.",
            "Formulir pelaporan pencatatan sipil (F-2.01) yang telah diisi dan ditandatangani.",
            "Berita acara dari kepolisian bagi anak yang tidak diketahui asal-usulnya.",
            "Paspor bagi orang tua Warga Negara Asing.",
        ],
        "proses": langkah(
            "Petugas memverifikasi data kelahiran dan mencatatnya dalam register akta "
            "kelahiran pada SIAK.",
            "Kutipan akta kelahiran dan KK terbaru diterbitkan dengan tanda tangan "
            "elektronik (TTE).",
        ),
        "dokumen": [
            dokumen("Surat keterangan kelahiran", "Dari rumah sakit/puskesmas/bidan/desa."),
            dokumen("Formulir F-2.01", "Formulir pelaporan pencatatan sipil yang sudah diisi."),
            KK,
            dokumen("KTP-el ayah", "Foto sisi depan, terbaca jelas."),
            dokumen("KTP-el ibu", "Foto sisi depan, terbaca jelas."),
            dokumen(
                "Buku nikah/akta perkawinan orang tua",
                "Halaman identitas suami dan istri.",
                wajib=False,
            ),
            dokumen(
                "SPTJM kebenaran data kelahiran (F-2.03)",
                "Hanya bila tidak ada surat keterangan kelahiran.",
                wajib=False,
            ),
            dokumen(
                "SPTJM pasangan suami istri (F-2.04)",
                "Hanya bila tidak ada buku nikah/akta perkawinan.",
                wajib=False,
            ),
        ],
        "field": [
            isian("nama_bayi", "Nama bayi"),
            isian("tanggal_lahir", "Tanggal lahir bayi", "tanggal"),
            isian("jam_lahir", "Pukul lahir", wajib=False, bantuan="Contoh: 08.15"),
            isian("tempat_lahir", "Tempat lahir", bantuan="Kota/kabupaten tempat lahir."),
            isian(
                "tempat_dilahirkan",
                "Tempat dilahirkan",
                "pilihan",
                pilihan=("Rumah sakit/rumah bersalin", "Puskesmas", "Polindes", "Rumah", "Lainnya"),
            ),
            isian("jenis_kelamin", "Jenis kelamin", "pilihan", pilihan=JENIS_KELAMIN),
            isian("anak_ke", "Anak ke-", "angka"),
            isian(
                "jenis_kelahiran",
                "Jenis kelahiran",
                "pilihan",
                pilihan=("Tunggal", "Kembar 2", "Kembar 3", "Kembar 4", "Lainnya"),
            ),
            isian("berat_bayi", "Berat bayi (gram)", "angka", bantuan="Contoh: 3100"),
            isian("panjang_bayi", "Panjang bayi (cm)", "angka", wajib=False),
            isian(
                "penolong",
                "Penolong kelahiran",
                "pilihan",
                pilihan=("Dokter", "Bidan/perawat", "Dukun", "Lainnya"),
            ),
            isian("nik_ayah", "NIK ayah", wajib=False, bantuan="16 digit."),
            isian("nik_ibu", "NIK ibu", bantuan="16 digit."),
        ],
        "pilihan_dokumen": PILIHAN_STANDAR,
        "jadwal": JADWAL_STANDAR,
    },
    {
        "kode": "AKM",
        "slug": "akta-kematian",
        "nama": "Akta Kematian",
        "kategori": "pencatatan-sipil",
        "ikon": "kematian",
        "ringkasan": "Pencatatan kematian dan penerbitan kutipan akta kematian serta KK "
        "yang diperbarui.",
        "kuota_harian": 0,
        "urutan": 2,
        "persyaratan": [
            "Surat keterangan kematian dari dokter/rumah sakit atau dari kepala desa/lurah.",
            "KTP-el dan Kartu Keluarga (KK) almarhum/almarhumah.",
            "KTP-el pelapor.",
            "Bila tidak ada surat keterangan kematian: SPTJM kebenaran data kematian.",
            "Formulir pelaporan pencatatan sipil (F-2.01) yang telah diisi dan "
            "ditandatangani pelapor.",
            "Dokumen perjalanan bagi WNI bukan penduduk atau orang asing.",
            "Asli KTP-el almarhum/almarhumah diserahkan ke Dinas setelah akta terbit.",
        ],
        "proses": langkah(
            "Petugas mencatat kematian dan menonaktifkan NIK almarhum/almarhumah.",
            "Kutipan akta kematian dan KK baru diterbitkan dengan TTE.",
        ),
        "dokumen": [
            dokumen("Surat keterangan kematian", "Dari dokter/rumah sakit atau kepala desa."),
            dokumen("KTP-el almarhum/almarhumah"),
            dokumen("Kartu Keluarga (KK) almarhum/almarhumah"),
            dokumen("KTP-el pelapor"),
            dokumen("Formulir F-2.01", "Formulir pelaporan pencatatan sipil yang sudah diisi."),
            dokumen(
                "SPTJM kebenaran data kematian",
                "Hanya bila tidak ada surat keterangan kematian.",
                wajib=False,
            ),
        ],
        "field": [
            isian("tanggal_kematian", "Tanggal kematian", "tanggal"),
            isian("tempat_kematian", "Tempat kematian"),
            isian(
                "sebab_kematian",
                "Sebab kematian",
                "pilihan",
                pilihan=("Sakit biasa/tua", "Wabah penyakit", "Kecelakaan", "Lainnya"),
            ),
            isian(
                "yang_menerangkan",
                "Yang menerangkan",
                "pilihan",
                pilihan=("Dokter", "Tenaga kesehatan", "Kepolisian", "Kepala desa", "Lainnya"),
            ),
            isian("hubungan_pelapor", "Hubungan pelapor dengan almarhum/almarhumah"),
        ],
        "pilihan_dokumen": PILIHAN_STANDAR,
        "jadwal": JADWAL_AKTA_KEMATIAN,
    },
    {
        "kode": "APK",
        "slug": "akta-perkawinan",
        "nama": "Akta Perkawinan (non-Muslim)",
        "kategori": "pencatatan-sipil",
        "ikon": "nikah",
        "ringkasan": "Pencatatan perkawinan bagi pemeluk agama selain Islam dan penghayat "
        "kepercayaan.",
        "kuota_harian": 30,
        "urutan": 10,
        "persyaratan": [
            "Surat keterangan telah terjadinya perkawinan dari pemuka agama/penghayat kepercayaan.",
            "Pas foto berwarna berdampingan suami dan istri ukuran 4x6.",
            "KTP-el suami dan istri.",
            "Kartu Keluarga (KK) suami dan istri.",
            "Formulir pelaporan pencatatan sipil (F-2.01).",
            "Kutipan akta perceraian/akta kematian pasangan terdahulu bagi janda/duda.",
            "Surat izin dari komandan/atasan bagi anggota TNI/Polri.",
            "Paspor bagi Warga Negara Asing.",
            "Pelaporan paling lambat 60 hari sejak tanggal perkawinan.",
        ],
        "proses": langkah(
            "Petugas mencatat perkawinan; kutipan akta perkawinan dan KK "
            "baru diterbitkan dengan TTE."
        ),
        "dokumen": [
            dokumen("Surat keterangan perkawinan dari pemuka agama"),
            dokumen("Pas foto berdampingan 4x6"),
            dokumen("KTP-el suami dan istri"),
            dokumen("KK suami dan istri"),
            dokumen("Formulir F-2.01", "Formulir pelaporan pencatatan sipil yang sudah diisi."),
            dokumen("Akta perceraian/kematian pasangan terdahulu", "Bagi janda/duda.", wajib=False),
            dokumen("Surat izin komandan/atasan", "Bagi anggota TNI/Polri.", wajib=False),
        ],
        "field": [
            isian("tanggal_perkawinan", "Tanggal perkawinan", "tanggal"),
            isian(
                "agama",
                "Agama/kepercayaan",
                "pilihan",
                pilihan=("Kristen", "Katolik", "Hindu", "Buddha", "Khonghucu", "Kepercayaan"),
            ),
            isian("nama_pemuka_agama", "Nama pemuka agama/penghayat"),
            isian("nama_suami", "Nama suami"),
            isian("nama_istri", "Nama istri"),
        ],
        "pilihan_dokumen": PILIHAN_STANDAR,
        "jadwal": JADWAL_STANDAR,
    },
    {
        "kode": "ACR",
        "slug": "akta-perceraian",
        "nama": "Akta Perceraian (non-Muslim)",
        "kategori": "pencatatan-sipil",
        "ikon": "cerai",
        "ringkasan": "Pencatatan perceraian berdasarkan putusan pengadilan negeri yang "
        "telah berkekuatan hukum tetap.",
        "kuota_harian": 20,
        "urutan": 11,
        "persyaratan": [
            "Salinan putusan pengadilan yang telah berkekuatan hukum tetap.",
            "Kutipan akta perkawinan asli.",
            "KTP-el dan Kartu Keluarga (KK) pemohon.",
            "Formulir pelaporan pencatatan sipil (F-2.01).",
            "Pelaporan paling lambat 60 hari sejak putusan berkekuatan hukum tetap.",
        ],
        "proses": langkah(
            "Petugas mencatat perceraian; kutipan akta perceraian dan KK "
            "baru diterbitkan dengan TTE."
        ),
        "dokumen": [
            dokumen("Salinan putusan pengadilan", "Dengan keterangan berkekuatan hukum tetap."),
            dokumen("Kutipan akta perkawinan"),
            KTP_EL,
            KK,
            dokumen("Formulir F-2.01", "Formulir pelaporan pencatatan sipil yang sudah diisi."),
        ],
        "field": [
            isian("nomor_putusan", "Nomor putusan pengadilan"),
            isian("tanggal_putusan", "Tanggal putusan berkekuatan hukum tetap", "tanggal"),
            isian("no_akta_perkawinan", "Nomor akta perkawinan"),
        ],
        "pilihan_dokumen": PILIHAN_STANDAR,
        "jadwal": JADWAL_STANDAR,
    },
]
