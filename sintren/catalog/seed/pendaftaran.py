"""Seed services of Pendaftaran Penduduk: KK, KTP-el, KIA, perpindahan, biodata."""

from __future__ import annotations

from sintren.catalog.seed.common import (
    AMBIL_KTP,
    JADWAL_KTP,
    JADWAL_STANDAR,
    KK,
    KTP_EL,
    KUASA,
    PILIHAN_STANDAR,
    TTE,
    Data,
    dokumen,
    isian,
    langkah,
)

LAYANAN: list[Data] = [
    {
        "kode": "KKB",
        "slug": "kartu-keluarga-baru",
        "nama": "Kartu Keluarga Baru",
        "kategori": "pendaftaran-penduduk",
        "ikon": "keluarga",
        "ringkasan": "Penerbitan KK untuk keluarga baru, misalnya setelah menikah atau "
        "pisah KK dari orang tua.",
        "kuota_harian": 80,
        "urutan": 3,
        "persyaratan": [
            "Buku nikah/kutipan akta perkawinan atau kutipan akta perceraian.",
            "Bila perkawinan belum tercatat: SPTJM perkawinan/perceraian belum tercatat (F-1.05).",
            "KK lama tempat anggota keluarga terdaftar sebelumnya.",
            "Surat keterangan pindah (SKPWNI) bagi penduduk yang pindah dari kabupaten/kota lain.",
            "Formulir biodata penduduk (F-1.01) yang telah diisi.",
        ],
        "proses": langkah(
            "Petugas memisahkan anggota keluarga dari KK lama dan membentuk KK baru.",
            "KK baru dan KK lama yang diperbarui diterbitkan dengan TTE.",
        ),
        "dokumen": [
            dokumen("Buku nikah/akta perkawinan", "Halaman identitas suami dan istri."),
            dokumen("KK lama", "KK tempat pemohon terdaftar sekarang."),
            dokumen("Formulir F-1.01", "Formulir biodata penduduk yang sudah diisi."),
            dokumen("SKPWNI", "Bagi yang datang dari kabupaten/kota lain.", wajib=False),
            dokumen("SPTJM perkawinan belum tercatat (F-1.05)", wajib=False),
            KUASA,
        ],
        "field": [
            isian(
                "alasan",
                "Alasan membuat KK baru",
                "pilihan",
                pilihan=("Membentuk keluarga baru", "Pisah KK", "Penggantian kepala keluarga"),
            ),
            isian("no_kk_lama", "Nomor KK lama", bantuan="16 digit."),
            isian("jumlah_anggota", "Jumlah anggota keluarga di KK baru", "angka"),
        ],
        "pilihan_dokumen": PILIHAN_STANDAR,
        "jadwal": JADWAL_STANDAR,
    },
    {
        "kode": "KKP",
        "slug": "perubahan-kartu-keluarga",
        "nama": "Perubahan Kartu Keluarga",
        "kategori": "pendaftaran-penduduk",
        "ikon": "keluarga-ubah",
        "ringkasan": "Penambahan atau pengurangan anggota keluarga dan perubahan data dalam KK.",
        "kuota_harian": 100,
        "urutan": 4,
        "persyaratan": [
            "Kartu Keluarga (KK) lama.",
            "Bukti peristiwa kependudukan atau peristiwa penting yang menjadi dasar perubahan, "
            "misalnya kutipan akta kelahiran, akta kematian, buku nikah, SKPWNI.",
            "Surat pernyataan perubahan elemen data kependudukan (F-1.06) bila ada perubahan data.",
            "KTP-el kepala keluarga.",
        ],
        "proses": langkah(
            "Petugas memutakhirkan data keluarga di SIAK sesuai bukti.",
            "KK terbaru diterbitkan dengan TTE.",
        ),
        "dokumen": [
            KK,
            dokumen("Bukti perubahan", "Akta, buku nikah, SKPWNI atau dokumen dasar lainnya."),
            dokumen("KTP-el kepala keluarga"),
            dokumen("Formulir F-1.06", "Bila ada perubahan elemen data.", wajib=False),
        ],
        "field": [
            isian(
                "jenis_perubahan",
                "Jenis perubahan",
                "pilihan",
                pilihan=(
                    "Tambah anggota keluarga",
                    "Kurang anggota keluarga",
                    "Perubahan data anggota",
                ),
            ),
            isian("nama_anggota", "Nama anggota keluarga yang berubah"),
        ],
        "pilihan_dokumen": PILIHAN_STANDAR,
        "jadwal": JADWAL_STANDAR,
    },
    {
        "kode": "KKH",
        "slug": "kk-hilang-rusak",
        "nama": "Kartu Keluarga Hilang/Rusak",
        "kategori": "pendaftaran-penduduk",
        "ikon": "keluarga-hilang",
        "ringkasan": "Penerbitan ulang KK karena hilang atau rusak, tanpa perubahan data.",
        "kuota_harian": 60,
        "urutan": 5,
        "persyaratan": [
            "Surat keterangan kehilangan dari kepolisian, bila KK hilang.",
            "KK yang rusak, bila KK rusak.",
            "KTP-el kepala keluarga atau anggota keluarga yang mengajukan.",
        ],
        "proses": langkah("KK pengganti diterbitkan dengan TTE dan nomor KK yang sama."),
        "dokumen": [
            dokumen(
                "Surat keterangan kehilangan kepolisian / KK rusak",
                "Surat kehilangan bila hilang, atau foto KK yang rusak.",
            ),
            KTP_EL,
        ],
        "field": [
            isian("keadaan", "Keadaan KK", "pilihan", pilihan=("Hilang", "Rusak")),
            isian("no_kk", "Nomor KK", bantuan="16 digit, bila diketahui.", wajib=False),
        ],
        "pilihan_dokumen": PILIHAN_STANDAR,
        "jadwal": JADWAL_STANDAR,
    },
    {
        "kode": "KTP",
        "slug": "cetak-ulang-ktp-el",
        "nama": "Cetak Ulang KTP-el Rusak/Hilang",
        "kategori": "pendaftaran-penduduk",
        "ikon": "ktp",
        "ringkasan": "Pencetakan ulang KTP-el yang rusak, hilang atau berubah data bagi "
        "penduduk yang sudah rekam biometrik.",
        "kuota_harian": 50,
        "urutan": 6,
        "persyaratan": [
            "Penduduk telah melakukan perekaman biometrik KTP-el.",
            "Kartu Keluarga (KK).",
            "Surat keterangan kehilangan dari kepolisian, bila KTP-el hilang.",
            "KTP-el yang rusak, bila KTP-el rusak (diserahkan saat pengambilan).",
            "Bukti perubahan data, bila cetak ulang karena perubahan data.",
        ],
        "proses": langkah(
            "Petugas memeriksa status perekaman dan ketersediaan blangko.",
            "KTP-el dicetak dan dapat diambil di kantor Dinas sesuai jadwal pada pemberitahuan.",
        ),
        "dokumen": [
            KK,
            dokumen(
                "Surat kehilangan kepolisian / KTP-el rusak",
                "Surat kehilangan bila hilang, atau foto KTP-el yang rusak.",
            ),
            dokumen("Bukti perubahan data", "Bila ada perubahan data.", wajib=False),
        ],
        "field": [
            isian(
                "alasan",
                "Alasan cetak ulang",
                "pilihan",
                pilihan=("Rusak", "Hilang", "Perubahan data"),
            ),
            isian("sudah_rekam", "Sudah rekam biometrik KTP-el", "ya_tidak"),
        ],
        "pilihan_dokumen": [AMBIL_KTP],
        "jadwal": JADWAL_KTP,
    },
    {
        "kode": "KIA",
        "slug": "kartu-identitas-anak",
        "nama": "Kartu Identitas Anak (KIA)",
        "kategori": "pendaftaran-penduduk",
        "ikon": "anak",
        "ringkasan": "Penerbitan KIA untuk anak berusia di bawah 17 tahun.",
        "kuota_harian": 100,
        "urutan": 7,
        "persyaratan": [
            "Kutipan akta kelahiran anak.",
            "Kartu Keluarga (KK) orang tua/wali.",
            "KTP-el kedua orang tua/wali.",
            "Pas foto berwarna anak ukuran 2x3 bagi anak usia 5 tahun ke atas (latar merah "
            "untuk tahun lahir ganjil, biru untuk tahun lahir genap).",
        ],
        "proses": langkah(
            "KIA dicetak dan dapat diambil di kantor Dinas, atau diunduh bila "
            "anak berusia di bawah 5 tahun."
        ),
        "dokumen": [
            dokumen("Kutipan akta kelahiran anak"),
            dokumen("Kartu Keluarga (KK) orang tua/wali"),
            dokumen("KTP-el orang tua/wali", "KTP-el ayah dan ibu, boleh dalam satu gambar."),
            dokumen("Pas foto anak 2x3", "Bagi anak usia 5 tahun ke atas.", wajib=False),
        ],
        "field": [
            isian("usia_anak", "Usia anak (tahun)", "angka"),
            isian("no_akta", "Nomor akta kelahiran anak"),
        ],
        "pilihan_dokumen": [TTE, AMBIL_KTP],
        "jadwal": JADWAL_STANDAR,
    },
    {
        "kode": "SKP",
        "slug": "surat-pindah-keluar",
        "nama": "Surat Pindah Keluar (SKPWNI)",
        "kategori": "pendaftaran-penduduk",
        "ikon": "pindah",
        "ringkasan": "Surat keterangan pindah WNI bagi penduduk yang pindah ke luar "
        "kabupaten/kota atau antarkecamatan.",
        "kuota_harian": 80,
        "urutan": 8,
        "persyaratan": [
            "Kartu Keluarga (KK).",
            "KTP-el penduduk yang pindah.",
            "Formulir pendaftaran perpindahan penduduk (F-1.03) yang telah diisi.",
            "Surat kuasa bila pengajuan diwakilkan.",
        ],
        "proses": langkah(
            "Petugas menerbitkan SKPWNI dan KK baru bagi anggota keluarga yang tidak pindah.",
            "SKPWNI dibawa/diunggah ke Dinas Dukcapil daerah tujuan untuk pendaftaran kedatangan.",
        ),
        "dokumen": [
            KK,
            KTP_EL,
            dokumen("Formulir F-1.03", "Formulir perpindahan penduduk yang sudah diisi."),
            KUASA,
        ],
        "field": [
            isian("alamat_tujuan", "Alamat tujuan lengkap", bantuan="Jalan, RT/RW, desa."),
            isian("kabupaten_tujuan", "Kabupaten/kota tujuan"),
            isian(
                "alasan_pindah",
                "Alasan pindah",
                "pilihan",
                pilihan=(
                    "Pekerjaan",
                    "Pendidikan",
                    "Keamanan",
                    "Kesehatan",
                    "Perumahan",
                    "Keluarga",
                    "Lainnya",
                ),
            ),
            isian(
                "klasifikasi",
                "Klasifikasi pindah",
                "pilihan",
                pilihan=("Antarkecamatan", "Antarkabupaten/kota", "Antarprovinsi"),
            ),
            isian("jumlah_pindah", "Jumlah anggota keluarga yang pindah", "angka"),
        ],
        "pilihan_dokumen": PILIHAN_STANDAR,
        "jadwal": JADWAL_STANDAR,
    },
    {
        "kode": "PDT",
        "slug": "pindah-datang",
        "nama": "Kedatangan/Pindah Datang",
        "kategori": "pendaftaran-penduduk",
        "ikon": "datang",
        "ringkasan": "Pendaftaran penduduk yang datang dari kabupaten/kota lain dan "
        "penerbitan KK di alamat baru.",
        "kuota_harian": 80,
        "urutan": 9,
        "persyaratan": [
            "Surat keterangan pindah WNI (SKPWNI) dari daerah asal.",
            "KTP-el penduduk yang datang.",
            "Bila menumpang KK: KK yang ditumpangi dan surat persetujuan kepala keluarga.",
            "Formulir pendaftaran perpindahan penduduk (F-1.03).",
        ],
        "proses": langkah(
            "Petugas mendaftarkan kedatangan dan menerbitkan KK di alamat baru dengan TTE."
        ),
        "dokumen": [
            dokumen("SKPWNI dari daerah asal"),
            KTP_EL,
            dokumen("Formulir F-1.03", "Formulir perpindahan penduduk yang sudah diisi."),
            dokumen(
                "KK yang ditumpangi",
                "Beserta surat persetujuan kepala keluarga, bila menumpang KK.",
                wajib=False,
            ),
        ],
        "field": [
            isian("no_skpwni", "Nomor SKPWNI"),
            isian(
                "status_kk",
                "Status KK di alamat baru",
                "pilihan",
                pilihan=("Membuat KK baru", "Menumpang KK", "Nama kepala keluarga tetap"),
            ),
        ],
        "pilihan_dokumen": PILIHAN_STANDAR,
        "jadwal": JADWAL_STANDAR,
    },
    {
        "kode": "BIO",
        "slug": "perubahan-biodata",
        "nama": "Perubahan Biodata",
        "kategori": "pendaftaran-penduduk",
        "ikon": "biodata",
        "ringkasan": "Perubahan elemen data seperti pendidikan, pekerjaan, agama, golongan "
        "darah atau status perkawinan.",
        "kuota_harian": 100,
        "urutan": 12,
        "persyaratan": [
            "Kartu Keluarga (KK).",
            "KTP-el.",
            "Surat pernyataan perubahan elemen data kependudukan (F-1.06).",
            "Bukti perubahan: ijazah (pendidikan), SK/surat keterangan kerja (pekerjaan), "
            "surat keterangan golongan darah dari fasilitas kesehatan, surat keterangan "
            "pindah agama dari pemuka agama, buku nikah/akta (status perkawinan).",
        ],
        "proses": langkah(
            "Petugas memutakhirkan biodata; KK terbaru diterbitkan dengan TTE "
            "dan KTP-el dapat dicetak ulang bila perlu."
        ),
        "dokumen": [
            KK,
            KTP_EL,
            dokumen("Formulir F-1.06", "Surat pernyataan perubahan elemen data."),
            dokumen("Bukti perubahan data", "Ijazah, SK, surat keterangan, atau akta."),
        ],
        "field": [
            isian(
                "elemen",
                "Elemen data yang diubah",
                "pilihan",
                pilihan=(
                    "Pendidikan",
                    "Pekerjaan",
                    "Agama",
                    "Golongan darah",
                    "Status perkawinan",
                    "Lainnya",
                ),
            ),
            isian("data_lama", "Data semula"),
            isian("data_baru", "Data menjadi"),
        ],
        "pilihan_dokumen": PILIHAN_STANDAR,
        "jadwal": JADWAL_STANDAR,
    },
]
