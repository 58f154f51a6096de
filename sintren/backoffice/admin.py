"""Admin registration of the back office's models (secrets are never shown)."""

from __future__ import annotations

from django.contrib import admin

from sintren.backoffice.models import PerangkatTotp


@admin.register(PerangkatTotp)
class PerangkatTotpAdmin(admin.ModelAdmin):
    """Admins may see and remove a device (the person then enrols again)."""

    list_display = ("user", "confirmed", "dibuat", "dikonfirmasi_pada")
    fields = ("user", "confirmed", "dibuat", "dikonfirmasi_pada")
    readonly_fields = ("user", "confirmed", "dibuat", "dikonfirmasi_pada")

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
