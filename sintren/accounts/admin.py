"""Admin of the accounts app: applicant groups and their members (ACC-7).

Applicants are picked by name (autocomplete); the NIK is never a search term, so it
never appears in an admin URL.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from sintren.accounts.models import AnggotaGrup, GrupPemohon, Pemohon
from sintren.accounts.models.grup import PemohonPilihan
from sintren.core.admin import ReadOnlyAdminMixin


@admin.register(Pemohon)
class PemohonAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Pemohon]):
    """Read-only list of applicants, searched by name (the picker of group members)."""

    list_display = ["nama_lengkap", "wilayah", "status", "dibuat"]
    list_filter = ["status"]
    search_fields = ["nama_lengkap"]
    list_select_related = ["wilayah"]
    show_full_result_count = False
    exclude = ["nama_ibu_hash"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        # Listed as "NAMA - DESA" (also in the member autocomplete), not "Pemohon #id".
        return PemohonPilihan.objects.select_related("wilayah")


class AnggotaGrupInline(admin.TabularInline[AnggotaGrup, GrupPemohon]):
    """The members of a group; adding one promotes the applicant (a group mode)."""

    model = AnggotaGrup
    extra = 1
    autocomplete_fields = ["pemohon"]
    fields = ["pemohon", "aktif", "ditambahkan_oleh", "dibuat"]
    readonly_fields = ["ditambahkan_oleh", "dibuat"]


@admin.register(GrupPemohon)
class GrupPemohonAdmin(admin.ModelAdmin[GrupPemohon]):
    """Applicant groups with their region scope and members."""

    list_display = ["nama", "wilayah", "aktif", "jumlah_anggota"]
    list_filter = ["aktif"]
    search_fields = ["nama"]
    autocomplete_fields = ["wilayah"]
    list_select_related = ["wilayah"]
    inlines = [AnggotaGrupInline]

    @admin.display(description="Anggota aktif")
    def jumlah_anggota(self, obj: GrupPemohon) -> int:
        return obj.anggota.filter(aktif=True).count()

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        for anggota in formset.save(commit=False):
            if anggota.ditambahkan_oleh_id is None:
                anggota.ditambahkan_oleh_id = request.user.pk
            anggota.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


@admin.register(AnggotaGrup)
class AnggotaGrupAdmin(admin.ModelAdmin[AnggotaGrup]):
    """Every membership, to activate or end one without opening its group."""

    list_display = ["pemohon", "grup", "aktif", "ditambahkan_oleh", "dibuat"]
    list_filter = ["aktif", "grup"]
    search_fields = ["grup__nama", "pemohon__nama_lengkap"]
    autocomplete_fields = ["grup", "pemohon"]
    list_select_related = ["grup__wilayah", "pemohon__wilayah"]
    readonly_fields = ["ditambahkan_oleh", "dibuat"]

    def save_model(self, request: HttpRequest, obj: AnggotaGrup, form: Any, change: bool) -> None:
        if obj.ditambahkan_oleh_id is None:
            obj.ditambahkan_oleh_id = request.user.pk
        super().save_model(request, obj, form, change)
