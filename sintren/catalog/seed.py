"""Seed data of the service catalogue (REQ-1): plain data, loaded by ``load_katalog``.

The requirement lists follow what Dinas Dukcapil offices publish under Perpres 96/2018
and Permendagri 108/2019 (documents are issued with an electronic signature, TTE, and
printed by the applicant on plain A4 paper). Staff adjust everything later in the admin.
"""

from __future__ import annotations

from typing import Any

Data = dict[str, Any]

KATEGORI: list[Data] = [
    {
        "slug": "pendaftaran-penduduk",
        "nama": "Pendaftaran Penduduk",
        "keterangan": "Kartu Keluarga, KTP-el, KIA, perpindahan dan perubahan biodata.",
        "urutan": 1,
    },
    {
        "slug": "pencatatan-sipil",
        "nama": "Pencatatan Sipil",
        "keterangan": "Akta kelahiran, kematian, perkawinan dan perceraian.",
        "urutan": 2,
    },
    {
        "slug": "kelompok-desa-kelurahan",
        "nama": "Kelompok Pelayanan Desa/Kelurahan",
        "keterangan": "Layanan kolektif bagi operator desa/kelurahan yang terdaftar.",
        "urutan": 3,
    },
    {
        "slug": "kelompok-fasilitas-kesehatan",
        "nama": "Kelompok Pelayanan Fasilitas Kesehatan",
        "keterangan": "Pelaporan kelahiran dan kematian oleh rumah sakit dan puskesmas mitra.",
        "urutan": 4,
    },
]

# Weekly windows: (weekday 0=Senin, start, end), office time zone Asia/Jakarta.
JADWAL_STANDAR = [
    (0, "07:30", "16:00"),
    (1, "07:30", "16:00"),
    (2, "07:30", "16:00"),
    (3, "07:30", "16:00"),
    (4, "07:30", "11:00"),
]
# Death registration is also accepted on Saturday morning (burials do not wait).
JADWAL_AKTA_KEMATIAN = [*JADWAL_STANDAR, (5, "08:00", "12:00")]
# KTP-el reprints depend on the daily blank stock: shorter windows.
JADWAL_KTP = [
    (0, "08:00", "14:00"),
    (1, "08:00", "14:00"),
    (2, "08:00", "14:00"),
    (3, "08:00", "14:00"),
    (4, "08:00", "10:30"),
]

TTE = {
    "nama": "Dokumen TTE (unduh mandiri)",
    "keterangan": "Dokumen bertanda tangan elektronik diunduh dari SINTREN dan dicetak "
    "sendiri pada kertas HVS A4 80 gram.",
    "kirim_email": False,
}
EMAIL = {
    "nama": "Dikirim ke email",
    "keterangan": "Berkas PDF bertanda tangan elektronik dikirim ke alamat email pemohon.",
    "kirim_email": True,
}
AMBIL = {
    "nama": "Ambil di kantor Dinas",
    "keterangan": "Dokumen diambil di loket pengambilan dengan menunjukkan kode pengajuan.",
    "kirim_email": False,
}
AMBIL_KTP = {
    "nama": "Ambil di kantor Dinas",
    "keterangan": "KTP-el/KIA dicetak pada blangko dan diambil sendiri di loket pengambilan "
    "dengan membawa bukti pengajuan.",
    "kirim_email": False,
}
PILIHAN_STANDAR = [TTE, EMAIL, AMBIL]


def _proses(*tengah: str) -> list[str]:
    """The usual online flow, with the service's own steps in the middle."""
    return [
        "Login sebagai pemohon, pilih jenis layanan lalu klik Baru.",
        "Isi data permohonan dan data tambahan, lalu unggah data dukung sesuai persyaratan.",
        "Klik Kirim; permohonan masuk antrean verifikasi petugas pada hari dan jam kerja.",
        *tengah,
        "Bila data dukung belum sesuai, permohonan dikembalikan dengan catatan; perbaiki "
        "lalu kirim ulang.",
        "Pemohon menerima pemberitahuan melalui WhatsApp/email setelah dokumen selesai.",
    ]


def _doc(nama: str, keterangan: str = "", *, wajib: bool = True) -> Data:
    return {"nama": nama, "keterangan": keterangan, "wajib": wajib}


