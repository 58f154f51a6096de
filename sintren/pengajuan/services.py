"""Writes of the requests app (REQ-2…REQ-8, X-2): create, edit, send, delete, the
correction round trip (ask for a correction item by item, send again), and the one
writer of ``Pengajuan.status``.

Every function here is a service: keyword-only, atomic, audited, and it queues its
notifications in the same transaction. Nothing here logs personal data; audit rows name
the request by its row and code only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from sintren.accounts.actors import SYSTEM, Actor
from sintren.accounts.models import AnggotaGrup, GrupPemohon, Pemohon, User
from sintren.catalog.models import FieldTambahan, Layanan, PilihanDokumenJadi
from sintren.core.audit import audit_log
from sintren.core.choices import AuditAction
from sintren.notifications.choices import Event
from sintren.notifications.services import notifikasi_queue
from sintren.pengajuan.availability import ZONA, kuota_habis_alasan
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.kalender import tanggal_selesai_perkiraan
from sintren.pengajuan.models import (
    ItemPerbaikan,
    KuotaHarian,
    Pengajuan,
    RiwayatStatus,
    UrutanKode,
    subjek_kunci_of,
)
from sintren.pengajuan.perbaikan import (
    HakUbah,
    ItemDiminta,
    catatan_perbaikan,
    kunci_tambahan,
    nama_tambahan,
    periksa_items,
)
from sintren.pengajuan.selectors import (
    berkas_terlampir,
    dokumen_perbaikan_kurang,
    dokumen_wajib_kurang,
    field_wajib_kurang,
    hak_ubah_for,
    item_perbaikan_terbuka,
    ketersediaan_layanan,
    label_sumber,
    pengajuan_terbuka_kode,
)
from sintren.pengajuan.workflow import NEEDS_NOTE, STAFF, in_correction, may_transition

Status = StatusPengajuan

# The request's own fields a form fills (``data`` of create and update).
DATA_FIELDS = (
    "subjek_nik",
    "subjek_nama",
    "subjek_nomor_kk",
    "nomor_hp",
    "email",
    "detail",
    "data_tambahan",
)
KODE_DIGITS = 4


# --- the one writer of Pengajuan.status (REQ-8) ------------------------------------------
@dataclass(frozen=True)
class _Effect:
    action: AuditAction
    summary: str
    event: Event | None


_EFFECTS: dict[str, _Effect] = {
    Status.DIKIRIM: _Effect(
        AuditAction.PENGAJUAN_KIRIM, "Pengajuan dikirim", Event.PENGAJUAN_DIKIRIM
    ),
    Status.DIHAPUS: _Effect(AuditAction.PENGAJUAN_HAPUS, "Draf pengajuan dihapus", None),
    Status.DIPROSES: _Effect(
        AuditAction.PENGAJUAN_PROSES, "Pengajuan diproses", Event.PENGAJUAN_STATUS
    ),
    Status.PERBAIKAN: _Effect(
        AuditAction.PENGAJUAN_PERBAIKAN, "Pengajuan perlu perbaikan", Event.PENGAJUAN_PERBAIKAN
    ),
    Status.DITOLAK: _Effect(
        AuditAction.PENGAJUAN_TOLAK, "Pengajuan ditolak", Event.PENGAJUAN_STATUS
    ),
    Status.TERBIT: _Effect(
        AuditAction.PENGAJUAN_TERBIT, "Dokumen pengajuan terbit", Event.PENGAJUAN_STATUS
    ),
    Status.SIAP_DIAMBIL: _Effect(
        AuditAction.PENGAJUAN_SIAP_DIAMBIL, "Dokumen siap diambil", Event.PENGAJUAN_STATUS
    ),
    Status.SELESAI: _Effect(
        AuditAction.PENGAJUAN_SELESAI, "Pengajuan selesai", Event.PENGAJUAN_STATUS
    ),
}
# *Kirim Ulang*: the same status as a first sending, its own message.
_KIRIM_ULANG = _Effect(
    AuditAction.PENGAJUAN_KIRIM,
    "Pengajuan dikirim ulang setelah perbaikan",
    Event.PENGAJUAN_DIKIRIM_ULANG,
)


def _role(actor: Actor) -> str:
    return str(getattr(actor, "role", SYSTEM.role))


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


def _status_error(pengajuan: Pengajuan) -> ValidationError:
    return ValidationError(
        gettext("Pengajuan ini berstatus %(status)s; tindakan ini tidak dapat dilakukan.")
        % {"status": pengajuan.get_status_display()},
        code="status",
    )


def _locked(pengajuan: Pengajuan) -> Pengajuan:
    return (
        Pengajuan.objects.select_for_update(of=("self",))
        .select_related("layanan", "pemohon__user", "grup__wilayah")
        .get(pk=pengajuan.pk)
    )


def _refresh(stale: Pengajuan, fresh: Pengajuan) -> None:
    """Let the caller's instance see the new state."""
    for field in (*DATA_FIELDS, "subjek_kunci", "status", "diperbarui", "dikirim_pada"):
        setattr(stale, field, getattr(fresh, field))
    for field in ("jatuh_tempo", "petugas_id"):
        setattr(stale, field, getattr(fresh, field))
    for field in ("dihapus_pada", "pilihan_dokumen_id", "persetujuan"):
        setattr(stale, field, getattr(fresh, field))


