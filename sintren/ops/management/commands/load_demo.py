"""Create the embedded default's demo accounts (refused outside the embedded default)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sintren.ops.demo import demo_load


class Command(BaseCommand):
    help = "Create the demo staff accounts and applicants (embedded default only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.EMBEDDED_DEFAULT:
            raise CommandError("Demo data is only for the embedded default, never production.")
        created = demo_load()
        if options["verbosity"]:
            self.stdout.write(f"Demo data ready ({created} new accounts).")
