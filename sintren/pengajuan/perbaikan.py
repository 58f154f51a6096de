"""What the applicant may change in a request (REQ-5, REQ-8, X-2), as plain rules.

In a draft, everything. While a verifier's correction is open (*Perlu Perbaikan*), only
the documents and fields the verifier marked: everything else stays as it was, so the
applicant neither starts a new request nor uploads the rest again. In any other status,
nothing. Every page and service that asks "may the applicant change this?" asks a
:class:`HakUbah` built by :func:`hak_ubah` from the status and the open correction
items (:func:`sintren.pengajuan.selectors.hak_ubah_for` loads them). No database here.

A correction item names a document by its ``DokumenPersyaratan`` id, or a field by a
key: one of the request's own fields (:data:`FIELD_LABELS`), or an extra field of the
service as ``tambahan_<nama>`` — the same names the request form gives its inputs, so
the form, the service and the page speak of a field in one way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from sintren.pengajuan.choices import JenisItemPerbaikan
from sintren.pengajuan.workflow import EDITABLE, EDITABLE_MARKED

Jenis = JenisItemPerbaikan

# The request's own fields the applicant fills, by key, with the labels of the form.
FIELD_LABELS: dict[str, Promise] = {
    "subjek_nik": gettext_lazy("NIK"),
    "subjek_nama": gettext_lazy("Nama Lengkap"),
    "subjek_nomor_kk": gettext_lazy("Nomor KK"),
    "nomor_hp": gettext_lazy("Nomor HP (WhatsApp)"),
    "email": gettext_lazy("Email"),
    "detail": gettext_lazy("Detail Permohonan"),
}
# In the personal mode these follow the applicant's account (ACC-7): the request cannot
# change them, so a correction cannot ask for it.
FIELD_AKUN = frozenset({"subjek_nomor_kk", "nomor_hp", "email"})
PREFIX_TAMBAHAN = "tambahan_"


def kunci_tambahan(nama: str) -> str:
    """The key of the service's extra field ``nama`` (the form's input name)."""
    return PREFIX_TAMBAHAN + nama


def nama_tambahan(kunci: str) -> str | None:
    """The extra field's ``nama`` of ``kunci``; ``None`` for the request's own fields."""
    if kunci.startswith(PREFIX_TAMBAHAN):
        return kunci[len(PREFIX_TAMBAHAN) :] or None
    return None


class ItemTanda(Protocol):
    """What the rules read of a marked item (an ``ItemPerbaikan`` or an ``ItemDiminta``)."""

    @property
    def jenis(self) -> str: ...

    @property
    def dokumen_id(self) -> int | None: ...

    @property
    def field(self) -> str: ...


@dataclass(frozen=True)
class ItemDiminta:
    """One document or field a verifier marks, with its note to the applicant: the input
    of :func:`sintren.pengajuan.services.pengajuan_minta_perbaikan`."""

    jenis: str
    catatan: str
    dokumen_id: int | None = None
    field: str = ""

    @classmethod
    def untuk_dokumen(cls, dokumen_id: int, catatan: str) -> ItemDiminta:
        """A supporting document of the service (``DokumenPersyaratan`` id)."""
        return cls(jenis=Jenis.DOKUMEN, catatan=catatan, dokumen_id=dokumen_id)

    @classmethod
    def untuk_data(cls, field: str, catatan: str) -> ItemDiminta:
        """One of the request's own fields (a key of :data:`FIELD_LABELS`)."""
        return cls(jenis=Jenis.DATA, catatan=catatan, field=field)

    @classmethod
    def untuk_tambahan(cls, nama: str, catatan: str) -> ItemDiminta:
        """An extra field of the service, by its ``nama``."""
        return cls(jenis=Jenis.DATA, catatan=catatan, field=kunci_tambahan(nama))


@dataclass(frozen=True)
class HakUbah:
    """What the applicant may change in one request now.

    ``semua``: everything (a draft). Otherwise only the field keys in ``fields`` and
    the documents (``DokumenPersyaratan`` ids) in ``dokumen``; both empty: nothing.
    """

    semua: bool = False
    fields: frozenset[str] = frozenset()
    dokumen: frozenset[int] = frozenset()

    def boleh_field(self, kunci: str) -> bool:
        """Whether the field ``kunci`` may be changed."""
        return self.semua or kunci in self.fields

    def boleh_dokumen(self, dokumen_id: int) -> bool:
        """Whether files may be added to or removed from document ``dokumen_id``."""
        return self.semua or dokumen_id in self.dokumen

    @property
    def ada_field(self) -> bool:
        """Whether any field may be changed (the *Edit Pengajuan* page is open)."""
        return self.semua or bool(self.fields)

    @property
    def ada_dokumen(self) -> bool:
        """Whether any document's files may be changed."""
        return self.semua or bool(self.dokumen)


TIDAK_ADA = HakUbah()


def hak_ubah(status: str, items: Iterable[ItemTanda] = ()) -> HakUbah:
    """The applicant's rights on a request in ``status`` with the open ``items``.

    ``items`` matter only while a correction is open; pass the open (unresolved) items
    of the request's latest correction.
    """
    if status in EDITABLE:
        return HakUbah(semua=True)
    if status not in EDITABLE_MARKED:
        return TIDAK_ADA
    marked = list(items)
    return HakUbah(
        fields=frozenset(i.field for i in marked if i.jenis == Jenis.DATA and i.field),
        dokumen=frozenset(
            i.dokumen_id for i in marked if i.jenis == Jenis.DOKUMEN and i.dokumen_id is not None
        ),
    )