def _notify(pengajuan: Pengajuan, event: Event, catatan: str) -> None:
    pemohon = pengajuan.pemohon
    # The contact of a group request may be the subject's family, not the member.
    nama = pemohon.nama_lengkap if pengajuan.nomor_hp == pemohon.nomor_hp else pengajuan.subjek_nama
    notifikasi_queue(
        event=event,
        context={
            "nama": nama,
            "kode_pengajuan": pengajuan.kode,
            "layanan": pengajuan.layanan.nama,
            "status": pengajuan.get_status_display(),
            "catatan": catatan,
            "pengajuan_url": reverse("pengajuan:detail", kwargs={"kode": pengajuan.kode}),
        },
        phone=pengajuan.nomor_hp,
        email=pengajuan.email or None,
        user=pemohon.user,
    )


@transaction.atomic
def pengajuan_transition(
    *,
    pengajuan: Pengajuan,
    to: str,
    actor: Actor,
    catatan: str = "",
    perbaikan: Sequence[ItemDiminta] = (),
) -> Pengajuan:
    """Move a request to status ``to``: the only code that writes ``Pengajuan.status``.

    Locks the row, checks :data:`sintren.pengajuan.workflow.TRANSITIONS` for the actor's
    role, sets the fields the new status implies (``dikirim_pada``, ``dihapus_pada``),
    appends the :class:`RiwayatStatus` row, writes the audit row and queues the
    applicant's notification (none for deleting one's own draft), all in one
    transaction. A rejection needs ``catatan``. A correction (*Perlu Perbaikan*) needs
    the marked items in ``perbaikan`` (X-2; see :func:`pengajuan_minta_perbaikan`):
    they are checked against the request's service, written with the history row, and
    listed in its note; leaving a correction closes them. Refuses with a
    ``ValidationError`` (code ``status``, ``catatan`` or ``item``) and changes nothing
    otherwise. Returns the locked, updated row; the caller's ``pengajuan`` is refreshed.
    """
    locked = _locked(pengajuan)
    if not may_transition(locked.status, to, _role(actor)):
        raise _status_error(locked)
    catatan = str(catatan or "").strip()
    items: list[ItemPerbaikan] = []
    if to == Status.PERBAIKAN:
        items, catatan = _perbaikan_items(locked, perbaikan, catatan)
    elif perbaikan:
        raise ValidationError(
            gettext("Item perbaikan hanya dapat diberikan saat meminta perbaikan."), code="item"
        )
    if to in NEEDS_NOTE and not catatan:
        raise ValidationError(gettext("Catatan untuk pemohon wajib diisi."), code="catatan")
    asal = locked.status
    now = timezone.now()
    stamps: dict[str, Any] = {"diperbarui": now}
    if to == Status.DIKIRIM:
        stamps["dikirim_pada"] = now
        # the due date is counted from each sending (also Kirim Ulang) and stored,
        # so the staff queue sorts overdue requests first on an index.
        stamps["jatuh_tempo"] = tanggal_selesai_perkiraan(locked.layanan, now)
    elif to == Status.DIHAPUS:
        stamps["dihapus_pada"] = now
    # Under the row lock the condition always holds; it keeps the write conditional.
    current = Pengajuan.objects.filter(pk=locked.pk, status=locked.status)
    if not current.update(status=to, **stamps):
        raise _status_error(locked)  # pragma: no cover - the lock rules it out
    locked.refresh_from_db(fields=["status", *stamps])
    riwayat = RiwayatStatus.objects.create(
        pengajuan=locked, status=to, oleh=_user(actor), catatan=catatan, pada=now
    )
    details: dict[str, Any] = {"kode": locked.kode, "status": to}
    if items:
        for item in items:
            item.pengajuan, item.riwayat, item.dibuat = locked, riwayat, now
        ItemPerbaikan.objects.bulk_create(items)
        details["item"] = [item.field or f"dokumen:{item.dokumen_id}" for item in items]
    if in_correction(asal):
        ItemPerbaikan.objects.filter(pengajuan=locked, selesai_pada__isnull=True).update(
            selesai_pada=now
        )
    resend = in_correction(asal) and to == Status.DIKIRIM
    effect = _KIRIM_ULANG if resend else _EFFECTS[to]
    audit_log(
        actor=actor, action=effect.action, target=locked, summary=effect.summary, details=details
    )
    if effect.event is not None:
        _notify(locked, effect.event, catatan)
    _refresh(pengajuan, locked)
    return locked


