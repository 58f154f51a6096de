"""Django admin for information items (PUB-4, BO-4 until the staff UI covers it)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from sintren.informasi.models import Informasi


@admin.register(Informasi)
class InformasiAdmin(admin.ModelAdmin[Informasi]):
    list_display = ["judul", "jenis", "diterbitkan", "aktif"]
    list_filter = ["jenis", "aktif"]
    list_editable = ["aktif"]
    search_fields = ["judul", "ringkasan", "isi"]
    date_hierarchy = "diterbitkan"
    readonly_fields = ["dibuat_oleh"]
    fields = ["judul", "jenis", "ringkasan", "isi", ("diterbitkan", "aktif"), "dibuat_oleh"]

    def save_model(self, request: HttpRequest, obj: Informasi, form: Any, change: bool) -> None:
        if not change and obj.dibuat_oleh_id is None:
            obj.dibuat_oleh = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)
