"""Blank forms (PUB-3) as plain data; ``formulir_pdf`` draws them, ``load_katalog`` stores them.

A field is a tuple: ``("garis", label)`` a dotted line, ``("kotak", label, n)`` n boxes
(NIK, Nomor KK), ``("pilih", label, options)`` tick boxes. The numbers follow the forms of
Permendagri 108/2019.
"""

from __future__ import annotations

from typing import Any

Data = dict[str, Any]

NIK = ("kotak", "NIK", 16)
NO_KK = ("kotak", "Nomor KK", 16)
NAMA = ("garis", "Nama lengkap")
ALAMAT = ("garis", "Alamat (jalan, RT/RW, desa)")
JK = ("pilih", "Jenis kelamin", ("Laki-laki", "Perempuan"))


def _orang(judul: str) -> tuple[str, list[tuple[Any, ...]]]:
    """A section with a person's identity (reporter, witness, parent...)."""
    return (judul, [NIK, NAMA, ("garis", "Tempat/tanggal lahir"), ("garis", "Pekerjaan"), ALAMAT])


FORMULIR: list[Data] = [
    {
        "kode": "F-1.01",
        "judul": "Formulir Biodata Penduduk Warga Negara Indonesia",
        "keterangan": "Untuk pendaftaran penduduk baru, KK baru dan perubahan biodata.",
        "layanan": ["KKB", "KKP", "BIO", "PDT"],
        "urutan": 1,
        "bagian": [
            ("Data Keluarga", [("garis", "Nama kepala keluarga"), NO_KK, ALAMAT]),
            (
                "Data Individu",
                [
                    NAMA,
                    NIK,
                    JK,
                    ("garis", "Tempat lahir"),
                    ("garis", "Tanggal lahir"),
                    ("pilih", "Golongan darah", ("A", "B", "AB", "O", "Tidak tahu")),
                    ("garis", "Agama/kepercayaan"),
                    (
                        "pilih",
                        "Status perkawinan",
                        ("Belum kawin", "Kawin", "Cerai hidup", "Cerai mati"),
                    ),
                    ("garis", "Hubungan dalam keluarga"),
                    ("garis", "Pendidikan terakhir"),
                    ("garis", "Pekerjaan"),
                    ("garis", "Nama ibu kandung"),
                    ("garis", "Nama ayah"),
                ],
            ),
        ],
        "ttd": ["Kepala Keluarga"],
    },
    {
        "kode": "F-1.03",
        "judul": "Formulir Pendaftaran Perpindahan Penduduk",
        "keterangan": "Untuk surat pindah keluar (SKPWNI) dan pendaftaran kedatangan.",
        "layanan": ["SKP", "PDT"],
        "urutan": 2,
        "bagian": [
            ("Data Daerah Asal", [NO_KK, ("garis", "Nama kepala keluarga"), ALAMAT]),
            (
                "Data Kepindahan",
                [
                    (
                        "pilih",
                        "Alasan pindah",
                        (
                            "Pekerjaan",
                            "Pendidikan",
                            "Keamanan",
                            "Kesehatan",
                            "Perumahan",
                            "Keluarga",
                        ),
                    ),
                    ("garis", "Alamat tujuan"),
                    ("garis", "Desa/kelurahan, kecamatan tujuan"),
                    ("garis", "Kabupaten/kota, provinsi tujuan"),
                    (
                        "pilih",
                        "Klasifikasi",
                        ("Antarkecamatan", "Antarkabupaten/kota", "Antarprovinsi"),
                    ),
                    (
                        "pilih",
                        "Status KK yang tidak pindah",
                        ("Numpang KK", "Membuat KK baru", "Tidak ada anggota"),
                    ),
                ],
            ),
            (
                "Anggota Keluarga yang Pindah",
                [
                    ("garis", "1. NIK / Nama"),
                    ("garis", "2. NIK / Nama"),
                    ("garis", "3. NIK / Nama"),
                    ("garis", "4. NIK / Nama"),
                ],
            ),
        ],
        "ttd": ["Pemohon"],
    },
    {
        "kode": "F-1.05",
        "judul": "Surat Pernyataan Tanggung Jawab Mutlak Perkawinan Belum Tercatat",
        "keterangan": "Bagi pasangan yang perkawinannya belum tercatat, untuk KK.",
        "layanan": ["KKB"],
        "urutan": 3,
        "bagian": [_orang("Yang bertanda tangan di bawah ini (suami)"), _orang("Istri")],
        "pernyataan": (
            "Menyatakan dengan sesungguhnya bahwa kami telah melangsungkan perkawinan "
            "menurut agama/kepercayaan kami, namun perkawinan tersebut belum tercatat. "
            "Apabila di kemudian hari pernyataan ini tidak benar, kami bersedia dikenai "
            "sanksi sesuai ketentuan peraturan perundang-undangan."
        ),
        "ttd": ["Suami", "Istri"],
        "meterai": True,
    },
    {
        "kode": "F-1.06",
        "judul": "Surat Pernyataan Perubahan Elemen Data Kependudukan",
        "keterangan": "Untuk perubahan pendidikan, pekerjaan, agama, golongan darah, dll.",
        "layanan": ["BIO", "KKP"],
        "urutan": 4,
        "bagian": [
            ("Data Pemohon", [NAMA, NIK, NO_KK, ALAMAT]),
            (
                "Perubahan Data",
                [
                    ("garis", "Elemen data yang diubah"),
                    ("garis", "Semula"),
                    ("garis", "Menjadi"),
                    ("garis", "Dasar perubahan (dokumen bukti)"),
                ],
            ),
        ],
        "ttd": ["Pemohon"],
        "meterai": True,
    },
    {
        "kode": "F-2.01",
        "judul": "Formulir Pelaporan Pencatatan Sipil di Dalam Wilayah NKRI",
        "keterangan": "Untuk kelahiran, kematian, perkawinan dan perceraian.",
        "layanan": ["AKL", "AKM", "APK", "ACR", "LKF"],
        "urutan": 5,
        "bagian": [
            ("Data Pelapor", [NAMA, NIK, ("garis", "Nomor dokumen perjalanan (WNA)")]),
            ("Data Subjek Akta", [NAMA, NIK, NO_KK]),
            (
                "Peristiwa yang Dilaporkan",
                [
                    (
                        "pilih",
                        "Jenis peristiwa",
                        ("Kelahiran", "Kematian", "Perkawinan", "Perceraian", "Lainnya"),
                    ),
                    ("garis", "Tanggal peristiwa"),
                    ("garis", "Tempat peristiwa"),
                    ("garis", "Keterangan peristiwa"),
                ],
            ),
            ("Data Ayah / Suami", [NIK, NAMA]),
            ("Data Ibu / Istri", [NIK, NAMA]),
            ("Saksi", [("garis", "Saksi I: NIK / nama"), ("garis", "Saksi II: NIK / nama")]),
        ],
        "ttd": ["Pelapor"],
    },
    {
        "kode": "F-2.03",
        "judul": "Surat Pernyataan Tanggung Jawab Mutlak Kebenaran Data Kelahiran",
        "keterangan": "Bila tidak memiliki surat keterangan kelahiran.",
        "layanan": ["AKL"],
        "urutan": 6,
        "bagian": [
            _orang("Yang bertanda tangan di bawah ini"),
            (
                "Menyatakan bahwa",
                [
                    NAMA,
                    JK,
                    ("garis", "Tempat/tanggal lahir"),
                    ("garis", "Nama ayah"),
                    ("garis", "Nama ibu"),
                ],
            ),
        ],
        "pernyataan": (
            "Adalah benar anak tersebut lahir sebagaimana data di atas. Apabila di "
            "kemudian hari pernyataan ini tidak benar, saya bersedia diproses secara hukum "
            "sesuai peraturan perundang-undangan dan dokumen yang diterbitkan batal demi hukum."
        ),
        "ttd": ["Saksi I", "Saksi II", "Yang membuat pernyataan"],
        "meterai": True,
    },
    {
        "kode": "F-2.04",
        "judul": "Surat Pernyataan Tanggung Jawab Mutlak Kebenaran sebagai Pasangan Suami Istri",
        "keterangan": "Bila orang tua tidak memiliki buku nikah/akta perkawinan.",
        "layanan": ["AKL", "LKF"],
        "urutan": 7,
        "bagian": [_orang("Suami"), _orang("Istri")],
        "pernyataan": (
            "Menyatakan dengan sesungguhnya bahwa kami adalah pasangan suami istri yang "
            "sah. Apabila di kemudian hari pernyataan ini tidak benar, kami bersedia "
            "diproses secara hukum dan dokumen yang diterbitkan batal demi hukum."
        ),
        "ttd": ["Suami", "Istri"],
        "meterai": True,
    },
    {
        "kode": "SURAT-KUASA",
        "judul": "Surat Kuasa Pengurusan Dokumen Kependudukan",
        "keterangan": "Bila pengajuan diwakilkan kepada orang lain.",
        "layanan": ["KKB", "SKP", "DES"],
        "urutan": 8,
        "bagian": [_orang("Yang memberi kuasa"), _orang("Yang menerima kuasa")],
        "pernyataan": (
            "Memberikan kuasa untuk mengurus dokumen kependudukan berupa "
            ".................................................. atas nama pemberi kuasa "
            "pada Dinas Kependudukan dan Pencatatan Sipil. Segala akibat yang timbul dari "
            "kuasa ini menjadi tanggung jawab pemberi kuasa."
        ),
        "ttd": ["Penerima Kuasa", "Pemberi Kuasa"],
        "meterai": True,
    },
]
