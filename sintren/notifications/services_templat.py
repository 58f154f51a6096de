"""Staff edits of message templates (NOTIF-2: texts are templates staff can edit; BO-4)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from sintren.accounts.actors import Actor
from sintren.core.audit import audit_log
from sintren.core.choices import AuditAction
from sintren.notifications.choices import Event
from sintren.notifications.defaults import DEFAULTS_BY_KEY
from sintren.notifications.models import TemplatPesan
from sintren.notifications.templat import templat_periksa


@transaction.atomic
def templat_pesan_simpan(
    *, actor: Actor, key: str, channel: str, subject: str, body: str, aktif: bool
) -> TemplatPesan:
    """Save the staff's text of event ``key`` on ``channel`` (creating the row if needed).

    The text is checked again here (:func:`templat_periksa`), so no caller can store a
    template that does not render. Raises ``ValidationError`` for an unknown event or
    channel pair, or a text that does not render.
    """
    event = Event(key)  # an unknown event is an error (ValueError)
    default = DEFAULTS_BY_KEY.get((event.value, channel))
    if default is None:
        raise ValidationError(gettext("Peristiwa ini tidak mengirim pesan melalui kanal tersebut."))
    templat_periksa(event.value, subject=subject, body=body)
    row, created = TemplatPesan.objects.select_for_update().get_or_create(
        key=event.value,
        channel=channel,
        defaults={"subject": subject, "body": body, "aktif": aktif},
    )
    changed = []
    for field, value in (("subject", subject), ("body", body), ("aktif", aktif)):
        if getattr(row, field) != value:
            setattr(row, field, value)
            changed.append(field)
    row.keterangan = default.keterangan
    row.save()
    audit_log(
        actor=actor,
        action=AuditAction.TEMPLAT_PESAN_UBAH,
        target=row,
        summary=f"Templat pesan {event.value} ({channel}) diubah",
        details={"field": changed if not created else ["subject", "body", "aktif"]},
    )
    return row
