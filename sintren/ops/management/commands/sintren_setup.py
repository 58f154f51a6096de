"""Bring a database up to date and load the reference and demo data (idempotent).

``make run`` calls this on every start; the browser tests call it for their server.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandParser

# Data loaders in the order they depend on each other; each one is idempotent.
REFERENCE_LOADERS = ["load_katalog", "load_informasi", "load_templat_pesan"]


class Command(BaseCommand):
    help = "Migrate, then load regions, catalogue, message templates and (embedded) demo data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--wilayah", default="", help="Load only regions under this code (tests)."
        )
        parser.add_argument("--no-static", action="store_true", help="Skip collectstatic.")
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = 0 if options["quiet"] else 1
        available = get_commands()
        call_command("migrate", interactive=False, verbosity=verbosity)
        call_command("createcachetable", verbosity=verbosity)
        wilayah_options = {"only": options["wilayah"]} if options["wilayah"] else {}
        call_command("load_wilayah", verbosity=verbosity, **wilayah_options)
        for name in REFERENCE_LOADERS:
            if name in available:
                call_command(name, verbosity=verbosity)
        if settings.EMBEDDED_DEFAULT and "sertifikat_demo" in available:
            # The demo CA and signer certificate of the portal's signatures (OUT-1).
            call_command("sertifikat_demo", verbosity=verbosity)
        if settings.EMBEDDED_DEFAULT:
            call_command("load_demo", verbosity=verbosity)
        if not options["no_static"]:
            call_command("collectstatic", interactive=False, verbosity=0)