def label_item(item: ItemTanda, *, dokumen: Mapping[int, str], tambahan: Mapping[str, str]) -> str:
    """The item in plain words: "Data Dukung KTP Ayah", "Nama Lengkap", "Nama bayi".

    ``dokumen`` maps document ids to names, ``tambahan`` extra field names to labels;
    something no longer in the catalogue is named by what is stored.
    """
    if item.jenis == Jenis.DOKUMEN:
        nama = dokumen.get(item.dokumen_id or 0, str(item.dokumen_id))
        return gettext("Data Dukung %(nama)s") % {"nama": nama}
    extra = nama_tambahan(item.field)
    if extra is not None:
        return tambahan.get(extra, extra)
    return str(FIELD_LABELS.get(item.field, item.field))


def catatan_perbaikan(umum: str, items: Iterable[tuple[str, str]]) -> str:
    """The note of a correction request for the history and the message: the verifier's
    general note (if any), then one line per marked item (label, note)."""
    lines = [umum.strip()] if umum.strip() else []
    lines.append(gettext("Yang perlu diperbaiki:"))
    lines += [f"- {label}: {catatan}" for label, catatan in items]
    return "\n".join(lines)


@dataclass(frozen=True)
class ItemSah:
    """A checked item of a correction request: what to store, and its label."""

    jenis: str
    dokumen_id: int | None
    field: str
    catatan: str
    label: str


def _alasan_tolak(
    item: ItemDiminta,
    label: str,
    *,
    dokumen: Mapping[int, str],
    tambahan: Mapping[str, str],
    mode_pribadi: bool,
) -> str | None:
    """Why ``item`` cannot be marked on this request, or ``None`` when it can."""
    if item.jenis == Jenis.DOKUMEN:
        if item.dokumen_id is None or item.dokumen_id not in dokumen:
            return gettext("Dokumen yang ditandai bukan persyaratan layanan ini.")
        return None
    if item.jenis != Jenis.DATA:
        return gettext("Jenis item perbaikan tidak dikenal.")
    if item.field in FIELD_LABELS:
        if mode_pribadi and item.field in FIELD_AKUN:
            return gettext(
                "%(label)s mengikuti data akun pemohon (mode Pemohon Pribadi) dan tidak "
                "dapat diperbaiki pada pengajuan."
            ) % {"label": label}
        return None
    if nama_tambahan(item.field) in tambahan:
        return None
    return gettext("Data “%(field)s” tidak ada pada pengajuan layanan ini.") % {"field": item.field}


def periksa_items(
    diminta: Iterable[ItemDiminta],
    *,
    dokumen: Mapping[int, str],
    tambahan: Mapping[str, str],
    mode_pribadi: bool,
) -> list[ItemSah]:
    """Check the items of a correction request against the request's service.

    ``dokumen`` maps the service's document ids to names, ``tambahan`` its extra
    fields' names to labels; ``mode_pribadi``: the request was made in the personal
    mode (its KK, phone and email follow the account and cannot be marked). At least
    one item, each a document of the service or a field of the request, each once,
    each with a note. Raises a ``ValidationError`` listing every problem (codes
    ``item``, ``catatan``), in Indonesian.
    """
    items = list(diminta)
    if not items:
        raise ValidationError(
            gettext("Tandai sedikitnya satu dokumen atau data yang perlu diperbaiki."), code="item"
        )
    errors: list[ValidationError] = []
    sah: list[ItemSah] = []
    seen: set[tuple[str, int | None, str]] = set()
    for item in items:
        label = label_item(item, dokumen=dokumen, tambahan=tambahan)
        alasan = _alasan_tolak(
            item, label, dokumen=dokumen, tambahan=tambahan, mode_pribadi=mode_pribadi
        )
        key = (item.jenis, item.dokumen_id, item.field)
        if alasan is None and key in seen:
            alasan = gettext("%(label)s ditandai lebih dari sekali.") % {"label": label}
        catatan = str(item.catatan or "").strip()
        if alasan is not None:
            errors.append(ValidationError(alasan, code="item"))
        elif not catatan:
            message = gettext("Catatan untuk %(label)s wajib diisi.") % {"label": label}
            errors.append(ValidationError(message, code="catatan"))
        else:
            seen.add(key)
            is_dokumen = item.jenis == Jenis.DOKUMEN
            sah.append(
                ItemSah(
                    jenis=item.jenis,
                    dokumen_id=item.dokumen_id if is_dokumen else None,
                    field="" if is_dokumen else item.field,
                    catatan=catatan,
                    label=label,
                )
            )
    if errors:
        raise ValidationError(errors)
    return sah


def pesan_dokumen_terkunci(hak: HakUbah) -> str:
    """Why the applicant may not change a document's files, for a refusal."""
    if hak.ada_dokumen:
        return gettext(
            "Dokumen ini tidak ditandai untuk diperbaiki, sehingga tetap seperti semula dan "
            "tidak dapat diubah."
        )
    return gettext("Data dukung hanya dapat diubah selama pengajuan belum dikirim.")
