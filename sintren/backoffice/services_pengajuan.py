"""Writes of the staff's request pages (BO-3): take a request, release it, take it over,
decide on it, and the audit rows of staff looking at a request's data and files.

Status changes go through :func:`sintren.pengajuan.services.pengajuan_transition` (and
:func:`~sintren.pengajuan.services.pengajuan_minta_perbaikan`), which write the history,
the audit row and the applicant's message. What this module adds is who may act:

- only staff of the request's service (a verifier assigned to it, or an admin);
- a request is *taken* (``Pengajuan.petugas``) by one staff member; while it is, only
  that person or an admin decides on it. Taking is one conditional ``UPDATE … WHERE
  petugas IS NULL``: of two verifiers clicking at once exactly one wins.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from sintren.accounts.models import User
from sintren.backoffice.selectors_pengajuan import petugas_boleh_layanan
from sintren.core.audit import audit_log
from sintren.core.choices import AuditAction
from sintren.documents.models import DataDukung
from sintren.pengajuan.choices import STATUS_TERBUKA, StatusPengajuan
from sintren.pengajuan.models import Pengajuan
from sintren.pengajuan.perbaikan import ItemDiminta
from sintren.pengajuan.services import pengajuan_minta_perbaikan, pengajuan_transition

Status = StatusPengajuan

# A request can be taken while it is open on the Dinas's side (not a draft).
BISA_DIAMBIL = frozenset(STATUS_TERBUKA - {Status.DRAF})


def _cakupan(actor: User, pengajuan: Pengajuan) -> None:
    """Refuse anyone who is not staff of the request's service."""
    if not petugas_boleh_layanan(actor, pengajuan.layanan_id):
        raise ValidationError(gettext("Anda tidak menangani layanan pengajuan ini."), code="peran")


def _nama(user: User | None) -> str:
    if user is None:
        return gettext("petugas lain")
    return user.get_full_name() or user.get_username()


def _locked(pengajuan: Pengajuan) -> Pengajuan:
    return (
        Pengajuan.objects.select_for_update(of=("self",))
        .select_related("petugas")
        .get(pk=pengajuan.pk)
    )


def _sync(stale: Pengajuan, fresh: Pengajuan) -> None:
    for field in ("status", "petugas_id", "diperbarui", "dikirim_pada", "jatuh_tempo"):
        setattr(stale, field, getattr(fresh, field))


def _pemegang(actor: User, locked: Pengajuan) -> None:
    """Refuse a decision by a verifier who does not hold the request (admins may)."""
    if actor.role == User.Role.ADMIN or locked.petugas_id == actor.pk:
        return
    if locked.petugas_id is None:
        raise ValidationError(
            gettext("Ambil pengajuan ini terlebih dahulu sebelum memprosesnya."), code="petugas"
        )
    raise ValidationError(
        gettext("Pengajuan ini sedang ditangani oleh %(nama)s.") % {"nama": _nama(locked.petugas)},
        code="petugas",
    )


@transaction.atomic
def pengajuan_ambil(*, actor: User, pengajuan: Pengajuan) -> Pengajuan:
    """*Diproses*: ``actor`` takes the request; a sent one moves to *Diproses*.

    One conditional ``UPDATE … SET petugas = actor WHERE petugas IS NULL``: when two
    staff members take the same request at once, exactly one row is changed and the
    other is refused (code ``petugas``, naming who has it). Taking a request one already
    holds changes nothing. Audited (``pengajuan.ambil``); the status change writes its
    own history, audit row and message.
    """
    _cakupan(actor, pengajuan)
    now = timezone.now()
    won = Pengajuan.objects.filter(
        pk=pengajuan.pk, petugas__isnull=True, status__in=BISA_DIAMBIL
    ).update(petugas=actor, diperbarui=now)
    current = Pengajuan.objects.select_related("petugas").get(pk=pengajuan.pk)
    if not won:
        if current.petugas_id == actor.pk:
            _sync(pengajuan, current)
            return current
        if current.status not in BISA_DIAMBIL:
            raise ValidationError(
                gettext("Pengajuan berstatus %(status)s tidak dapat diambil.")
                % {"status": current.get_status_display()},
                code="status",
            )
        raise ValidationError(
            gettext("Pengajuan ini sudah diambil oleh %(nama)s.")
            % {"nama": _nama(current.petugas)},
            code="petugas",
        )
    audit_log(
        actor=actor,
        action=AuditAction.PENGAJUAN_AMBIL,
        target=current,
        summary="Pengajuan diambil petugas",
        details={"kode": current.kode},
    )
    if current.status == Status.DIKIRIM:
        current = pengajuan_transition(pengajuan=current, to=Status.DIPROSES, actor=actor)
    _sync(pengajuan, current)
    return current


