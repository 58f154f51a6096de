"""The service catalogue (REQ-1): service types, their requirements, forms and limits."""

from __future__ import annotations

from django.core.validators import FileExtensionValidator, MinValueValidator, RegexValidator
from django.db import models


class KategoriLayanan(models.Model):
    """A group of service types, e.g. *Pencatatan Sipil* or *Layanan Desa/Kelurahan*."""

    nama = models.CharField(max_length=120)
    slug = models.SlugField(unique=True)
    keterangan = models.TextField(blank=True)
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["urutan", "nama"]
        verbose_name = "kategori layanan"
        verbose_name_plural = "kategori layanan"

    def __str__(self) -> str:
        return self.nama


class Layanan(models.Model):
    """A service type (*Jenis Layanan*) the Dinas offers online."""

    class Akses(models.TextChoices):
        UMUM = "umum", "Umum (semua pemohon)"
        GRUP = "grup", "Khusus grup pemohon tertentu"

    nama = models.CharField(max_length=150)
    kode = models.CharField(
        max_length=5,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2,5}$", "Kode terdiri dari 2-5 huruf kapital.")],
        help_text="Awalan kode pengajuan, mis. AKL untuk Akta Kelahiran.",
    )
    slug = models.SlugField(unique=True)
    kategori = models.ForeignKey(KategoriLayanan, on_delete=models.PROTECT, related_name="layanan")
    ikon = models.CharField(
        max_length=40, default="dokumen", help_text="Nama ikon di static/img/ikon/."
    )
    ringkasan = models.CharField(max_length=300, blank=True)
    persyaratan = models.TextField(help_text="Persyaratan, satu butir per baris.")
    proses = models.TextField(help_text="Keterangan proses, satu langkah per baris.")
    akses = models.CharField(max_length=10, choices=Akses.choices, default=Akses.UMUM)
    grup_diizinkan = models.ManyToManyField(
        "accounts.GrupPemohon",
        blank=True,
        related_name="layanan_khusus",
        verbose_name="Grup yang diizinkan",
        help_text=(
            "Untuk layanan khusus grup: grup yang boleh mengajukan; kosong berarti semua grup."
        ),
    )
    subjek_perlu_nik = models.BooleanField(
        default=True,
        help_text="Kosongkan bila subjek bisa belum memiliki NIK (mis. bayi baru lahir).",
    )
    kuota_harian = models.PositiveIntegerField(
        default=0, help_text="Jumlah pengajuan baru per hari; 0 berarti tanpa batas."
    )
    target_hari_kerja = models.PositiveSmallIntegerField(
        "Target penyelesaian (hari kerja)",
        default=3,
        validators=[MinValueValidator(1)],
        help_text=(
            "Hari kerja sejak pengajuan dikirim sampai perkiraan selesai; hari pengiriman "
            "dihitung bila dikirim pada jam layanan hari kerja. Tampil di Bukti Pengajuan."
        ),
    )
    aktif = models.BooleanField(default=True)
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["urutan", "nama"]
        verbose_name = "layanan"
        verbose_name_plural = "layanan"

    def __str__(self) -> str:
        return self.nama

    @property
    def persyaratan_list(self) -> list[str]:
        """The requirement text as a list of non-empty lines."""
        return [line.strip() for line in self.persyaratan.splitlines() if line.strip()]

    @property
    def proses_list(self) -> list[str]:
        """The process description as a list of non-empty lines."""
        return [line.strip() for line in self.proses.splitlines() if line.strip()]


class FieldTambahan(models.Model):
    """An extra form field a service asks for on a new request."""

    class Tipe(models.TextChoices):
        TEKS = "teks", "Teks"
        ANGKA = "angka", "Angka"
        TANGGAL = "tanggal", "Tanggal"
        PILIHAN = "pilihan", "Pilihan"
        YA_TIDAK = "ya_tidak", "Ya/Tidak"

    layanan = models.ForeignKey(Layanan, on_delete=models.CASCADE, related_name="field_tambahan")
    nama = models.SlugField(max_length=60, help_text="Nama teknis (huruf kecil, garis bawah).")
    label = models.CharField(max_length=150)
    tipe = models.CharField(max_length=10, choices=Tipe.choices, default=Tipe.TEKS)
    wajib = models.BooleanField(default=False)
    bantuan = models.CharField(max_length=300, blank=True)
    pilihan = models.TextField(blank=True, help_text="Untuk tipe Pilihan: satu pilihan per baris.")
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["layanan", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["layanan", "nama"], name="field_tambahan_unik")
        ]
        verbose_name = "field tambahan"
        verbose_name_plural = "field tambahan"

    def __str__(self) -> str:
        return self.label

    @property
    def pilihan_list(self) -> list[str]:
        """The choices of a *Pilihan* field, one per line."""
        return [line.strip() for line in self.pilihan.splitlines() if line.strip()]


