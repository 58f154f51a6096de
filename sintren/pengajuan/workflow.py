"""The request status machine as data (REQ-8).

``TRANSITIONS`` maps each status to the statuses it may move to and the roles that may
move it there. :func:`sintren.pengajuan.services.pengajuan_transition` is the only code
that writes ``Pengajuan.status``, and it asks :func:`may_transition` first; pages show
the buttons :func:`allowed_next` returns and never compare statuses themselves.

A request is created as *Draf* (not a transition: it has no status before).
"""

from __future__ import annotations

from sintren.accounts.models import User
from sintren.core.actors import SYSTEM
from sintren.pengajuan.choices import StatusPengajuan

Status = StatusPengajuan
Role = User.Role

STAFF = frozenset({Role.VERIFIKATOR, Role.ADMIN})
SELF = frozenset({Role.PEMOHON})
# The retention job (SEC-3): a draft never sent is deleted after 30 days by the system.
RETENTION = frozenset({SYSTEM.role})

TRANSITIONS: dict[str, dict[str, frozenset[str]]] = {
    # The applicant sends (REQ-6) or deletes (REQ-7) a draft.
    Status.DRAF: {Status.DIKIRIM: SELF, Status.DIHAPUS: SELF | RETENTION},
    # A verifier takes a sent request (BO-3).
    Status.DIKIRIM: {Status.DIPROSES: STAFF},
    # The verifier's decision: back for correction (with the marked items, X-2),
    # rejected, issued, ready for pickup, or finished outright (a service without an
    # output document).
    Status.DIPROSES: {
        Status.PERBAIKAN: STAFF,
        Status.DITOLAK: STAFF,
        Status.TERBIT: STAFF,
        Status.SIAP_DIAMBIL: STAFF,
        Status.SELESAI: STAFF,
    },
    # The applicant corrects the marked items and sends again (*Kirim Ulang*).
    Status.PERBAIKAN: {Status.DIKIRIM: SELF},
    Status.TERBIT: {Status.SELESAI: STAFF},
    Status.SIAP_DIAMBIL: {Status.SELESAI: STAFF},
    Status.DITOLAK: {},
    Status.SELESAI: {},
    Status.DIHAPUS: {},
}

# What the applicant may change (REQ-5 *Edit Pengajuan*, X-2): everything in EDITABLE
# (a draft); in EDITABLE_MARKED (*Perlu Perbaikan*) only the documents and fields the
# verifier marked when asking for the correction (``ItemPerbaikan`` rows, written by
# ``pengajuan_minta_perbaikan`` with the move to *Perlu Perbaikan*, which is refused
# without them); nothing in any other status. ``perbaikan.hak_ubah`` turns this into
# the item-by-item answer every page and service asks. *Kirim Ulang*
# (``pengajuan_kirim_ulang``) takes a corrected request back to *Pengajuan Dikirim*
# once every marked document has a new file, and closes the items.
EDITABLE = frozenset({Status.DRAF})
EDITABLE_MARKED = frozenset({Status.PERBAIKAN})

# Transitions that need a note the applicant is told (the correction, the reason).
NEEDS_NOTE = frozenset({Status.PERBAIKAN, Status.DITOLAK})


def allowed_next(status: str, role: str) -> list[str]:
    """The statuses ``role`` may move a request in ``status`` to, in table order."""
    return [to for to, roles in TRANSITIONS.get(status, {}).items() if role in roles]


def may_transition(status: str, to: str, role: str) -> bool:
    """Whether ``role`` may move a request from ``status`` to ``to``."""
    return role in TRANSITIONS.get(status, {}).get(to, frozenset())


def is_editable(status: str) -> bool:
    """Whether the applicant may change everything of a request in ``status`` (a draft).

    In a correction only marked items are: ask ``perbaikan.hak_ubah`` for those.
    """
    return status in EDITABLE


def in_correction(status: str) -> bool:
    """Whether a request in ``status`` is back with the applicant for a correction
    (sending it again is *Kirim Ulang*, not *Kirim Pengajuan*)."""
    return status in EDITABLE_MARKED
