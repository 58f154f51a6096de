"""Writes of the issued documents (OUT-1…OUT-3, X-8): upload or sign, issue, reissue,
revoke, the one download, the request for a new download, and the housekeeping jobs.

Every function is a service: keyword-only, typed actor, audited, notifications queued in
the same transaction. The callers (views) have loaded the request through their
access-checking getter; the services check the role and the service assignment again,
because they are the last line before a write.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from sintren.accounts.actors import SYSTEM, Actor
from sintren.accounts.models import User
from sintren.chat.rules import chat_terbuka
from sintren.chat.services import pesan_kirim
from sintren.core.audit import audit_log
from sintren.core.choices import AuditAction
from sintren.keluaran.choices import CaraTerbit, KeadaanDokumen
from sintren.keluaran.models import DokumenTerbit
from sintren.keluaran.pdf import PdfDitolak, periksa_pdf
from sintren.keluaran.selectors import petugas_boleh
from sintren.keluaran.signing import SigningUnavailableError, tandatangani, validasi
from sintren.keluaran.storage import keluaran_storage, pdf_baca, pdf_hapus, pdf_simpan
from sintren.notifications.choices import Event
from sintren.notifications.services import notifikasi_queue
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.models import Pengajuan
from sintren.pengajuan.services import pengajuan_transition

logger = logging.getLogger(__name__)

Status = StatusPengajuan
BERLAKU_HARI = 7
DEFAULT_SIMPAN_HARI = 30
# Unambiguous characters (no 0/O, 1/I/L): read aloud or typed from paper without doubt.
KODE_ABJAD = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
KODE_PANJANG = 12  # 31^12 ≈ 7.9 · 10^17: not guessable, even with the rate limit off
# Where documents may be uploaded and issued: while the verifier works on the request,
# and after issuing (a further document, a reissue).
STATUS_UNGGAH = frozenset({Status.DIPROSES, Status.TERBIT})


# --- helpers ------------------------------------------------------------------------------
def kode_verifikasi_baru() -> str:
    """A new random verification code (``KODE_PANJANG`` characters of ``KODE_ABJAD``)."""
    return "".join(secrets.choice(KODE_ABJAD) for _ in range(KODE_PANJANG))


def kode_normal(kode: str) -> str:
    """A typed code as stored: upper case, without spaces and dashes."""
    return "".join(ch for ch in str(kode or "").upper() if ch.isalnum())[:40]


def url_verifikasi(kode: str) -> str:
    """The absolute address of the public verification page of ``kode`` (the QR)."""
    return f"{settings.SITE_URL}{reverse('verifikasi:kode', kwargs={'kode': kode})}"


def berlaku_hari() -> int:
    """Days an issued document can be downloaded (Tabel 3: one week)."""
    return int(getattr(settings, "KELUARAN_BERLAKU_HARI", BERLAKU_HARI))


def _require_staff(actor: Actor, pengajuan: Pengajuan) -> User:
    if not isinstance(actor, User) or not petugas_boleh(actor, pengajuan):
        raise ValidationError(
            gettext("Hanya petugas layanan ini yang dapat mengelola dokumen jadi."), code="akses"
        )
    return actor


def _locked_pengajuan(pengajuan: Pengajuan) -> Pengajuan:
    return (
        Pengajuan.objects.select_for_update(of=("self",))
        .select_related("layanan", "pemohon__user", "pilihan_dokumen")
        .get(pk=pengajuan.pk)
    )


def _locked_dokumen(dokumen: DokumenTerbit) -> DokumenTerbit:
    return (
        DokumenTerbit.objects.select_for_update(of=("self",))
        .select_related("pengajuan__layanan", "pengajuan__pemohon__user")
        .get(pk=dokumen.pk)
    )


def _tanggal(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{date_format(local, 'j F Y')} pukul {local:%H.%M} WIB"


def _nama_kontak(pengajuan: Pengajuan) -> str:
    pemohon = pengajuan.pemohon
    same = pengajuan.nomor_hp == pemohon.nomor_hp
    return str(pemohon.nama_lengkap if same else pengajuan.subjek_nama)


def _context(pengajuan: Pengajuan, berlaku_sampai: datetime) -> dict[str, Any]:
    return {
        "nama": _nama_kontak(pengajuan),
        "kode_pengajuan": pengajuan.kode,
        "layanan": pengajuan.layanan.nama,
        "berlaku_sampai": _tanggal(berlaku_sampai),
        "pengajuan_url": reverse("pengajuan:detail", kwargs={"kode": pengajuan.kode})
        + "#dokumen-jadi",
    }


def _notify(pengajuan: Pengajuan, event: Event, berlaku_sampai: datetime, **extra: Any) -> None:
    notifikasi_queue(
        event=event,
        context=_context(pengajuan, berlaku_sampai),
        phone=pengajuan.nomor_hp,
        email=pengajuan.email or None,
        user=pengajuan.pemohon.user,
        **extra,
    )


def _kirim_email(pengajuan: Pengajuan, dokumen: Sequence[DokumenTerbit]) -> None:
    """The PDFs as email attachments, when the chosen output option asks for it."""
    pilihan = pengajuan.pilihan_dokumen
    if pilihan is None or not pilihan.kirim_email or not pengajuan.email or not dokumen:
        return
    notifikasi_queue(
        event=Event.DOKUMEN_DIKIRIM_EMAIL,
        context=_context(pengajuan, min(d.berlaku_sampai for d in dokumen if d.berlaku_sampai)),
        email=pengajuan.email,
        user=pengajuan.pemohon.user,
        lampiran=[
            {
                "sumber": "keluaran",
                "ref": d.berkas,
                "nama": d.nama_berkas,
                "tipe": "application/pdf",
            }
            for d in dokumen
        ],
    )


# --- upload (OUT-1) -----------------------------------------------------------------------
def _nama_berkas(nama: str) -> str:
    """A safe download name: letters, digits, dash and underscore, ending in .pdf."""
    stem = str(nama or "dokumen").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    stem = stem[:-4] if stem.lower().endswith(".pdf") else stem
    cleaned = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "_" for ch in stem)
    return f"{cleaned.strip('_')[:80] or 'dokumen'}.pdf"


def _signed_or_refused(data: bytes, kode: str) -> bytes:
    try:
        return tandatangani(data, url_verifikasi=url_verifikasi(kode), kode=kode)
    except SigningUnavailableError as exc:
        logger.error("Portal signing unavailable: %s", exc)
        raise ValidationError(
            gettext(
                "Sertifikat tanda tangan kantor belum tersedia; dokumen tidak dapat "
                "ditandatangani oleh portal. Hubungi admin."
            ),
            code="sertifikat",
        ) from exc
    except Exception as exc:  # a PDF pyHanko reads but cannot sign (odd structure)
        logger.warning("Signing failed: %s", type(exc).__name__)
        raise ValidationError(
            gettext(
                "PDF ini tidak dapat ditandatangani (strukturnya tidak biasa). Simpan ulang "
                "PDF dari aplikasi asalnya, lalu coba lagi."
            ),
            code="tanda_tangan",
        ) from exc


def _checked_signatures(data: bytes) -> list[dict[str, Any]]:
    try:
        hasil = validasi(data)
    except ValueError as exc:
        raise ValidationError(gettext("PDF tidak dapat dibaca."), code="rusak") from exc
    if not hasil:
        raise ValidationError(
            gettext(
                "PDF ini belum bertanda tangan elektronik. Pilih “Tandatangani oleh portal” "
                "atau unggah PDF yang sudah ditandatangani."
            ),
            code="tanpa_tanda_tangan",
        )
    if not all(item.utuh for item in hasil):
        raise ValidationError(
            gettext(
                "Tanda tangan elektronik pada PDF ini tidak utuh: isi dokumen telah berubah "
                "setelah ditandatangani. Unggah PDF asli dari penanda tangan."
            ),
            code="tanda_tangan_rusak",
        )
    return [item.as_dict() for item in hasil]


def dokumen_unggah(
    *,
    actor: Actor,
    pengajuan: Pengajuan,
    data: bytes,
    nama_berkas: str,
    nama: str,
    tandatangani_portal: bool,
) -> DokumenTerbit:
    """Attach an output PDF to ``pengajuan`` as a draft (not yet the applicant's).

    The PDF must be a real, complete PDF within the size limit (a ``ValidationError``
    with the message of :class:`PdfDitolak` otherwise). With ``tandatangani_portal`` the
    portal signs it with the office certificate, the verification QR of the new code on
    its first page; without, it must already carry signatures, all intact: they are
    validated and the result kept for the staff page. The file is stored durably before
    the row commits.
    """
    user = _require_staff(actor, pengajuan)
    try:
        periksa_pdf(data)
    except PdfDitolak as refused:
        raise ValidationError(refused.pesan, code=refused.kode) from refused
    kode = kode_verifikasi_baru()
    sumber = ""
    if tandatangani_portal:
        final = _signed_or_refused(data, kode)
        hasil = [item.as_dict() for item in validasi(final)][-1:]
    else:
        final = data
        hasil = _checked_signatures(data)
    berkas = pdf_simpan(final)
    if tandatangani_portal:
        sumber = pdf_simpan(data)
    try:
        return _insert(
            user=user,
            pengajuan=pengajuan,
            berkas=berkas,
            sumber=sumber,
            final=final,
            nama=nama,
            nama_berkas=nama_berkas,
            kode=kode,
            hasil=hasil,
        )
    except Exception:
        pdf_hapus(berkas)
        pdf_hapus(sumber)
        raise


@transaction.atomic
def _insert(
    *,
    user: User,
    pengajuan: Pengajuan,
    berkas: str,
    sumber: str,
    final: bytes,
    nama: str,
    nama_berkas: str,
    kode: str,
    hasil: list[dict[str, Any]],
) -> DokumenTerbit:
    locked = _locked_pengajuan(pengajuan)
    if locked.status not in STATUS_UNGGAH:
        raise ValidationError(
            gettext("Dokumen jadi tidak dapat ditambahkan pada pengajuan berstatus %(s)s.")
            % {"s": locked.get_status_display()},
            code="status",
        )
    dokumen = DokumenTerbit.objects.create(
        pengajuan=locked,
        nama=(nama or locked.layanan.nama).strip()[:150],
        nama_berkas=_nama_berkas(nama_berkas),
        berkas=berkas,
        sumber=sumber,
        sha256=hashlib.sha256(final).hexdigest(),
        ukuran=len(final),
        cara=CaraTerbit.PORTAL if sumber else CaraTerbit.UNGGAH,
        validasi=hasil,
        kode_verifikasi=kode,
        dibuat_oleh=user,
    )
    audit_log(
        actor=user,
        action=AuditAction.DOKUMEN_UNGGAH,
        target=dokumen,
        summary="Dokumen jadi diunggah",
        details={"kode": locked.kode, "dokumen_id": dokumen.pk, "cara": dokumen.cara},
    )
    return dokumen


@transaction.atomic
def dokumen_hapus(*, actor: Actor, dokumen: DokumenTerbit) -> None:
    """Remove a draft that was not issued yet (a wrong upload); its files go too."""
    locked = _locked_dokumen(dokumen)
    user = _require_staff(actor, locked.pengajuan)
    if locked.diterbitkan_pada is not None:
        raise ValidationError(
            gettext("Dokumen yang sudah terbit tidak dapat dihapus; gunakan Cabut."),
            code="status",
        )
    names = [locked.berkas, locked.sumber]
    audit_log(
        actor=user,
        action=AuditAction.DOKUMEN_HAPUS,
        target=locked,
        summary="Draf dokumen jadi dihapus",
        details={"kode": locked.pengajuan.kode, "dokumen_id": locked.pk},
    )
    locked.delete()

    def remove_files() -> None:
        for name in names:
            pdf_hapus(name)

    transaction.on_commit(remove_files)


# --- issue (OUT-1, OUT-2) ---------------------------------------------------------------------
@transaction.atomic
def dokumen_terbitkan(*, actor: Actor, pengajuan: Pengajuan) -> list[DokumenTerbit]:
    """*Terbitkan*: give the request's drafts to the applicant, each downloadable once
    within :func:`berlaku_hari` days, and move the request to *Sudah Terbit TTE*.

    A request still *Diproses* moves through :func:`pengajuan_transition`, whose status
    message tells the applicant the deadline; one already issued keeps its status (a
    further document) and the applicant gets ``dokumen_terbit`` with the deadline. The
    PDFs are also emailed when the chosen *Pilihan Dokumen Jadi* says so.
    """
    user = _require_staff(actor, pengajuan)
    locked = _locked_pengajuan(pengajuan)
    drafts = list(
        DokumenTerbit.objects.select_for_update()
        .filter(pengajuan=locked, diterbitkan_pada__isnull=True)
        .order_by("pk")
    )
    if not drafts:
        raise ValidationError(
            gettext("Belum ada dokumen jadi untuk diterbitkan. Unggah PDF terlebih dahulu."),
            code="kosong",
        )
    if locked.status not in STATUS_UNGGAH:
        raise ValidationError(
            gettext("Pengajuan berstatus %(s)s tidak dapat diterbitkan.")
            % {"s": locked.get_status_display()},
            code="status",
        )
    now = timezone.now()
    sampai = now + timedelta(days=berlaku_hari())
    DokumenTerbit.objects.filter(pk__in=[d.pk for d in drafts]).update(
        diterbitkan_pada=now, diterbitkan_oleh=user, berlaku_sampai=sampai
    )
    pindah = locked.status == Status.DIPROSES
    if pindah:
        # The transition's own message (status *Sudah Terbit TTE*) carries the deadline
        # in its note: one message, not two. It refreshes the caller's instance too.
        catatan = gettext("Dokumen dapat diunduh satu kali sampai %(t)s.") % {"t": _tanggal(sampai)}
        pengajuan_transition(pengajuan=pengajuan, to=Status.TERBIT, actor=user, catatan=catatan)
    for dokumen in drafts:
        dokumen.diterbitkan_pada, dokumen.diterbitkan_oleh, dokumen.berlaku_sampai = (
            now,
            user,
            sampai,
        )
        audit_log(
            actor=user,
            action=AuditAction.DOKUMEN_TERBIT,
            target=dokumen,
            summary="Dokumen jadi diterbitkan",
            details={"kode": locked.kode, "dokumen_id": dokumen.pk},
        )
    if not pindah:  # a further document of an issued request
        _notify(locked, Event.DOKUMEN_TERBIT, sampai)
    _kirim_email(locked, drafts)
    return drafts


@transaction.atomic
def dokumen_terbitkan_ulang(*, actor: Actor, dokumen: DokumenTerbit) -> DokumenTerbit:
    """*Terbitkan Ulang* (OUT-3, X-8): a new copy with its own code and a new window of
    one download; the old copy is marked superseded and can no longer be downloaded.

    Allowed once the old copy was downloaded or has expired. A PDF the portal signed is
    signed again from its unsigned original, so its QR names the new code; an uploaded
    signed PDF is issued byte for byte (its hash still verifies).
    """
    locked = _locked_dokumen(dokumen)
    user = _require_staff(actor, locked.pengajuan)
    keadaan = locked.keadaan()
    if keadaan not in {KeadaanDokumen.DIUNDUH, KeadaanDokumen.KEDALUWARSA}:
        raise ValidationError(
            gettext("Terbitkan Ulang hanya untuk dokumen yang sudah diunduh atau kedaluwarsa."),
            code="status",
        )
    if not locked.berkas:
        raise ValidationError(
            gettext("Berkas dokumen ini sudah dihapus (masa simpan habis). Unggah PDF baru."),
            code="berkas",
        )
    kode = kode_verifikasi_baru()
    try:
        original = pdf_baca(locked.sumber or locked.berkas)
    except FileNotFoundError as exc:
        raise ValidationError(
            gettext("Berkas dokumen ini tidak ditemukan."), code="berkas"
        ) from exc
    final = _signed_or_refused(original, kode) if locked.sumber else original
    now = timezone.now()
    baru = DokumenTerbit.objects.create(
        pengajuan=locked.pengajuan,
        nama=locked.nama,
        nama_berkas=locked.nama_berkas,
        berkas=pdf_simpan(final),
        sumber=locked.sumber,
        sha256=hashlib.sha256(final).hexdigest(),
        ukuran=len(final),
        cara=locked.cara,
        validasi=locked.validasi,
        kode_verifikasi=kode,
        dibuat_oleh=user,
        dibuat_pada=now,
        diterbitkan_oleh=user,
        diterbitkan_pada=now,
        berlaku_sampai=now + timedelta(days=berlaku_hari()),
    )
    DokumenTerbit.objects.filter(pk=locked.pk).update(digantikan_oleh=baru)
    # The copy signed for the old code is not needed any more; the original stays with
    # the new row.
    if locked.sumber and locked.berkas != baru.berkas:
        old_file = locked.berkas
        DokumenTerbit.objects.filter(pk=locked.pk).update(berkas="", berkas_dihapus_pada=now)
        transaction.on_commit(lambda: pdf_hapus(old_file))
    audit_log(
        actor=user,
        action=AuditAction.DOKUMEN_TERBIT_ULANG,
        target=baru,
        summary="Dokumen jadi diterbitkan ulang",
        details={"kode": locked.pengajuan.kode, "dokumen_id": baru.pk, "menggantikan": locked.pk},
    )
    assert baru.berlaku_sampai is not None
    _notify(locked.pengajuan, Event.DOKUMEN_TERBIT, baru.berlaku_sampai)
    _kirim_email(locked.pengajuan, [baru])
    return baru


@transaction.atomic
def dokumen_cabut(*, actor: Actor, dokumen: DokumenTerbit, alasan: str) -> DokumenTerbit:
    """Revoke an issued document: no further download, and the public verification
    says it was revoked (X-7). A reason is required (shown to staff only)."""
    locked = _locked_dokumen(dokumen)
    user = _require_staff(actor, locked.pengajuan)
    alasan = str(alasan or "").strip()
    if not alasan:
        raise ValidationError(gettext("Alasan pencabutan wajib diisi."), code="alasan")
    if locked.diterbitkan_pada is None or locked.dicabut_pada is not None:
        raise ValidationError(
            gettext("Hanya dokumen terbit yang belum dicabut yang dapat dicabut."), code="status"
        )
    now = timezone.now()
    DokumenTerbit.objects.filter(pk=locked.pk, dicabut_pada__isnull=True).update(
        dicabut_pada=now, alasan_cabut=alasan[:300]
    )
    locked.dicabut_pada, locked.alasan_cabut = now, alasan[:300]
    audit_log(
        actor=user,
        action=AuditAction.DOKUMEN_CABUT,
        target=locked,
        summary="Dokumen jadi dicabut",
        details={"kode": locked.pengajuan.kode, "dokumen_id": locked.pk},
    )
    return locked


# --- the applicant's one download (OUT-2) ---------------------------------------------------
def pesan_tidak_bisa_unduh(keadaan: str) -> str:
    """Why a document cannot be downloaded, in the applicant's words."""
    pesan: dict[str, str] = {
        KeadaanDokumen.DIUNDUH: gettext(
            "Dokumen ini sudah pernah diunduh. Dokumen TTE hanya dapat diunduh satu kali; "
            "gunakan Minta Unduh Ulang bila file hilang."
        ),
        KeadaanDokumen.KEDALUWARSA: gettext(
            "Batas waktu unduh dokumen ini sudah lewat (1 minggu sejak terbit). Gunakan "
            "Minta Unduh Ulang untuk meminta Verifikator Dinas menerbitkannya kembali."
        ),
        KeadaanDokumen.DIGANTIKAN: gettext(
            "Dokumen ini sudah diganti dengan terbitan ulang; unduh dokumen yang terbaru."
        ),
        KeadaanDokumen.DICABUT: gettext("Dokumen ini telah dicabut oleh Dinas."),
    }
    return pesan.get(keadaan, gettext("Dokumen ini belum dapat diunduh."))


def dokumen_unduh(*, actor: User, dokumen: DokumenTerbit) -> IO[bytes]:
    """Take the one download of ``dokumen`` and return its open file.

    One conditional ``UPDATE … WHERE diunduh_pada IS NULL AND berlaku_sampai > now``
    (plus issued, not revoked, not superseded) decides: of any number of concurrent
    clicks exactly one changes the row and gets the file; the others get a
    ``ValidationError`` saying why. The caller (the applicant's view) has checked that
    the request is the applicant's.
    """
    now = timezone.now()
    try:
        # Opened first: a missing file must not use up the one download.
        handle = keluaran_storage().open(dokumen.berkas, "rb") if dokumen.berkas else None
    except FileNotFoundError:
        handle = None
    if handle is None:
        raise ValidationError(pesan_tidak_bisa_unduh(dokumen.keadaan(now)), code="berkas")
    try:
        _take_download(actor, dokumen, now)
    except BaseException:
        handle.close()
        raise
    dokumen.diunduh_pada = now
    return handle


@transaction.atomic
def _take_download(actor: User, dokumen: DokumenTerbit, now: datetime) -> None:
    taken = DokumenTerbit.objects.filter(
        pk=dokumen.pk,
        diterbitkan_pada__isnull=False,
        diunduh_pada__isnull=True,
        berlaku_sampai__gt=now,
        dicabut_pada__isnull=True,
        digantikan_oleh__isnull=True,
    ).update(diunduh_pada=now)
    if taken != 1:
        fresh = DokumenTerbit.objects.get(pk=dokumen.pk)
        raise ValidationError(pesan_tidak_bisa_unduh(fresh.keadaan(now)), code="unduh")
    audit_log(
        actor=actor,
        action=AuditAction.DOKUMEN_UNDUH,
        target=dokumen,
        summary="Dokumen jadi diunduh pemohon",
        details={"kode": dokumen.pengajuan.kode, "dokumen_id": dokumen.pk},
    )


@transaction.atomic
def dokumen_minta_unduh_ulang(*, actor: User, dokumen: DokumenTerbit) -> DokumenTerbit:
    """*Minta Unduh Ulang* (X-8): after the one download or after expiry, ask the
    verifier for a new copy. Posts a message into the request's chat as the applicant
    (while the chat is open) and flags the document for the verifier's queue; asking
    again while a request is pending changes nothing."""
    locked = _locked_dokumen(dokumen)
    keadaan = locked.keadaan()
    if keadaan not in {KeadaanDokumen.DIUNDUH, KeadaanDokumen.KEDALUWARSA}:
        raise ValidationError(
            gettext("Minta Unduh Ulang tersedia setelah dokumen diunduh atau kedaluwarsa."),
            code="status",
        )
    if locked.unduh_ulang_diminta_pada is not None:
        return locked
    now = timezone.now()
    DokumenTerbit.objects.filter(pk=locked.pk, unduh_ulang_diminta_pada__isnull=True).update(
        unduh_ulang_diminta_pada=now
    )
    locked.unduh_ulang_diminta_pada = now
    if chat_terbuka(locked.pengajuan.status):
        alasan = (
            gettext("sudah diunduh tetapi file hilang")
            if keadaan == KeadaanDokumen.DIUNDUH
            else gettext("sudah kedaluwarsa sebelum diunduh")
        )
        pesan_kirim(
            actor=actor,
            pengajuan=locked.pengajuan,
            isi=gettext(
                "Mohon diterbitkan ulang dokumen %(nama)s (kode %(kode)s): dokumen %(alasan)s."
            )
            % {"nama": locked.nama, "kode": locked.kode_tampil, "alasan": alasan},
        )
    audit_log(
        actor=actor,
        action=AuditAction.DOKUMEN_MINTA_UNDUH_ULANG,
        target=locked,
        summary="Pemohon meminta unduh ulang",
        details={"kode": locked.pengajuan.kode, "dokumen_id": locked.pk},
    )
    return locked


# --- housekeeping (SEC-3, NOTIF-2) ----------------------------------------------------------
def dokumen_pengingat_kirim(*, now: datetime | None = None) -> int:
    """Remind applicants one day before an issued, not yet downloaded document expires.

    Idempotent: each document is claimed by a conditional ``UPDATE`` of
    ``pengingat_dikirim_pada`` before its message is queued (in one transaction), so a
    second run, or two at once, remind nobody twice. Returns how many were reminded.
    """
    now = now or timezone.now()
    due = DokumenTerbit.objects.filter(
        berlaku_sampai__gt=now,
        berlaku_sampai__lte=now + timedelta(days=1),
        berkas_dihapus_pada__isnull=True,
        diunduh_pada__isnull=True,
        pengingat_dikirim_pada__isnull=True,
        dicabut_pada__isnull=True,
        digantikan_oleh__isnull=True,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            if not DokumenTerbit.objects.filter(pk=pk, pengingat_dikirim_pada__isnull=True).update(
                pengingat_dikirim_pada=now
            ):
                continue
            dokumen = DokumenTerbit.objects.select_related(
                "pengajuan__layanan", "pengajuan__pemohon__user"
            ).get(pk=pk)
            assert dokumen.berlaku_sampai is not None
            _notify(
                dokumen.pengajuan,
                Event.DOKUMEN_AKAN_KEDALUWARSA,
                dokumen.berlaku_sampai,
                dedup_key=f"dokumen-kedaluwarsa:{pk}",
            )
            sent += 1
    return sent


def simpan_hari() -> int:
    """Days an expired document's file is kept before housekeeping removes it."""
    return int(getattr(settings, "KELUARAN_SIMPAN_HARI", DEFAULT_SIMPAN_HARI))


def dokumen_berkas_bersihkan(*, now: datetime | None = None) -> int:
    """Remove the files of documents whose window ended more than :func:`simpan_hari`
    days ago (SEC-3); the rows stay, so the public verification still answers. Returns
    how many documents lost their files."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=simpan_hari())
    removed = 0
    rows = DokumenTerbit.objects.filter(
        berlaku_sampai__lte=cutoff, berkas_dihapus_pada__isnull=True
    ).values_list("pk", "berkas", "sumber")
    for pk, berkas, sumber in list(rows):
        # The original of a reissued document belongs to the new copy as well.
        still_used = (
            bool(sumber)
            and DokumenTerbit.objects.filter(sumber=sumber, berkas_dihapus_pada__isnull=True)
            .exclude(pk=pk)
            .exists()
        )
        if DokumenTerbit.objects.filter(pk=pk, berkas_dihapus_pada__isnull=True).update(
            berkas_dihapus_pada=now, berkas=""
        ):
            pdf_hapus(berkas)
            if not still_used:
                pdf_hapus(sumber)
            removed += 1
    if removed:
        audit_log(
            actor=SYSTEM,
            action=AuditAction.DOKUMEN_BERKAS_HAPUS,
            summary="Berkas dokumen jadi kedaluwarsa dihapus",
            details={"jumlah": removed},
        )
    return removed