class DokumenPersyaratan(models.Model):
    """A supporting document (*Data Dukung*) a service requires or accepts."""

    layanan = models.ForeignKey(Layanan, on_delete=models.CASCADE, related_name="dokumen")
    nama = models.CharField(max_length=150)
    wajib = models.BooleanField(default=True)
    keterangan = models.CharField(max_length=300, blank=True)
    contoh = models.FileField(
        upload_to="contoh/",
        blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg"])],
        help_text="Contoh gambar dokumen (PNG/JPEG).",
    )
    tipe_file = models.CharField(max_length=60, default="jpg,jpeg,png,jfif")
    ukuran_maks_kb = models.PositiveIntegerField(default=10240)
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["layanan", "urutan", "id"]
        verbose_name = "dokumen persyaratan"
        verbose_name_plural = "dokumen persyaratan"

    def __str__(self) -> str:
        return self.nama


class PilihanDokumenJadi(models.Model):
    """An output option (*Pilihan Dokumen Jadi*) besides the default *Otomatis*."""

    layanan = models.ForeignKey(Layanan, on_delete=models.CASCADE, related_name="pilihan_dokumen")
    nama = models.CharField(max_length=150)
    keterangan = models.CharField(max_length=300, blank=True)
    kirim_email = models.BooleanField(
        default=False, help_text="Dokumen jadi juga dikirim ke email."
    )
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["layanan", "urutan", "id"]
        verbose_name = "pilihan dokumen jadi"
        verbose_name_plural = "pilihan dokumen jadi"

    def __str__(self) -> str:
        return self.nama


class JadwalLayanan(models.Model):
    """A weekly time window in which new requests for a service are accepted."""

    class Hari(models.IntegerChoices):
        SENIN = 0, "Senin"
        SELASA = 1, "Selasa"
        RABU = 2, "Rabu"
        KAMIS = 3, "Kamis"
        JUMAT = 4, "Jumat"
        SABTU = 5, "Sabtu"
        MINGGU = 6, "Minggu"

    layanan = models.ForeignKey(Layanan, on_delete=models.CASCADE, related_name="jadwal")
    hari = models.PositiveSmallIntegerField(choices=Hari.choices)
    jam_mulai = models.TimeField()
    jam_selesai = models.TimeField()

    class Meta:
        ordering = ["layanan", "hari", "jam_mulai"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(jam_selesai__gt=models.F("jam_mulai")),
                name="jadwal_selesai_setelah_mulai",
            )
        ]
        verbose_name = "jadwal layanan"
        verbose_name_plural = "jadwal layanan"

    def __str__(self) -> str:
        return f"{self.get_hari_display()} {self.jam_mulai:%H.%M}-{self.jam_selesai:%H.%M}"


class HariTutup(models.Model):
    """An office closure day entered by staff (national holidays come from ``holidays``)."""

    tanggal = models.DateField(unique=True)
    keterangan = models.CharField(max_length=200)

    class Meta:
        ordering = ["tanggal"]
        verbose_name = "hari tutup"
        verbose_name_plural = "hari tutup"

    def __str__(self) -> str:
        return f"{self.tanggal:%d-%m-%Y} {self.keterangan}"


class Formulir(models.Model):
    """A blank form (PDF/DOCX) citizens download, linked to the services that use it."""

    kode = models.CharField(
        max_length=30,
        unique=True,
        help_text="Nomor formulir, mis. F-1.01; kunci unik untuk data awal.",
    )
    judul = models.CharField(max_length=200)
    keterangan = models.CharField(max_length=300, blank=True)
    berkas = models.FileField(
        upload_to="formulir/",
        validators=[FileExtensionValidator(["pdf", "docx", "doc", "odt"])],
        help_text="Berkas formulir kosong (PDF/DOCX).",
    )
    layanan = models.ManyToManyField(Layanan, related_name="formulir", blank=True)
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["urutan", "judul"]
        verbose_name = "formulir"
        verbose_name_plural = "formulir"

    def __str__(self) -> str:
        return self.judul
