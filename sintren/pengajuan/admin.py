"""Admin of the requests: read-only. Requests change only through their services.

Searched by request code only, so no NIK or name ever appears in an admin URL.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from sintren.core.admin import ReadOnlyAdminMixin
from sintren.pengajuan.models import KuotaHarian, Pengajuan, RiwayatStatus


class RiwayatStatusInline(admin.TabularInline[RiwayatStatus, Pengajuan]):
    """The request's status history, read-only."""

    model = RiwayatStatus
    extra = 0
    can_delete = False
    fields = ["pada", "status", "oleh", "catatan"]
    readonly_fields = ["pada", "status", "oleh", "catatan"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Pengajuan)
class PengajuanAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Pengajuan]):
    """Browse requests by code, service and status."""

    list_display = ["kode", "layanan", "status", "grup", "dibuat", "diperbarui"]
    list_filter = ["status", "layanan"]
    search_fields = ["kode"]
    list_select_related = ["layanan", "grup"]
    show_full_result_count = False
    exclude = ["subjek_kunci"]
    inlines = [RiwayatStatusInline]


@admin.register(KuotaHarian)
class KuotaHarianAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[KuotaHarian]):
    """How many requests each service got per day (the daily quota's use)."""

    list_display = ["tanggal", "layanan", "terpakai"]
    list_filter = ["layanan"]
    date_hierarchy = "tanggal"
    list_select_related = ["layanan"]