@transaction.atomic
def pengajuan_ambil_alih(*, actor: User, pengajuan: Pengajuan) -> Pengajuan:
    """An admin takes over a request another staff member holds (or nobody does).

    Audited (``pengajuan.ambil_alih``) with the previous holder's id. A sent request
    moves to *Diproses* as with :func:`pengajuan_ambil`.
    """
    if actor.role != User.Role.ADMIN:
        raise ValidationError(
            gettext("Hanya admin yang dapat mengambil alih pengajuan."), code="peran"
        )
    _cakupan(actor, pengajuan)
    locked = _locked(pengajuan)
    if locked.status not in BISA_DIAMBIL:
        raise ValidationError(
            gettext("Pengajuan berstatus %(status)s tidak dapat diambil.")
            % {"status": locked.get_status_display()},
            code="status",
        )
    sebelumnya = locked.petugas_id
    Pengajuan.objects.filter(pk=locked.pk, petugas_id=sebelumnya).update(
        petugas=actor, diperbarui=timezone.now()
    )
    locked.refresh_from_db(fields=["petugas", "diperbarui"])
    audit_log(
        actor=actor,
        action=AuditAction.PENGAJUAN_AMBIL_ALIH,
        target=locked,
        summary="Pengajuan diambil alih admin",
        details={"kode": locked.kode, "sebelumnya": sebelumnya},
    )
    if locked.status == Status.DIKIRIM:
        locked = pengajuan_transition(pengajuan=locked, to=Status.DIPROSES, actor=actor)
    _sync(pengajuan, locked)
    return locked


@transaction.atomic
def pengajuan_lepas(*, actor: User, pengajuan: Pengajuan) -> Pengajuan:
    """Release a taken request (the holder, or an admin): another verifier may take it.

    The status stays. Audited (``pengajuan.lepas``) with the previous holder's id.
    """
    _cakupan(actor, pengajuan)
    locked = _locked(pengajuan)
    if locked.petugas_id is None:
        raise ValidationError(gettext("Pengajuan ini belum diambil siapa pun."), code="petugas")
    _pemegang(actor, locked)
    sebelumnya = locked.petugas_id
    Pengajuan.objects.filter(pk=locked.pk, petugas_id=sebelumnya).update(
        petugas=None, diperbarui=timezone.now()
    )
    locked.refresh_from_db(fields=["petugas", "diperbarui"])
    audit_log(
        actor=actor,
        action=AuditAction.PENGAJUAN_LEPAS,
        target=locked,
        summary="Pengajuan dilepas petugas",
        details={"kode": locked.kode, "sebelumnya": sebelumnya},
    )
    _sync(pengajuan, locked)
    return locked


@transaction.atomic
def pengajuan_tindak(*, actor: User, pengajuan: Pengajuan, to: str, catatan: str = "") -> Pengajuan:
    """A staff decision on a request: *Ditolak* (``catatan``: the reason, required),
    *Dokumen Siap Diambil*, *Selesai* — whatever the transition table allows the
    actor's role from the current status.

    Only the staff member holding the request, or an admin (code ``petugas``); the
    table, the reason, the history, the audit row and the message are
    :func:`pengajuan_transition`'s. A correction goes through
    :func:`pengajuan_perbaikan_minta` (it needs the marked items).
    """
    _cakupan(actor, pengajuan)
    _pemegang(actor, _locked(pengajuan))
    return pengajuan_transition(pengajuan=pengajuan, to=to, actor=actor, catatan=catatan)


@transaction.atomic
def pengajuan_perbaikan_minta(
    *, actor: User, pengajuan: Pengajuan, items: Sequence[ItemDiminta], catatan: str = ""
) -> Pengajuan:
    """*Perlu Perbaikan* with the marked documents and fields (X-2), by the staff member
    holding the request or an admin; see :func:`pengajuan_minta_perbaikan`."""
    _cakupan(actor, pengajuan)
    _pemegang(actor, _locked(pengajuan))
    return pengajuan_minta_perbaikan(actor=actor, pengajuan=pengajuan, items=items, catatan=catatan)


def pengajuan_lihat(*, actor: User, pengajuan: Pengajuan) -> None:
    """Record that a staff member opened a request's personal data (BO-6, UU 27/2022).

    One row per view of the detail page; the target names the request, no personal data.
    """
    audit_log(
        actor=actor,
        action=AuditAction.PENGAJUAN_LIHAT,
        target=pengajuan,
        summary="Data pengajuan dilihat petugas",
        details={"kode": pengajuan.kode},
    )


def berkas_lihat(*, actor: User, pengajuan: Pengajuan, datadukung: DataDukung) -> None:
    """Record that a staff member opened one supporting document's image (BO-6)."""
    audit_log(
        actor=actor,
        action=AuditAction.BERKAS_LIHAT,
        target=pengajuan,
        summary="Berkas data dukung dilihat petugas",
        details={
            "kode": pengajuan.kode,
            "dokumen": datadukung.dokumen_id,
            "berkas": datadukung.berkas_id,
        },
    )


__all__ = [
    "BISA_DIAMBIL",
    "berkas_lihat",
    "pengajuan_ambil",
    "pengajuan_ambil_alih",
    "pengajuan_lepas",
    "pengajuan_lihat",
    "pengajuan_perbaikan_minta",
    "pengajuan_tindak",
]
