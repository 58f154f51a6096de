"""Secrets in messages (activation and reset links, one-time codes) kept out of stored text.

``notifikasi_queue(..., secrets={...})`` renders each message with a placeholder in place of
every secret (``[tautan rahasia]`` for links, ``[kode rahasia]`` for anything else) and
stores the values apart, in ``Pesan.rahasia`` (placeholder → value). Delivery puts them
back with :func:`reveal` in memory, right before the channel gets the message, and the
values are wiped once the row no longer needs them. Staff pages (the admin, the back
office) therefore only ever see the placeholder.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sintren.notifications.utils import absolute_url, is_link_key

LINK_LABEL = "tautan rahasia"
CODE_LABEL = "kode rahasia"

# Values at least this long are also scrubbed wherever they appear in the rendered text
# (e.g. the same link passed again as an ordinary context variable). Shorter values
# would match unrelated digits.
SCRUB_MIN_LENGTH = 6


@dataclass(frozen=True)
class Secrets:
    """The secrets of one event, ready for rendering.

    ``context``: template variable → placeholder (merged into the template context).
    ``values``: placeholder → value (what ``Pesan.rahasia`` stores).
    ``forms``: every text to scrub → its placeholder, longest first.
    """

    context: dict[str, str] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    forms: tuple[tuple[str, str], ...] = ()

    def conceal(self, text: str) -> str:
        """``text`` with every secret value replaced by its placeholder."""
        for form, placeholder in self.forms:
            text = text.replace(form, placeholder)
        return text

    def used_in(self, *texts: str) -> dict[str, str]:
        """The placeholders (with their values) that occur in ``texts``."""
        joined = "\n".join(texts)
        return {p: value for p, value in self.values.items() if p in joined}


def prepare_secrets(secrets: Mapping[str, str] | None) -> Secrets:
    """Give each secret a placeholder; links are made absolute like context links.

    One value passed under several names (``aktivasi_url`` and ``link``) gets one
    placeholder. An empty value is no secret and renders as an empty string.
    """
    if not secrets:
        return Secrets()
    context: dict[str, str] = {}
    values: dict[str, str] = {}
    forms: dict[str, str] = {}
    placeholder_of: dict[str, str] = {}
    counts = {LINK_LABEL: 0, CODE_LABEL: 0}
    for key, given in secrets.items():
        raw = str(given)
        if not raw:
            context[key] = ""
            continue
        is_link = is_link_key(key)
        value = absolute_url(raw) if is_link else raw
        if value not in placeholder_of:
            label = LINK_LABEL if is_link else CODE_LABEL
            counts[label] += 1
            number = f" {counts[label]}" if counts[label] > 1 else ""
            placeholder_of[value] = f"[{label}{number}]"
            values[placeholder_of[value]] = value
        placeholder = placeholder_of[value]
        context[key] = placeholder
        for form in {value, raw}:
            if len(form) >= SCRUB_MIN_LENGTH:
                forms.setdefault(form, placeholder)
    ordered = tuple(sorted(forms.items(), key=lambda item: len(item[0]), reverse=True))
    return Secrets(context=context, values=values, forms=ordered)


def reveal(text: str, rahasia: Mapping[str, str] | None) -> str:
    """``text`` with the placeholders replaced by the secret values (delivery only)."""
    for placeholder, value in (rahasia or {}).items():
        text = text.replace(placeholder, str(value))
    return text