# --- correction items (X-2) ----------------------------------------------------------------
def _perbaikan_items(
    locked: Pengajuan, diminta: Sequence[ItemDiminta], umum: str
) -> tuple[list[ItemPerbaikan], str]:
    """The rows of a correction request (unsaved) and the note listing them; a
    ``ValidationError`` from :func:`perbaikan.periksa_items` if any item is wrong."""
    dokumen, tambahan = label_sumber(locked.layanan_id)
    sah = periksa_items(
        diminta, dokumen=dokumen, tambahan=tambahan, mode_pribadi=locked.grup_id is None
    )
    terlampir = berkas_terlampir(locked)
    rows = [
        ItemPerbaikan(
            jenis=item.jenis,
            dokumen_id=item.dokumen_id,
            field=item.field,
            catatan=item.catatan,
            berkas_sebelumnya=sorted(terlampir.get(item.dokumen_id, set()))
            if item.dokumen_id is not None
            else [],
        )
        for item in sah
    ]
    return rows, catatan_perbaikan(umum, [(item.label, item.catatan) for item in sah])


def pengajuan_minta_perbaikan(
    *,
    actor: Actor,
    pengajuan: Pengajuan,
    items: Sequence[ItemDiminta],
    catatan: str = "",
) -> Pengajuan:
    """Send a request back for correction (*Perlu Perbaikan*), marking exactly what is
    wrong (X-2): the documents and fields in ``items``, each with its note.

    Staff only (a verifier or admin), from *Diproses*. Every item must be a document of
    the request's service or one of its fields the applicant can change (in the
    personal mode the KK, phone and email follow the account and cannot be marked); at
    least one item, a note on each. The items, the status, the history row (its note:
    ``catatan`` and the items in plain words), the audit row and the message to the
    applicant are written in one transaction by :func:`pengajuan_transition`. Refused
    with a ``ValidationError`` listing every problem, nothing changed.
    """
    if _role(actor) not in STAFF:
        raise ValidationError(
            gettext("Hanya petugas Dinas yang dapat meminta perbaikan."), code="status"
        )
    return pengajuan_transition(
        pengajuan=pengajuan, to=Status.PERBAIKAN, actor=actor, catatan=catatan, perbaikan=items
    )


