"""Shared pieces of the seed catalogue: categories, schedules, output options, helpers."""

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


def langkah(*tengah: str) -> list[str]:
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


def dokumen(nama: str, keterangan: str = "", *, wajib: bool = True) -> Data:
    """A required (or optional) supporting document."""
    return {"nama": nama, "keterangan": keterangan, "wajib": wajib}


def isian(
    nama: str,
    label: str,
    tipe: str = "teks",
    *,
    wajib: bool = True,
    bantuan: str = "",
    pilihan: tuple[str, ...] = (),
) -> Data:
    """An extra form field; ``tipe`` is one of FieldTambahan.Tipe's values."""
    return {
        "nama": nama,
        "label": label,
        "tipe": tipe,
        "wajib": wajib,
        "bantuan": bantuan,
        "pilihan": "\n".join(pilihan),
    }


KTP_EL = dokumen("KTP-el", "KTP-el pemohon/pelapor yang masih berlaku, foto sisi depan.")
KK = dokumen("Kartu Keluarga (KK)", "KK terbaru, seluruh halaman terbaca jelas.")
KUASA = dokumen(
    "Surat kuasa",
    "Bila pengajuan diwakilkan: surat kuasa bermeterai beserta KTP-el penerima kuasa.",
    wajib=False,
)
JENIS_KELAMIN = ("Laki-laki", "Perempuan")


# Office closure days (national holidays come from the ``holidays`` package).
HARI_TUTUP: list[Data] = [
    {"tanggal": "2026-12-24", "keterangan": "Cuti bersama Hari Raya Natal"},
    {"tanggal": "2026-12-30", "keterangan": "Pemeliharaan sistem SIAK Terpusat"},
    {"tanggal": "2026-12-31", "keterangan": "Tutup buku dan stock opname blangko akhir tahun"},
]
