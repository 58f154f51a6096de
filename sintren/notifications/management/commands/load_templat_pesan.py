"""Create the built-in message texts as editable ``TemplatPesan`` rows (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sintren.notifications.services import templat_pesan_load_defaults


class Command(BaseCommand):
    help = "Isi templat pesan bawaan yang belum ada; templat yang sudah diubah admin tidak ditimpa."

    def handle(self, *args: Any, **options: Any) -> None:
        created = templat_pesan_load_defaults()
        self.stdout.write(f"{created} templat pesan dibuat.")