def _field(
    nama: str,
    label: str,
    tipe: str = "teks",
    *,
    wajib: bool = True,
    bantuan: str = "",
    pilihan: tuple[str, ...] = (),
) -> Data:
    return {
        "nama": nama,
        "label": label,
        "tipe": tipe,
        "wajib": wajib,
        "bantuan": bantuan,
        "pilihan": "\n".join(pilihan),
    }


KTP_EL = _doc("KTP-el", "KTP-el pemohon/pelapor yang masih berlaku, foto sisi depan.")
KK = _doc("Kartu Keluarga (KK)", "KK terbaru, seluruh halaman terbaca jelas.")
KUASA = _doc(
    "Surat kuasa",
    "Bila pengajuan diwakilkan: surat kuasa bermeterai beserta KTP-el penerima kuasa.",
    wajib=False,
)
JENIS_KELAMIN = ("Laki-laki", "Perempuan")

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
            "Formulir pelaporan pencatatan sipil (F-2.01) yang telah diisi dan "
            "ditandatangani.",
            "Berita acara dari kepolisian bagi anak yang tidak diketahui asal-usulnya.",
            "Paspor bagi orang tua Warga Negara Asing.",
        ],
        "proses": _proses(
            "Petugas memverifikasi data kelahiran dan mencatatnya dalam register akta "
            "kelahiran pada SIAK.",
            "Kutipan akta kelahiran dan KK terbaru diterbitkan dengan tanda tangan "
            "elektronik (TTE).",
        ),
        "dokumen": [
            _doc("Surat keterangan kelahiran", "Dari rumah sakit/puskesmas/bidan/desa."),
            _doc("Formulir F-2.01", "Formulir pelaporan pencatatan sipil yang sudah diisi."),
            KK,
            _doc("KTP-el ayah", "Foto sisi depan, terbaca jelas."),
            _doc("KTP-el ibu", "Foto sisi depan, terbaca jelas."),
            _doc(
                "Buku nikah/akta perkawinan orang tua",
                "Halaman identitas suami dan istri.",
                wajib=False,
            ),
            _doc(
                "SPTJM kebenaran data kelahiran (F-2.03)",
                "Hanya bila tidak ada surat keterangan kelahiran.",
                wajib=False,
            ),
            _doc(
                "SPTJM pasangan suami istri (F-2.04)",
                "Hanya bila tidak ada buku nikah/akta perkawinan.",
                wajib=False,
            ),
        ],
        "field": [
            _field("nama_bayi", "Nama bayi"),
            _field("tanggal_lahir", "Tanggal lahir bayi", "tanggal"),
            _field("jam_lahir", "Pukul lahir", wajib=False, bantuan="Contoh: 08.15"),
            _field("tempat_lahir", "Tempat lahir", bantuan="Kota/kabupaten tempat lahir."),
            _field(
                "tempat_dilahirkan",
                "Tempat dilahirkan",
                "pilihan",
                pilihan=("Rumah sakit/rumah bersalin", "Puskesmas", "Polindes", "Rumah", "Lainnya"),
            ),
            _field("jenis_kelamin", "Jenis kelamin", "pilihan", pilihan=JENIS_KELAMIN),
            _field("anak_ke", "Anak ke-", "angka"),
            _field(
                "jenis_kelahiran",
                "Jenis kelahiran",
                "pilihan",
                pilihan=("Tunggal", "Kembar 2", "Kembar 3", "Kembar 4", "Lainnya"),
            ),
            _field("berat_bayi", "Berat bayi (gram)", "angka", bantuan="Contoh: 3100"),
            _field("panjang_bayi", "Panjang bayi (cm)", "angka", wajib=False),
            _field(
                "penolong",
                "Penolong kelahiran",
                "pilihan",
                pilihan=("Dokter", "Bidan/perawat", "Dukun", "Lainnya"),
            ),
            _field("nik_ayah", "NIK ayah", wajib=False, bantuan="16 digit."),
            _field("nik_ibu", "NIK ibu", bantuan="16 digit."),
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
        "proses": _proses(
            "Petugas mencatat kematian dan menonaktifkan NIK almarhum/almarhumah.",
            "Kutipan akta kematian dan KK baru diterbitkan dengan TTE.",
        ),
        "dokumen": [
            _doc("Surat keterangan kematian", "Dari dokter/rumah sakit atau kepala desa."),
            _doc("KTP-el almarhum/almarhumah"),
            _doc("Kartu Keluarga (KK) almarhum/almarhumah"),
            _doc("KTP-el pelapor"),
            _doc("Formulir F-2.01", "Formulir pelaporan pencatatan sipil yang sudah diisi."),
            _doc(
                "SPTJM kebenaran data kematian",
                "Hanya bila tidak ada surat keterangan kematian.",
                wajib=False,
            ),
        ],
        "field": [
            _field("tanggal_kematian", "Tanggal kematian", "tanggal"),
            _field("tempat_kematian", "Tempat kematian"),
            _field(
                "sebab_kematian",
                "Sebab kematian",
                "pilihan",
                pilihan=("Sakit biasa/tua", "Wabah penyakit", "Kecelakaan", "Lainnya"),
            ),
            _field(
                "yang_menerangkan",
                "Yang menerangkan",
                "pilihan",
                pilihan=("Dokter", "Tenaga kesehatan", "Kepolisian", "Kepala desa", "Lainnya"),
            ),
            _field("hubungan_pelapor", "Hubungan pelapor dengan almarhum/almarhumah"),
        ],
        "pilihan_dokumen": PILIHAN_STANDAR,
        "jadwal": JADWAL_AKTA_KEMATIAN,
    },
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
            "Bila perkawinan belum tercatat: SPTJM perkawinan/perceraian belum tercatat "
            "(F-1.05).",
            "KK lama tempat anggota keluarga terdaftar sebelumnya.",
            "Surat keterangan pindah (SKPWNI) bagi penduduk yang pindah dari kabupaten/kota "
            "lain.",
            "Formulir biodata penduduk (F-1.01) yang telah diisi.",
        ],
        "proses": _proses(
            "Petugas memisahkan anggota keluarga dari KK lama dan membentuk KK baru.",
            "KK baru dan KK lama yang diperbarui diterbitkan dengan TTE.",
        ),
        "dokumen": [
            _doc("Buku nikah/akta perkawinan", "Halaman identitas suami dan istri."),
            _doc("KK lama", "KK tempat pemohon terdaftar sekarang."),
            _doc("Formulir F-1.01", "Formulir biodata penduduk yang sudah diisi."),
            _doc("SKPWNI", "Bagi yang datang dari kabupaten/kota lain.", wajib=False),
            _doc("SPTJM perkawinan belum tercatat (F-1.05)", wajib=False),
            KUASA,
        ],
        "field": [
            _field(
                "alasan",
                "Alasan membuat KK baru",
                "pilihan",
                pilihan=("Membentuk keluarga baru", "Pisah KK", "Penggantian kepala keluarga"),
            ),
            _field("no_kk_lama", "Nomor KK lama", bantuan="16 digit."),
            _field("jumlah_anggota", "Jumlah anggota keluarga di KK baru", "angka"),
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
            "Surat pernyataan perubahan elemen data kependudukan (F-1.06) bila ada perubahan "
            "data.",
            "KTP-el kepala keluarga.",
        ],
        "proses": _proses(
            "Petugas memutakhirkan data keluarga di SIAK sesuai bukti.",
            "KK terbaru diterbitkan dengan TTE.",
        ),
        "dokumen": [
            KK,
            _doc("Bukti perubahan", "Akta, buku nikah, SKPWNI atau dokumen dasar lainnya."),
            _doc("KTP-el kepala keluarga"),
            _doc("Formulir F-1.06", "Bila ada perubahan elemen data.", wajib=False),
        ],
        "field": [
            _field(
                "jenis_perubahan",
                "Jenis perubahan",
                "pilihan",
                pilihan=(
                    "Tambah anggota keluarga",
                    "Kurang anggota keluarga",
                    "Perubahan data anggota",
                ),
            ),
            _field("nama_anggota", "Nama anggota keluarga yang berubah"),
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
        "proses": _proses("KK pengganti diterbitkan dengan TTE dan nomor KK yang sama."),
        "dokumen": [
            _doc(
                "Surat keterangan kehilangan kepolisian / KK rusak",
                "Surat kehilangan bila hilang, atau foto KK yang rusak.",
            ),
            KTP_EL,
        ],
        "field": [
            _field("keadaan", "Keadaan KK", "pilihan", pilihan=("Hilang", "Rusak")),
            _field("no_kk", "Nomor KK", bantuan="16 digit, bila diketahui.", wajib=False),
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
        "proses": _proses(
            "Petugas memeriksa status perekaman dan ketersediaan blangko.",
            "KTP-el dicetak dan dapat diambil di kantor Dinas sesuai jadwal pada "
            "pemberitahuan.",
        ),
        "dokumen": [
            KK,
            _doc(
                "Surat kehilangan kepolisian / KTP-el rusak",
                "Surat kehilangan bila hilang, atau foto KTP-el yang rusak.",
            ),
            _doc("Bukti perubahan data", "Bila ada perubahan data.", wajib=False),
        ],
        "field": [
            _field(
                "alasan",
                "Alasan cetak ulang",
                "pilihan",
                pilihan=("Rusak", "Hilang", "Perubahan data"),
            ),
            _field("sudah_rekam", "Sudah rekam biometrik KTP-el", "ya_tidak"),
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
        "proses": _proses("KIA dicetak dan dapat diambil di kantor Dinas, atau diunduh bila "
                          "anak berusia di bawah 5 tahun."),
        "dokumen": [
            _doc("Kutipan akta kelahiran anak"),
            _doc("Kartu Keluarga (KK) orang tua/wali"),
            _doc("KTP-el orang tua/wali", "KTP-el ayah dan ibu, boleh dalam satu gambar."),
            _doc("Pas foto anak 2x3", "Bagi anak usia 5 tahun ke atas.", wajib=False),
        ],
        "field": [
            _field("usia_anak", "Usia anak (tahun)", "angka"),
            _field("no_akta", "Nomor akta kelahiran anak"),
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
        "proses": _proses(
            "Petugas menerbitkan SKPWNI dan KK baru bagi anggota keluarga yang tidak pindah.",
            "SKPWNI dibawa/diunggah ke Dinas Dukcapil daerah tujuan untuk pendaftaran "
            "kedatangan.",
        ),
        "dokumen": [
            KK,
            KTP_EL,
            _doc("Formulir F-1.03", "Formulir perpindahan penduduk yang sudah diisi."),
            KUASA,
        ],
        "field": [
            _field("alamat_tujuan", "Alamat tujuan lengkap", bantuan="Jalan, RT/RW, desa."),
            _field("kabupaten_tujuan", "Kabupaten/kota tujuan"),
            _field(
                "alasan_pindah",
                "Alasan pindah",
                "pilihan",
                pilihan=("Pekerjaan", "Pendidikan", "Keamanan", "Kesehatan", "Perumahan",
                         "Keluarga", "Lainnya"),
            ),
            _field(
                "klasifikasi",
                "Klasifikasi pindah",
                "pilihan",
                pilihan=("Antarkecamatan", "Antarkabupaten/kota", "Antarprovinsi"),
            ),
            _field("jumlah_pindah", "Jumlah anggota keluarga yang pindah", "angka"),
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
        "proses": _proses("Petugas mendaftarkan kedatangan dan menerbitkan KK di alamat baru "
                          "dengan TTE."),
        "dokumen": [
            _doc("SKPWNI dari daerah asal"),
            KTP_EL,
            _doc("Formulir F-1.03", "Formulir perpindahan penduduk yang sudah diisi."),
            _doc(
                "KK yang ditumpangi",
                "Beserta surat persetujuan kepala keluarga, bila menumpang KK.",
                wajib=False,
            ),
        ],
        "field": [
            _field("no_skpwni", "Nomor SKPWNI"),
            _field(
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
            "Surat keterangan telah terjadinya perkawinan dari pemuka agama/penghayat "
            "kepercayaan.",
            "Pas foto berwarna berdampingan suami dan istri ukuran 4x6.",
            "KTP-el suami dan istri.",
            "Kartu Keluarga (KK) suami dan istri.",
            "Formulir pelaporan pencatatan sipil (F-2.01).",
            "Kutipan akta perceraian/akta kematian pasangan terdahulu bagi janda/duda.",
            "Surat izin dari komandan/atasan bagi anggota TNI/Polri.",
            "Paspor bagi Warga Negara Asing.",
            "Pelaporan paling lambat 60 hari sejak tanggal perkawinan.",
        ],
        "proses": _proses("Petugas mencatat perkawinan; kutipan akta perkawinan dan KK "
                          "baru diterbitkan dengan TTE."),
        "dokumen": [
            _doc("Surat keterangan perkawinan dari pemuka agama"),
            _doc("Pas foto berdampingan 4x6"),
            _doc("KTP-el suami dan istri"),
            _doc("KK suami dan istri"),
            _doc("Formulir F-2.01", "Formulir pelaporan pencatatan sipil yang sudah diisi."),
            _doc("Akta perceraian/kematian pasangan terdahulu", "Bagi janda/duda.", wajib=False),
            _doc("Surat izin komandan/atasan", "Bagi anggota TNI/Polri.", wajib=False),
        ],
        "field": [
            _field("tanggal_perkawinan", "Tanggal perkawinan", "tanggal"),
            _field(
                "agama",
                "Agama/kepercayaan",
                "pilihan",
                pilihan=("Kristen", "Katolik", "Hindu", "Buddha", "Khonghucu", "Kepercayaan"),
            ),
            _field("nama_pemuka_agama", "Nama pemuka agama/penghayat"),
            _field("nama_suami", "Nama suami"),
            _field("nama_istri", "Nama istri"),
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
        "proses": _proses("Petugas mencatat perceraian; kutipan akta perceraian dan KK "
                          "baru diterbitkan dengan TTE."),
        "dokumen": [
            _doc("Salinan putusan pengadilan", "Dengan keterangan berkekuatan hukum tetap."),
            _doc("Kutipan akta perkawinan"),
            KTP_EL,
            KK,
            _doc("Formulir F-2.01", "Formulir pelaporan pencatatan sipil yang sudah diisi."),
        ],
        "field": [
            _field("nomor_putusan", "Nomor putusan pengadilan"),
            _field("tanggal_putusan", "Tanggal putusan berkekuatan hukum tetap", "tanggal"),
            _field("no_akta_perkawinan", "Nomor akta perkawinan"),
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
        "proses": _proses("Petugas memutakhirkan biodata; KK terbaru diterbitkan dengan TTE "
                          "dan KTP-el dapat dicetak ulang bila perlu."),
        "dokumen": [
            KK,
            KTP_EL,
            _doc("Formulir F-1.06", "Surat pernyataan perubahan elemen data."),
            _doc("Bukti perubahan data", "Ijazah, SK, surat keterangan, atau akta."),
        ],
        "field": [
            _field(
                "elemen",
                "Elemen data yang diubah",
                "pilihan",
                pilihan=("Pendidikan", "Pekerjaan", "Agama", "Golongan darah",
                         "Status perkawinan", "Lainnya"),
            ),
            _field("data_lama", "Data semula"),
            _field("data_baru", "Data menjadi"),
        ],
        "pilihan_dokumen": PILIHAN_STANDAR,
        "jadwal": JADWAL_STANDAR,
    },
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
        "proses": _proses("Petugas faskes yang terdaftar mengajukan atas nama orang tua; "
                          "akta kelahiran dan KK terbit dengan TTE."),
        "dokumen": [
            _doc("Surat keterangan kelahiran"),
            _doc("Kartu Keluarga (KK) orang tua"),
            _doc("KTP-el orang tua"),
            _doc("Formulir F-2.01"),
            _doc("Buku nikah/SPTJM pasangan suami istri", wajib=False),
        ],
        "field": [
            _field("nama_bayi", "Nama bayi"),
            _field("tanggal_lahir", "Tanggal lahir bayi", "tanggal"),
            _field("jenis_kelamin", "Jenis kelamin", "pilihan", pilihan=JENIS_KELAMIN),
            _field("berat_bayi", "Berat bayi (gram)", "angka"),
            _field("nomor_rekam_medis", "Nomor rekam medis ibu", wajib=False),
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
        "proses": _proses("Petugas memproses setiap permohonan warga; dokumen jadi dikirim "
                          "ke akun desa/kelurahan."),
        "dokumen": [
            _doc("Surat pengantar kepala desa/lurah"),
            _doc("Daftar warga dan data dukung", "Digabung dalam satu berkas per warga."),
            _doc("Surat kuasa warga"),
        ],
        "field": [
            _field(
                "jenis_dokumen",
                "Dokumen yang dimohonkan",
                "pilihan",
                pilihan=("Akta kelahiran", "Akta kematian", "Kartu Keluarga", "KIA"),
            ),
            _field("jumlah_warga", "Jumlah warga", "angka"),
        ],
        "pilihan_dokumen": [TTE, AMBIL],
        "jadwal": JADWAL_STANDAR,
    },
]

# Office closure days (national holidays come from the ``holidays`` package).
HARI_TUTUP: list[Data] = [
    {"tanggal": "2026-12-24", "keterangan": "Cuti bersama Hari Raya Natal"},
    {"tanggal": "2026-12-30", "keterangan": "Pemeliharaan sistem SIAK Terpusat"},
    {"tanggal": "2026-12-31", "keterangan": "Tutup buku dan stock opname blangko akhir tahun"},
]
