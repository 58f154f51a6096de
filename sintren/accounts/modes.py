"""The applicant's working mode (ACC-7): personal (*Pemohon Pribadi*) or one of their groups.

The chosen group is kept in the session by id only, and checked against the applicant's
active memberships on every read: a membership ended by an admin (or a forged session
value) silently falls back to the personal mode.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext

from sintren.accounts.backends import GRUP_ATTR
from sintren.accounts.models import AnggotaGrup, GrupPemohon
from sintren.core.audit import audit_log
from sintren.core.choices import AuditAction

SESSION_KEY = "sintren_mode_grup"
PRIBADI = "pribadi"
GRUP = "grup"
_CACHE_ATTR = "_sintren_mode"


@dataclass(frozen=True)
class Mode:
    """One mode of an applicant: ``kind`` is ``"pribadi"`` or ``"grup"`` (with ``grup``)."""

    kind: str
    label: str
    grup: GrupPemohon | None = None

    @property
    def is_grup(self) -> bool:
        """Whether this is a group mode."""
        return self.kind == GRUP

    @property
    def value(self) -> str:
        """The form value that selects this mode: ``"pribadi"`` or the group's id."""
        return str(self.grup.pk) if self.grup is not None else PRIBADI

    @property
    def pilihan(self) -> str:
        """The switch button's text: *Pemohon Pribadi* or the group's label."""
        return self.label if self.is_grup else gettext("Pemohon Pribadi")


def mode_pribadi() -> Mode:
    """The personal mode, shown as *Pemohon* under the applicant's name."""
    return Mode(kind=PRIBADI, label=gettext("Pemohon"))


def _mode_grup(grup: GrupPemohon) -> Mode:
    return Mode(kind=GRUP, label=grup.label, grup=grup)


def _active_groups(user: Any) -> Any:
    """The active groups in which ``user``'s applicant profile has an active membership."""
    memberships = AnggotaGrup.objects.filter(
        pemohon__user=user, pemohon__user__is_active=True, aktif=True
    )
    return (
        GrupPemohon.objects.filter(aktif=True, anggota__in=memberships)
        .select_related("wilayah")
        .distinct()
        .order_by("nama", "pk")
    )


def modes_for(user: Any) -> list[Mode]:
    """Every mode ``user`` may work in: personal first, then one per active group."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_pemohon", False):
        return []
    if getattr(user, GRUP_ATTR, True) is False:  # loaded with the user: no active group
        return [mode_pribadi()]
    return [mode_pribadi(), *(_mode_grup(grup) for grup in _active_groups(user))]


def current_mode(request: HttpRequest) -> Mode:
    """The request's mode; a group only while the membership is (still) active."""
    cached: Mode | None = getattr(request, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    mode = mode_pribadi()
    grup_id = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if isinstance(grup_id, int) and request.user.is_authenticated:
        grup = _active_groups(request.user).filter(pk=grup_id).first()
        if grup is not None:
            mode = _mode_grup(grup)
    setattr(request, _CACHE_ATTR, mode)
    return mode


def mode_switch(request: HttpRequest, *, target: str) -> Mode:
    """Switch to ``target`` (``"pribadi"`` or a group id) if the user may use that mode.

    Raises ``ValidationError`` (Indonesian message) for a mode the user does not have.
    """
    chosen = next((m for m in modes_for(request.user) if m.value == str(target)), None)
    if chosen is None:
        raise ValidationError(gettext("Mode yang dipilih tidak tersedia untuk akun Anda."))
    if chosen.grup is None:
        request.session.pop(SESSION_KEY, None)
    else:
        request.session[SESSION_KEY] = chosen.grup.pk
    setattr(request, _CACHE_ATTR, chosen)
    audit_log(
        actor=request.user,
        action=AuditAction.AKUN_GANTI_MODE,
        target=chosen.grup,
        summary="Mode diganti ke grup" if chosen.grup else "Mode diganti ke pribadi",
        request=request,
    )
    return chosen
