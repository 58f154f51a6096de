"""Requests (*Pengajuan*, REQ-3…REQ-9): the request, its status history, daily quotas and
the counters behind the request codes."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.utils import timezone

from sintren.pengajuan.choices import STATUS_TERBUKA, JenisItemPerbaikan, StatusPengajuan

_SPACES = re.compile(r"\s+")


def subjek_kunci_of(*, nik: str, nomor_kk: str, nama: str) -> str:
    """The key of a request's subject for the duplicate guard (X-6).

    The NIK when there is one; otherwise (a newborn without a NIK yet) the Nomor KK and
    the name, case-folded with the spaces collapsed, so "Bayi  Ny. Sari" and
    "bayi ny. sari" on the same KK are one subject.
    """
    if nik:
        return nik
    nama_normal = _SPACES.sub(" ", nama).strip().casefold()
    return f"{nomor_kk}+{nama_normal}"[:140]


class Pengajuan(models.Model):
    """One request of an applicant for one service, about one subject (the person whose
    document is asked for: the applicant, a family member, or anyone in group mode).

    ``kode`` is the request code shown everywhere (REQ-4). ``status`` moves only through
    :func:`sintren.pengajuan.services.pengajuan_transition` along
    :data:`sintren.pengajuan.workflow.TRANSITIONS`. ``grup`` is set when the request was
    made in a group mode (ACC-7): the group's members then share it; a request made in
    the personal mode belongs to ``pemohon`` alone. ``data_tambahan`` holds the answers
    to the service's extra fields by their ``nama``. A deleted draft keeps its row
    (``dihapus_pada``, status *Dihapus*) for the audit trail.
    """

    kode = models.CharField("Kode Pengajuan", max_length=24, unique=True)
    layanan = models.ForeignKey(
        "catalog.Layanan", on_delete=models.PROTECT, related_name="pengajuan"
    )
    pemohon = models.ForeignKey(
        "accounts.Pemohon", on_delete=models.PROTECT, related_name="pengajuan"
    )
    grup = models.ForeignKey(
        "accounts.GrupPemohon",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pengajuan",
    )
    subjek_nik = models.CharField("NIK", max_length=16, blank=True)
    subjek_nama = models.CharField("Nama Lengkap", max_length=100)
    subjek_nomor_kk = models.CharField("Nomor KK", max_length=16)
    subjek_kunci = models.CharField(max_length=140, editable=False)
    nomor_hp = models.CharField("Nomor HP (WhatsApp)", max_length=20)
    email = models.EmailField("Email", blank=True)
    detail = models.TextField("Detail Permohonan")
    data_tambahan = models.JSONField(default=dict, blank=True)
    pilihan_dokumen = models.ForeignKey(
        "catalog.PilihanDokumenJadi",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Pilihan Dokumen Jadi",
        help_text="Kosong berarti Otomatis: Verifikator Dinas yang menentukan.",
    )
    persetujuan = models.BooleanField("Persetujuan", default=False)
    status = models.CharField(
        max_length=16, choices=StatusPengajuan.choices, default=StatusPengajuan.DRAF
    )
    dibuat = models.DateTimeField(default=timezone.now)
    diperbarui = models.DateTimeField(auto_now=True)
    dikirim_pada = models.DateTimeField(null=True, blank=True)
    dihapus_pada = models.DateTimeField(null=True, blank=True)
    # the expected completion date, counted from the latest sending in working days
    # (kalender.tanggal_selesai_perkiraan) and stored, so the staff queue can sort overdue
    # requests first on an index instead of counting days for every row.
    jatuh_tempo = models.DateField("Jatuh Tempo", null=True, blank=True)
    # BO-3: the staff member handling the request, claimed by a conditional UPDATE
    # (sintren.backoffice.services_pengajuan.pengajuan_ambil); NULL: nobody yet.
    petugas = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pengajuan_ditangani",
        verbose_name="Petugas",
    )

    class Meta:
        ordering = ["-diperbarui", "-id"]
        verbose_name = "pengajuan"
        verbose_name_plural = "pengajuan"
        indexes = [
            # The applicant's list (personal mode): newest first, keyset pages. Partial, so
            # that "not deleted, no group" is the index's own condition and the rows come
            # in the list's order: a page reads its 21 entries, not all of the applicant's
            # requests and a sort (an index on dihapus_pada itself could not give that
            # order: IS NULL is no equality for the planner).
            models.Index(
                fields=["pemohon", "-diperbarui", "-id"],
                condition=models.Q(dihapus_pada__isnull=True, grup__isnull=True),
                name="pengajuan_pemohon_daftar_idx",
            ),
            # The group's list (group mode), in the same order.
            models.Index(
                fields=["grup", "-diperbarui", "-id"],
                condition=models.Q(dihapus_pada__isnull=True),
                name="pengajuan_grup_daftar_idx",
            ),
            # Dashboard and reports (BO-5): the requests made in a period, counted by
            # day, service and status from the index alone.
            models.Index(fields=["dibuat", "layanan", "status"], name="pengajuan_dibuat_idx"),
            # Dashboard (BO-5): the open requests counted by status and service.
            models.Index(fields=["status", "layanan"], name="pengajuan_status_layanan_idx"),
            # The staff queue (BO-3, X-1): the requests the Dinas works on, overdue first
            # (the earliest due date first), then oldest sent first; keyset pages on it.
            models.Index(
                fields=["jatuh_tempo", "dikirim_pada", "id"],
                condition=models.Q(status__in=["dikirim", "diproses"], jatuh_tempo__isnull=False),
                name="pengajuan_antrean_idx",
            ),
            # The same queue for one service (the service filter).
            models.Index(
                fields=["layanan", "jatuh_tempo", "dikirim_pada", "id"],
                condition=models.Q(status__in=["dikirim", "diproses"], jatuh_tempo__isnull=False),
                name="pengajuan_antrean_layanan_idx",
            ),
            # The queue filtered by one status (also the closed ones), in the same order.
            models.Index(
                fields=["status", "jatuh_tempo", "dikirim_pada", "id"],
                condition=models.Q(jatuh_tempo__isnull=False),
                name="pengajuan_antrean_status_idx",
            ),
        ]
        constraints = [
            # one open request per service and subject, also under concurrency.
            models.UniqueConstraint(
                fields=["layanan", "subjek_kunci"],
                condition=models.Q(status__in=sorted(STATUS_TERBUKA), dihapus_pada__isnull=True),
                name="pengajuan_satu_terbuka_per_subjek",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=StatusPengajuan.values),
                name="pengajuan_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.kode

    @property
    def is_draf(self) -> bool:
        """Whether the request has not been sent yet."""
        return self.status == StatusPengajuan.DRAF


class RiwayatStatus(models.Model):
    """One step of a request's status history (REQ-9): the status reached, who moved it
    there (``None``: the system), when, and the note (a correction or rejection reason)."""

    pengajuan = models.ForeignKey(Pengajuan, on_delete=models.CASCADE, related_name="riwayat")
    status = models.CharField(max_length=16, choices=StatusPengajuan.choices)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    catatan = models.TextField(blank=True)
    pada = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pada", "pk"]
        verbose_name = "riwayat status"
        verbose_name_plural = "riwayat status"
        indexes = [
            # Dashboard and reports (BO-5): the requests taken or finished in a period.
            models.Index(fields=["status", "pada"], name="riwayat_status_pada_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.pada:%Y-%m-%d %H:%M})"


class ItemPerbaikan(models.Model):
    """One document or field a verifier marked when sending a request back for
    correction (X-2), with the note telling the applicant what is wrong.

    ``riwayat`` is the *Perlu Perbaikan* history row of that correction. ``jenis``
    *dokumen* names a ``DokumenPersyaratan`` of the service (``dokumen``); *data* names a
    field by its key (``field``: one of the request's own fields, or ``tambahan_<nama>``
    for an extra field of the service, see :mod:`sintren.pengajuan.perbaikan`). While
    ``selesai_pada`` is empty the item is open: the applicant may change it, and only
    it. A marked document counts as replaced once a file other than those in
    ``berkas_sebelumnya`` (attached when the correction was asked) is attached to it.
    *Kirim Ulang* closes the items (``selesai_pada``).
    """

    pengajuan = models.ForeignKey(
        Pengajuan, on_delete=models.CASCADE, related_name="item_perbaikan"
    )
    riwayat = models.ForeignKey(
        RiwayatStatus, on_delete=models.CASCADE, related_name="item_perbaikan"
    )
    jenis = models.CharField(max_length=10, choices=JenisItemPerbaikan.choices)
    dokumen = models.ForeignKey(
        "catalog.DokumenPersyaratan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="item_perbaikan",
    )
    field = models.CharField(max_length=80, blank=True)
    catatan = models.TextField("Catatan")
    berkas_sebelumnya = models.JSONField(default=list, blank=True)
    dibuat = models.DateTimeField(default=timezone.now)
    selesai_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "item perbaikan"
        verbose_name_plural = "item perbaikan"
        indexes = [
            models.Index(fields=["pengajuan", "selesai_pada"], name="itemperbaikan_terbuka_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(jenis=JenisItemPerbaikan.DOKUMEN, dokumen__isnull=False, field="")
                    | (
                        models.Q(jenis=JenisItemPerbaikan.DATA, dokumen__isnull=True)
                        & ~models.Q(field="")
                    )
                ),
                name="itemperbaikan_jenis_sesuai",
            ),
            models.CheckConstraint(
                condition=~models.Q(catatan=""), name="itemperbaikan_catatan_wajib"
            ),
            models.UniqueConstraint(
                fields=["riwayat", "dokumen"],
                condition=models.Q(jenis=JenisItemPerbaikan.DOKUMEN),
                name="itemperbaikan_dokumen_unik",
            ),
            models.UniqueConstraint(
                fields=["riwayat", "field"],
                condition=models.Q(jenis=JenisItemPerbaikan.DATA),
                name="itemperbaikan_field_unik",
            ),
        ]

    def __str__(self) -> str:
        target = self.field or f"dokumen {self.dokumen_id}"
        return f"{self.get_jenis_display()}: {target}"

    @property
    def is_dokumen(self) -> bool:
        """Whether the item marks a supporting document (else a field)."""
        return self.jenis == JenisItemPerbaikan.DOKUMEN

    @property
    def terbuka(self) -> bool:
        """Whether the applicant still has to deal with this item."""
        return self.selesai_pada is None


class KuotaHarian(models.Model):
    """How many requests for a service were created on one day (Asia/Jakarta).

    Counted for every service; a service's ``kuota_harian`` caps it (0: no cap). A slot
    is taken with one conditional ``UPDATE … WHERE terpakai < cap`` inside the creating
    transaction, so concurrent creations can never exceed the cap and a failed creation
    gives its slot back.
    """

    layanan = models.ForeignKey(
        "catalog.Layanan", on_delete=models.CASCADE, related_name="kuota_terpakai"
    )
    tanggal = models.DateField()
    terpakai = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-tanggal", "layanan"]
        verbose_name = "kuota harian"
        verbose_name_plural = "kuota harian"
        constraints = [
            models.UniqueConstraint(fields=["layanan", "tanggal"], name="kuota_harian_unik")
        ]

    def __str__(self) -> str:
        return f"{self.tanggal:%d-%m-%Y}: {self.terpakai}"


class UrutanKode(models.Model):
    """The last sequence number used for request codes with one prefix (REQ-4).

    ``kunci`` is the service code plus the regency code, e.g. ``AKL3326``; the next
    request gets ``nilai + 1``, taken by an ``UPDATE`` that holds the row until the
    creating transaction ends, so no two requests get the same number.
    """

    kunci = models.CharField(max_length=20, unique=True)
    nilai = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "urutan kode"
        verbose_name_plural = "urutan kode"

    def __str__(self) -> str:
        return f"{self.kunci}: {self.nilai}"


class Penilaian(models.Model):
    """The applicant's rating of a finished request (X-9): 1 to 5 stars and a comment.

    One per request, enforced by the database (``pengajuan`` is unique), so two
    concurrent submissions cannot both be stored. ``oleh`` is the applicant's user who
    rated (in a group mode any active member may). Written only by
    :func:`sintren.pengajuan.services_penilaian.penilaian_kirim`.
    """

    NILAI_MIN, NILAI_MAKS = 1, 5

    pengajuan = models.OneToOneField(Pengajuan, on_delete=models.CASCADE, related_name="penilaian")
    nilai = models.PositiveSmallIntegerField("Nilai")
    komentar = models.TextField("Komentar", blank=True, max_length=500)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dibuat = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-dibuat", "-id"]
        verbose_name = "penilaian"
        verbose_name_plural = "penilaian"
        indexes = [models.Index(fields=["dibuat"], name="penilaian_dibuat_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nilai__gte=1, nilai__lte=5), name="penilaian_nilai_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nilai}/5"