# --- quota and code (REQ-2, REQ-4) ---------------------------------------------------------
def kuota_take(*, layanan: Layanan, hari: date) -> bool:
    """Take one of ``layanan``'s slots of ``hari``; ``False`` if the day's cap is reached.

    Call it inside the creating transaction: the slot is given back if the creation
    fails. The day's row is created first if missing (a concurrent creator may win
    that race: ignored), then one conditional ``UPDATE … SET terpakai = terpakai + 1
    WHERE terpakai < cap`` decides, so N concurrent creators can never take more than
    the cap. Services without a cap (``kuota_harian`` 0) are counted too.
    """
    rows = KuotaHarian.objects.filter(layanan=layanan, tanggal=hari)
    if not rows.exists():
        KuotaHarian.objects.bulk_create(
            [KuotaHarian(layanan=layanan, tanggal=hari)], ignore_conflicts=True
        )
    if layanan.kuota_harian > 0:
        rows = rows.filter(terpakai__lt=layanan.kuota_harian)
    return rows.update(terpakai=F("terpakai") + 1) == 1


def kode_prefix(layanan: Layanan) -> str:
    """The service code and the regency's digits, e.g. ``AKL3326`` (REQ-4)."""
    regency = "".join(ch for ch in str(settings.SINTREN["REGENCY_CODE"]) if ch.isdigit())
    return f"{layanan.kode}{regency}"


def kode_next(*, layanan: Layanan) -> str:
    """The next request code of ``layanan``, e.g. ``AKL33260001`` (four digits, growing).

    Call it inside the creating transaction: the ``UPDATE`` of the counter holds its row
    until the transaction ends, so a concurrent creator waits and reads the next value;
    a failed creation gives the number back.
    """
    kunci = kode_prefix(layanan)
    rows = UrutanKode.objects.filter(kunci=kunci)
    if not rows.exists():
        UrutanKode.objects.bulk_create([UrutanKode(kunci=kunci)], ignore_conflicts=True)
    rows.update(nilai=F("nilai") + 1)
    nilai = rows.values_list("nilai", flat=True).get()
    return f"{kunci}{nilai:0{KODE_DIGITS}d}"


# --- subject rules (ACC-7, X-6) ---------------------------------------------------------
def _duplikat_error(kode: str) -> ValidationError:
    """X-6: the open request's code travels in ``params``; the page links it if allowed."""
    return ValidationError(
        gettext(
            "Sudah ada pengajuan layanan ini untuk subjek yang sama yang masih berjalan. "
            "Selesaikan pengajuan tersebut terlebih dahulu."
        ),
        code="duplikat",
        params={"kode": kode},
    )


def _in_scope(grup: GrupPemohon, nomor_kk: str) -> bool:
    """Whether a family card lies in the group's region (checked to district level).

    A KK's first six digits are its district; a group scoped to a province or regency
    must match as far as its code goes, a village group at least its district.
    """
    digits = "".join(ch for ch in grup.wilayah.code if ch.isdigit())[:6]
    return nomor_kk.startswith(digits)


def _subject_data(
    *, pemohon: Pemohon, grup: GrupPemohon | None, layanan: Layanan, data: dict[str, Any]
) -> dict[str, Any]:
    """The request's data after the mode's rules (ACC-7), or a ``ValidationError``.

    Personal mode: only subjects of the applicant's own family card, and the phone and
    email are the account's. Group mode: any subject within the group's region.
    """
    clean = {field: data.get(field) for field in DATA_FIELDS}
    clean["subjek_nik"] = clean["subjek_nik"] or ""
    clean["email"] = clean["email"] or ""
    clean["data_tambahan"] = dict(clean["data_tambahan"] or {})
    if layanan.subjek_perlu_nik and not clean["subjek_nik"]:
        raise ValidationError(gettext("NIK wajib diisi untuk layanan ini."), code="nik")
    if grup is None:
        if clean["subjek_nomor_kk"] != pemohon.nomor_kk:
            raise ValidationError(
                gettext(
                    "Dalam mode Pemohon Pribadi pengajuan hanya untuk anggota keluarga "
                    "dalam Kartu Keluarga Anda sendiri."
                ),
                code="kk",
            )
        clean["nomor_hp"], clean["email"] = pemohon.nomor_hp, pemohon.email
    elif not _in_scope(grup, str(clean["subjek_nomor_kk"])):
        raise ValidationError(
            gettext("Nomor KK berada di luar wilayah grup %(grup)s.") % {"grup": grup.label},
            code="wilayah",
        )
    return clean


def _kunci(clean: dict[str, Any]) -> str:
    return subjek_kunci_of(
        nik=clean["subjek_nik"], nomor_kk=clean["subjek_nomor_kk"], nama=clean["subjek_nama"]
    )


