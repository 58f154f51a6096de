"""What staff may write in a message template, and a trial render before it is saved.

Each event passes its own variables to its texts (listed in ``defaults.py`` as
``Variabel: …``); every text also gets the office's variables (:func:`base_context`).
:func:`templat_periksa` renders a text with example values of exactly those variables
and refuses, with an Indonesian message, a syntax error, a variable the event does not
have, or a tag that has no place in a plain-text message (``url``, ``include``,
``load``, ``debug``, …). A refused text is never saved, so the fallback to the
built-in text in ``rendering.render_event`` stays a safety net, not a daily path.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template import Context, Engine, TemplateDoesNotExist, TemplateSyntaxError
from django.utils import translation
from django.utils.translation import gettext

from sintren.notifications.defaults import DEFAULTS
from sintren.notifications.rendering import Rendered, base_context

_VARIABLE = re.compile(r"\{\{\s*(\w+)")
_TAG = re.compile(r"\{%-?\s*(\w+)")
_MISSING = "\x00{}\x00"
_MISSING_RE = re.compile("\x00([^\x00]*)\x00")
# Tags that make sense in a plain-text message; everything else is refused.
TAG_BOLEH = frozenset(
    {
        "if",
        "elif",
        "else",
        "endif",
        "for",
        "empty",
        "endfor",
        "with",
        "endwith",
        "firstof",
        "comment",
        "endcomment",
        "spaceless",
        "endspaceless",
        "now",
    }
)
# Example values shown in the trial render (anything else: the variable's name in brackets).
CONTOH: dict[str, Any] = {
    "nama": "Budi Santoso",
    "kode_pengajuan": "AKL33260001",
    "layanan": "Akta Kelahiran",
    "status": "Diproses",
    "catatan": "Mohon unggah ulang Kartu Keluarga yang lebih jelas.",
    "alasan": "Foto KTP-el tidak terbaca.",
    "kode": "123456",
    "berlaku_hari": 7,
    "berlaku_jam": 24,
    "berlaku_menit": 10,
    "berlaku_sampai": "12-01-2027",
}
# A strict engine for the trial: an unknown variable leaves a marker instead of "".
_STRICT = Engine(autoescape=False, string_if_invalid=_MISSING.format("%s"))


def templat_variabel(key: str) -> list[str]:
    """The variables of event ``key`` (its own first, then the office's), in order."""
    own: list[str] = []
    for item in DEFAULTS:
        if item.key == key:
            for name in _VARIABLE.findall(item.keterangan):
                if name not in own:
                    own.append(name)
    return own + [name for name in base_context() if name not in own]


def _contoh(name: str) -> Any:
    if name in CONTOH:
        return CONTOH[name]
    if name.endswith(("_url", "link")):
        return f"{settings.SITE_URL}/contoh/{name}/"
    return f"[{name}]"


def templat_contoh_context(key: str) -> dict[str, Any]:
    """Example values for every variable of event ``key``."""
    context = {name: _contoh(name) for name in templat_variabel(key)}
    context.update(base_context())
    return context


def _render(source: str, context: dict[str, Any]) -> str:
    for tag in _TAG.findall(source):
        if tag not in TAG_BOLEH:
            raise ValidationError(
                gettext("Tag {%% %(tag)s %%} tidak boleh dipakai dalam templat pesan.")
                % {"tag": tag},
                code="tag",
            )
    try:
        with translation.override(settings.LANGUAGE_CODE):
            text = _STRICT.from_string(source).render(Context(context, autoescape=False))
    except (TemplateSyntaxError, TemplateDoesNotExist) as exc:
        raise ValidationError(
            gettext("Format templat tidak valid: %(galat)s") % {"galat": exc}, code="sintaks"
        ) from exc
    unknown = sorted(set(_MISSING_RE.findall(text)))
    if unknown:
        raise ValidationError(
            gettext("Variabel tidak dikenal untuk peristiwa ini: %(nama)s.")
            % {"nama": ", ".join("{{ " + name + " }}" for name in unknown)},
            code="variabel",
        )
    return text


def templat_periksa(key: str, *, subject: str, body: str) -> Rendered:
    """Render ``subject`` and ``body`` of event ``key`` with example values.

    Returns the result (the trial the staff member sees) or raises ``ValidationError``
    whose ``error_dict`` names the field at fault (``subject`` or ``body``).
    """
    context = templat_contoh_context(key)
    errors: dict[str, ValidationError] = {}
    rendered: dict[str, str] = {"subject": "", "body": ""}
    for field, source in (("subject", subject), ("body", body)):
        if not source:
            continue
        try:
            rendered[field] = _render(source, context)
        except ValidationError as exc:
            errors[field] = exc
    if errors:
        raise ValidationError(errors)
    return Rendered(
        subject=" ".join(rendered["subject"].split())[:200], body=rendered["body"].strip()
    )
