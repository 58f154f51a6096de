"""The outbox row is a ``Notifikasi``; ``Pesan`` is kept for the per-request chat."""

from django.conf import settings
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("notifications", "0004_rahasia_pesan_lama"),
    ]

    operations = [
        migrations.RenameModel(old_name="Pesan", new_name="Notifikasi"),
    ]
