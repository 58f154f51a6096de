"""Admin: the audit log, read-only and for superusers only; the read-only admin base."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from sintren.core.models import AuditEvent


class ReadOnlyAdminMixin:
    """For a ``ModelAdmin`` of rows nobody may add, change or delete in the admin."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[AuditEvent]):
    """Browse and search audit events; nobody may add, change or delete them."""

    list_display = ("created_at", "actor_label", "action", "target_type", "target_id", "ip")
    list_filter = ("action", "target_type")
    search_fields = ("action", "actor_label", "target_type", "target_id", "ip")
    date_hierarchy = "created_at"
    ordering = ("-created_at", "-id")
    list_select_related = ("actor",)
    readonly_fields = (
        "created_at",
        "actor",
        "actor_label",
        "action",
        "target_type",
        "target_id",
        "summary",
        "ip",
        "details",
    )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)
