"""Admin: the region table is reference data loaded by ``load_wilayah``, so read-only."""

from __future__ import annotations

from django.contrib import admin

from sintren.core.admin import ReadOnlyAdminMixin

from .models import Wilayah


@admin.register(Wilayah)
class WilayahAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Wilayah]):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["^code", "name"]
    list_select_related = ["parent"]
    ordering = ["code"]
    show_full_result_count = False
    list_per_page = 100
    readonly_fields = ["code", "name", "level", "parent"]