def _require_member(pemohon: Pemohon, grup: GrupPemohon | None) -> None:
    if grup is None:
        return
    member = AnggotaGrup.objects.filter(
        grup=grup, pemohon=pemohon, aktif=True, grup__aktif=True
    ).exists()
    if not member:
        raise ValidationError(gettext("Anda bukan (lagi) anggota aktif grup ini."), code="grup")


def _save_guarded(pengajuan: Pengajuan, *, create: bool) -> None:
    """Insert, or update the request's data; the partial unique constraint is the last
    word on duplicates (X-6). An update never touches the status."""
    fields = None if create else [*DATA_FIELDS, "subjek_kunci", "diperbarui"]
    try:
        with transaction.atomic():
            pengajuan.save(force_insert=create, update_fields=fields)
    except IntegrityError:
        kode = pengajuan_terbuka_kode(
            layanan=pengajuan.layanan,
            subjek_kunci=pengajuan.subjek_kunci,
            kecuali=None if create else pengajuan.pk,
        )
        if kode is None:
            raise
        raise _duplikat_error(kode) from None


# --- create (REQ-2, REQ-3, REQ-4) ----------------------------------------------------------
def pengajuan_create(
    *,
    actor: Actor,
    pemohon: Pemohon,
    grup: GrupPemohon | None,
    layanan: Layanan,
    data: dict[str, Any],
) -> Pengajuan:
    """Create a draft request (*Proses Pengajuan*) and take a slot of today's quota.

    ``grup`` is the group of the current mode (``None``: personal mode); ``data`` holds
    :data:`DATA_FIELDS` from the validated form. Refused with a ``ValidationError``
    when the service is not available now (code: the rule, e.g. ``kuota``, ``jadwal``;
    the message is the reason), when the mode's subject rules fail, or when the subject
    already has an open request for the service (code ``duplikat``, the open one's code
    in ``params["kode"]``). Quota slot, code, request, history and audit row are written
    in one transaction: a refusal takes nothing.
    """
    _require_member(pemohon, grup)
    clean = _subject_data(pemohon=pemohon, grup=grup, layanan=layanan, data=data)
    kunci = _kunci(clean)
    kode = pengajuan_terbuka_kode(layanan=layanan, subjek_kunci=kunci)
    if kode is not None:
        raise _duplikat_error(kode)
    now = timezone.now()
    status = ketersediaan_layanan(
        layanan, mode_grup=grup is not None, sekarang=now, grup_id=grup.pk if grup else None
    )
    if not status.tersedia:
        raise ValidationError(status.alasan, code=status.sebab)
    return _pengajuan_insert(
        actor=actor, pemohon=pemohon, grup=grup, layanan=layanan, clean=clean, kunci=kunci
    )


@transaction.atomic
def _pengajuan_insert(
    *,
    actor: Actor,
    pemohon: Pemohon,
    grup: GrupPemohon | None,
    layanan: Layanan,
    clean: dict[str, Any],
    kunci: str,
) -> Pengajuan:
    now = timezone.now()
    if not kuota_take(layanan=layanan, hari=now.astimezone(ZONA).date()):
        raise ValidationError(kuota_habis_alasan(layanan.nama), code="kuota")
    pengajuan = Pengajuan(
        kode=kode_next(layanan=layanan),
        layanan=layanan,
        pemohon=pemohon,
        grup=grup,
        subjek_kunci=kunci,
        status=Status.DRAF,
        dibuat=now,
        **clean,
    )
    _save_guarded(pengajuan, create=True)
    RiwayatStatus.objects.create(
        pengajuan=pengajuan, status=Status.DRAF, oleh=_user(actor), pada=now
    )
    audit_log(
        actor=actor,
        action=AuditAction.PENGAJUAN_BUAT,
        target=pengajuan,
        summary="Pengajuan baru dibuat",
        details={"kode": pengajuan.kode, "layanan": layanan.kode},
    )
    return pengajuan


# --- edit (REQ-5) -------------------------------------------------------------------------
_OWN_FIELDS = tuple(field for field in DATA_FIELDS if field != "data_tambahan")


