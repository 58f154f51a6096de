"""Seed the built-in message texts (only those missing; admins' edits are kept)."""

from django.db import migrations


def load_defaults(apps, schema_editor):
    from sintren.notifications.defaults import DEFAULTS

    TemplatPesan = apps.get_model("notifications", "TemplatPesan")
    for item in DEFAULTS:
        TemplatPesan.objects.get_or_create(
            key=item.key,
            channel=str(item.channel),
            defaults={"subject": item.subject, "body": item.body, "keterangan": item.keterangan},
        )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(load_defaults, migrations.RunPython.noop)]
