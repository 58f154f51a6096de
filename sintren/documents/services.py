"""Writes of the documents app (DOC-2, DOC-3, DOC-5): upload a file into an applicant's
account, attach it to a request, detach it, and sweep files no row points at.

The upload is sanitised *outside* any transaction (it may take a second), and the
sanitised file and its thumbnail are written durably (:func:`store_atomically`) before
the transaction that inserts the row commits (SEC-5): a crash leaves at most an
unreferenced file, which :func:`berkas_orphan_sweep` removes later.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from sintren.accounts.actors import Actor
from sintren.accounts.models import Pemohon
from sintren.catalog.models import DokumenPersyaratan
from sintren.core.audit import audit_log
from sintren.core.choices import AuditAction
from sintren.documents.models import Berkas, DataDukung
from sintren.documents.storage import (
    TEMP_PREFIX,
    TEMP_SUFFIX,
    private_storage,
    random_name,
    store_atomically,
)
from sintren.documents.validation import BinaryReadable, sanitise_upload
from sintren.pengajuan.models import Pengajuan
from sintren.pengajuan.perbaikan import pesan_dokumen_terkunci
from sintren.pengajuan.selectors import hak_ubah_for

logger = logging.getLogger(__name__)


def _delete_quietly(storage: Storage, *names: str) -> None:
    for name in names:
        try:
            storage.delete(name)
        except OSError:  # the orphan sweeper gets it later
            logger.warning("Could not delete an unused stored file.", exc_info=True)


def berkas_upload(
    *,
    actor: Actor,
    pemohon: Pemohon,
    file: BinaryReadable,
    name: str | None,
    size: int | None,
    tanggal_dokumen: date | None = None,
    lembar: int = 1,
    catatan: str = "",
) -> Berkas:
    """Sanitise an upload and keep it in ``pemohon``'s account; the stored ``Berkas``.

    Raises :class:`sintren.documents.validation.UploadRefused` (nothing stored) when the
    file is refused. The same image uploaded again by the same account gives the
    existing ``Berkas`` (DOC-5) and the files just written are removed.
    """
    clean = sanitise_upload(file, name=name, size=size)  # outside the transaction
    storage = private_storage()
    nama_simpan = store_atomically(storage, random_name(clean.extension), clean.content)
    try:
        thumbnail = store_atomically(storage, random_name(clean.extension), clean.thumbnail)
    except BaseException:
        _delete_quietly(storage, nama_simpan)
        raise
    try:
        berkas, created = _berkas_insert(
            actor=actor,
            pemohon=pemohon,
            values={
                "nama_simpan": nama_simpan,
                "thumbnail": thumbnail,
                "width": clean.width,
                "height": clean.height,
                "tanggal_dokumen": tanggal_dokumen or timezone.localdate(),
                "lembar": lembar,
                "catatan": catatan,
                "peringatan": [str(code) for code in clean.warnings],
            },
            sha256=clean.sha256,
            original_sha256=clean.original_sha256,
        )
    except BaseException:
        _delete_quietly(storage, nama_simpan, thumbnail)
        raise
    if not created:
        _delete_quietly(storage, nama_simpan, thumbnail)
    return berkas


def _berkas_insert(
    *,
    actor: Actor,
    pemohon: Pemohon,
    values: dict[str, Any],
    sha256: str,
    original_sha256: str,
) -> tuple[Berkas, bool]:
    existing = Berkas.objects.filter(pemohon=pemohon, sha256=sha256).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            berkas = Berkas.objects.create(pemohon=pemohon, sha256=sha256, **values)
            audit_log(
                actor=actor,
                action=AuditAction.BERKAS_UNGGAH,
                target=berkas,
                summary="Berkas data dukung diunggah",
                details={
                    "sha256": sha256,
                    "original_sha256": original_sha256,
                    "peringatan": values["peringatan"],
                },
            )
    except IntegrityError:
        # The same image uploaded concurrently by the same account: keep the first.
        existing = Berkas.objects.filter(pemohon=pemohon, sha256=sha256).first()
        if existing is None:
            raise
        return existing, False
    return berkas, True


def _owner_user_id(actor: Actor) -> int | None:
    pk = getattr(actor, "pk", None)
    return pk if isinstance(pk, int) else None


def _locked_for(pengajuan: Pengajuan, dokumen_id: int) -> Pengajuan:
    """The request, row-locked, if the applicant may change the files of document
    ``dokumen_id`` now: any document of a draft, only a marked one in a correction
    (X-2, :func:`sintren.pengajuan.selectors.hak_ubah_for`); else a ``ValidationError``."""
    locked = Pengajuan.objects.select_for_update().get(pk=pengajuan.pk)
    hak = hak_ubah_for(locked)
    if locked.dihapus_pada is not None or not hak.boleh_dokumen(dokumen_id):
        raise ValidationError(pesan_dokumen_terkunci(hak), code="status")
    return locked


@transaction.atomic
def datadukung_attach(
    *, actor: Actor, pengajuan: Pengajuan, dokumen: DokumenPersyaratan, berkas: Berkas
) -> DataDukung:
    """Attach ``berkas`` to ``pengajuan`` as ``dokumen`` while the applicant may change
    that document (a draft, or a document marked for correction).

    The document must be one of the request's service, and the file one of the
    acting applicant's own account. Attaching the same file twice is a no-op.
    """
    locked = _locked_for(pengajuan, dokumen.pk)
    if dokumen.layanan_id != locked.layanan_id:
        raise ValidationError(gettext("Dokumen tidak termasuk persyaratan layanan ini."))
    owner = Pemohon.objects.filter(pk=berkas.pemohon_id).values_list("user_id", flat=True).first()
    if owner is None or owner != _owner_user_id(actor):
        raise ValidationError(gettext("Berkas tidak ditemukan."), code="berkas")
    link, created = DataDukung.objects.get_or_create(
        pengajuan=locked, dokumen=dokumen, berkas=berkas
    )
    if created:
        audit_log(
            actor=actor,
            action=AuditAction.DATADUKUNG_TAMBAH,
            target=locked,
            summary=f"Data dukung ditambahkan pada {locked.kode}",
            details={"dokumen": dokumen.pk, "berkas": berkas.pk},
        )
    return link


@transaction.atomic
def datadukung_detach(*, actor: Actor, pengajuan: Pengajuan, datadukung: DataDukung) -> None:
    """Remove a file from a request while the applicant may change its document (a
    draft, or a document marked for correction); the file stays in the applicant's
    account (*Pilih Dokumen Lama*)."""
    locked = _locked_for(pengajuan, datadukung.dokumen_id)
    if datadukung.pengajuan_id != locked.pk:
        raise ValidationError(gettext("Data dukung tidak ditemukan."), code="datadukung")
    details = {"dokumen": datadukung.dokumen_id, "berkas": datadukung.berkas_id}
    datadukung.delete()
    audit_log(
        actor=actor,
        action=AuditAction.DATADUKUNG_HAPUS,
        target=locked,
        summary=f"Data dukung dihapus dari {locked.kode}",
        details=details,
    )


def _walk(storage: Storage, directory: str = "") -> list[str]:
    directories, files = storage.listdir(directory)
    names = [f"{directory}/{f}" if directory else f for f in files]
    for sub in directories:
        names += _walk(storage, f"{directory}/{sub}" if directory else sub)
    return names


def berkas_orphan_sweep(*, older_than: timedelta = timedelta(hours=1)) -> int:
    """Delete stored files no ``Berkas`` row points at (and left-over temporary
    ``.part`` files), if older than ``older_than``; the number deleted.

    For the hourly housekeeping: an upload writes its files before its row commits, so
    a crash or a refused duplicate may leave files behind. The age keeps the sweep away
    from uploads still in progress.
    """
    storage = private_storage()
    try:
        names = _walk(storage)
    except FileNotFoundError:
        return 0
    cutoff: datetime = timezone.now() - older_than
    deleted = 0
    for name in names:
        base = name.rsplit("/", 1)[-1]
        temporary = base.startswith(TEMP_PREFIX) and base.endswith(TEMP_SUFFIX)
        if not temporary and (
            Berkas.objects.filter(nama_simpan=name).exists()
            or Berkas.objects.filter(thumbnail=name).exists()
        ):
            continue
        try:
            if storage.get_modified_time(name) > cutoff:
                continue
        except (FileNotFoundError, NotImplementedError):
            continue
        _delete_quietly(storage, name)
        deleted += 1
    return deleted