def _allowed_data(
    locked: Pengajuan, hak: HakUbah, data: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """``data`` with every field the applicant may not change put back to the stored
    value (X-2: a forged form cannot change an unmarked field), and the names of the
    fields whose posted value was dropped that way."""
    if hak.semua:
        return data, []
    allowed: dict[str, Any] = {field: getattr(locked, field) for field in _OWN_FIELDS}
    dropped: list[str] = []
    for field in _OWN_FIELDS:
        if field not in data:
            continue
        if hak.boleh_field(field):
            allowed[field] = data[field]
        elif data[field] != allowed[field]:
            dropped.append(field)
    tambahan = dict(locked.data_tambahan or {})
    for nama, value in dict(data.get("data_tambahan") or {}).items():
        if hak.boleh_field(kunci_tambahan(nama)):
            tambahan[nama] = value
        elif value != tambahan.get(nama):
            dropped.append(kunci_tambahan(nama))
    allowed["data_tambahan"] = tambahan
    return allowed, dropped


@transaction.atomic
def pengajuan_update(*, actor: Actor, pengajuan: Pengajuan, data: dict[str, Any]) -> Pengajuan:
    """Change a request's data (*Edit Pengajuan*): everything in a draft; in a
    correction (*Perlu Perbaikan*) only the fields the verifier marked (X-2).

    Values posted for any other field are ignored (the stored value stays; the audit
    row names them under ``diabaikan``). The mode's rules are those the request was made
    in (its ``grup``). Refused with a ``ValidationError`` (code ``status`` when no field
    may be changed, ``duplikat``, or a subject rule's) and nothing changed.
    """
    locked = _locked(pengajuan)
    hak = hak_ubah_for(locked)
    if not hak.ada_field:
        raise _status_error(locked)
    data, dropped = _allowed_data(locked, hak, data)
    clean = _subject_data(
        pemohon=locked.pemohon, grup=locked.grup, layanan=locked.layanan, data=data
    )
    for field in _OWN_FIELDS:  # the personal mode's account values only where allowed
        if not hak.boleh_field(field):
            clean[field] = getattr(locked, field)
    changed = sorted(field for field in DATA_FIELDS if getattr(locked, field) != clean[field])
    for field, value in clean.items():
        setattr(locked, field, value)
    locked.subjek_kunci = _kunci(clean)
    _save_guarded(locked, create=False)
    details: dict[str, Any] = {"kode": locked.kode, "diubah": changed}
    if dropped:
        details["diabaikan"] = sorted(dropped)
    audit_log(
        actor=actor,
        action=AuditAction.PENGAJUAN_UBAH,
        target=locked,
        summary="Data pengajuan diubah",
        details=details,
    )
    _refresh(pengajuan, locked)
    return locked


# --- delete a draft (REQ-7) ---------------------------------------------------------------
def pengajuan_delete(*, actor: Actor, pengajuan: Pengajuan) -> Pengajuan:
    """Delete a draft: status *Dihapus* and ``dihapus_pada`` (the row stays for audit)."""
    return pengajuan_transition(pengajuan=pengajuan, to=Status.DIHAPUS, actor=actor)


# --- send (REQ-6) -------------------------------------------------------------------------
def _kurang(pengajuan: Pengajuan, persetujuan: bool) -> list[str]:
    """What keeps the request from being sent, as sentences for the applicant."""
    missing = [
        gettext("Data Tambahan belum diisi: %(label)s.") % {"label": label}
        for label in field_wajib_kurang(pengajuan)
    ]
    missing += [
        gettext("Data Dukung wajib belum diunggah: %(nama)s.") % {"nama": nama}
        for nama in dokumen_wajib_kurang(pengajuan)
    ]
    if not persetujuan:
        missing.append(gettext("Persetujuan Pengajuan Pelayanan belum dicentang."))
    return missing


@transaction.atomic
def pengajuan_send(
    *,
    actor: Actor,
    pengajuan: Pengajuan,
    pilihan_dokumen: PilihanDokumenJadi | None,
    persetujuan: bool,
) -> Pengajuan:
    """*Kirim Pengajuan*: save the output choice and consent, then status *Pengajuan Dikirim*.

    ``pilihan_dokumen`` ``None`` is *Otomatis* (the verifier decides). Refused with a
    ``ValidationError`` listing everything missing (code ``kurang``: required extra
    fields, mandatory documents, the consent), or code ``status`` when the request
    cannot be sent from its status; nothing is changed then.
    """
    locked = _locked(pengajuan)
    if not may_transition(locked.status, Status.DIKIRIM, _role(actor)):
        raise _status_error(locked)
    if in_correction(locked.status):
        raise ValidationError(
            gettext(
                "Pengajuan ini perlu perbaikan: perbaiki yang ditandai petugas, lalu tekan "
                "Kirim Ulang."
            ),
            code="status",
        )
    if pilihan_dokumen is not None and pilihan_dokumen.layanan_id != locked.layanan_id:
        raise ValidationError(gettext("Pilihan Dokumen Jadi tidak valid."), code="pilihan")
    missing = _kurang(locked, persetujuan)
    if missing:
        raise ValidationError([ValidationError(item, code="kurang") for item in missing])
    locked.pilihan_dokumen = pilihan_dokumen
    locked.persetujuan = True
    locked.save(update_fields=["pilihan_dokumen", "persetujuan", "diperbarui"])
    sent = pengajuan_transition(pengajuan=locked, to=Status.DIKIRIM, actor=actor)
    _refresh(pengajuan, sent)
    return sent


# --- send again after a correction (REQ-8, X-2) -----------------------------------------
def _perbaikan_kurang(locked: Pengajuan) -> list[str]:
    """What keeps a corrected request from being sent again, as sentences: marked
    documents without a new file, marked required extra fields left empty."""
    missing = [
        gettext(
            "Data Dukung %(nama)s belum diganti. Unggah dokumen pengganti melalui Tambah Dokumen."
        )
        % {"nama": nama}
        for nama in dokumen_perbaikan_kurang(locked)
    ]
    marked = {
        nama
        for item in item_perbaikan_terbuka(locked)
        if (nama := nama_tambahan(item.field)) is not None
    }
    answers = locked.data_tambahan or {}
    wajib = FieldTambahan.objects.filter(
        layanan_id=locked.layanan_id, wajib=True, nama__in=marked
    ).order_by("urutan", "id")
    missing += [
        gettext("Data Tambahan belum diisi: %(label)s.") % {"label": field.label}
        for field in wajib
        if answers.get(field.nama) in (None, "")
    ]
    return missing


@transaction.atomic
def pengajuan_kirim_ulang(*, actor: Actor, pengajuan: Pengajuan) -> Pengajuan:
    """*Kirim Ulang*: a corrected request goes back to *Pengajuan Dikirim* (REQ-8, X-2).

    Only from *Perlu Perbaikan*, by the applicant. Refused while a marked document has
    no file other than those it had when the correction was asked (the applicant must
    upload or pick a replacement; removing the old file alone is not enough) or a
    marked required extra field is empty: a ``ValidationError`` listing them all
    (code ``kurang``), nothing changed. On success the correction's items are closed,
    and the history row, audit row and message (``pengajuan_dikirim_ulang``) are
    written by :func:`pengajuan_transition`. The row lock makes a second, concurrent
    *Kirim Ulang* find the request already sent (code ``status``).
    """
    locked = _locked(pengajuan)
    if not in_correction(locked.status) or not may_transition(
        locked.status, Status.DIKIRIM, _role(actor)
    ):
        raise _status_error(locked)
    missing = _perbaikan_kurang(locked)
    if missing:
        raise ValidationError([ValidationError(item, code="kurang") for item in missing])
    sent = pengajuan_transition(
        pengajuan=locked,
        to=Status.DIKIRIM,
        actor=actor,
        catatan=gettext("Dikirim ulang setelah perbaikan."),
    )
    _refresh(pengajuan, sent)
    return sent


__all__ = [
    "DATA_FIELDS",
    "kode_next",
    "kode_prefix",
    "kuota_take",
    "pengajuan_create",
    "pengajuan_delete",
    "pengajuan_kirim_ulang",
    "pengajuan_minta_perbaikan",
    "pengajuan_send",
    "pengajuan_transition",
    "pengajuan_update",
]
