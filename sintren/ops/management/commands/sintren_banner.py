"""Print the address and the demo logins after ``make run`` has prepared the data."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from sintren.ops import demo


class Command(BaseCommand):
    help = "Print the site's URL and the demo logins of the embedded default."

    def handle(self, *args: Any, **options: Any) -> None:
        lines = [
            "",
            f"  SINTREN is running on {settings.SITE_URL}/",
            f"  Back office:          {settings.SITE_URL}/backoffice/",
        ]
        if settings.EMBEDDED_DEFAULT:
            lines.append(f"  Development outbox:   {settings.SITE_URL}/dev/outbox/")
            lines.append("")
            lines.append("  Demo logins (embedded default only):")
            lines.extend(f"    {line}" for line in demo.demo_logins())
        lines.append("  Press Ctrl-C to stop.")
        self.stdout.write("\n".join(lines) + "\n")
