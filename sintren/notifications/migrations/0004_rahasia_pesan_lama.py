"""Take the live links and codes out of the text of messages queued before 0003.

Activation and reset links and phone-change codes become placeholders in ``subject`` and
``body``. Messages that may still be sent (waiting, or failed less than 7 days ago)
keep the values in ``rahasia`` for delivery; the others lose them. With the
development outbox, delivered messages keep their real text in ``KotakDev`` (the
stand-in for the citizen's inbox).
"""

import re
from datetime import timedelta

from django.conf import settings
from django.db import migrations
from django.utils import timezone

LINK_RE = re.compile(r"https?://\S*?/pemohon/(?:aktivasi|reset)/(?!berhasil/)[^\s/]+/")
CODE_RE = re.compile(r"(?<!\d)\d{6}(?!\d)")
EVENTS = {"pendaftaran_disetujui": LINK_RE, "reset_password": LINK_RE, "kode_ganti_hp": CODE_RE}
LABELS = {"pendaftaran_disetujui": "tautan", "reset_password": "tautan", "kode_ganti_hp": "kode"}
KEEP_FAILED = timedelta(days=7)


def _conceal(text, pattern, label, values):
    def placeholder(match):
        value = match.group(0)
        for existing, known in values.items():
            if known == value:
                return existing
        number = f" {len(values) + 1}" if values else ""
        name = f"[{label} rahasia{number}]"
        values[name] = value
        return name

    return pattern.sub(placeholder, text)


def forwards(apps, schema_editor):
    Pesan = apps.get_model("notifications", "Pesan")
    KotakDev = apps.get_model("notifications", "KotakDev")
    dev = getattr(settings, "NOTIFICATION_BACKEND", "") == "dev"
    recent = timezone.now() - KEEP_FAILED
    rows = Pesan.objects.filter(event__in=list(EVENTS), berisi_rahasia=False)
    for pesan in rows.iterator(chunk_size=500):
        pattern, label = EVENTS[pesan.event], LABELS[pesan.event]
        values = {}
        subject = _conceal(pesan.subject, pattern, label, values)
        body = _conceal(pesan.body, pattern, label, values)
        if not values:
            continue
        may_be_sent = pesan.status in {"pending", "sending"} or (
            pesan.status == "failed" and pesan.created_at > recent
        )
        if dev and pesan.status == "sent":
            received = pesan.sent_at or pesan.created_at
            KotakDev.objects.create(
                pesan=pesan, subject=pesan.subject, body=pesan.body, created_at=received
            )
        Pesan.objects.filter(pk=pesan.pk).update(
            subject=subject[:200],
            body=body,
            rahasia=values if may_be_sent else {},
            berisi_rahasia=True,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0003_rahasia_kotakdev"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
