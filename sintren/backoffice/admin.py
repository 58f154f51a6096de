"""Admin registration of the back office's models (secrets are never shown)."""

from __future__ import annotations

from django.contrib import admin

from sintren.backoffice.models import AlasanPenolakan, PenugasanLayanan, PerangkatTotp


@admin.register(PerangkatTotp)
class PerangkatTotpAdmin(admin.ModelAdmin[PerangkatTotp]):
    """Admins may see and remove a device (the person then enrols again)."""

    list_display = ("user", "confirmed", "dibuat", "dikonfirmasi_pada")
    fields = ("user", "confirmed", "dibuat", "dikonfirmasi_pada")
    readonly_fields = ("user", "confirmed", "dibuat", "dikonfirmasi_pada")

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(AlasanPenolakan)
class AlasanPenolakanAdmin(admin.ModelAdmin[AlasanPenolakan]):
    """The preset reasons of the *Tolak* form: admins add, reword, reorder or retire them.

    Retire a reason by unticking *aktif* rather than deleting it; rejections already
    sent keep their own copy of the text either way.
    """

    list_display = ("teks", "aktif", "urutan")
    list_editable = ("aktif", "urutan")
    list_filter = ("aktif",)
    search_fields = ("teks",)
    ordering = ("urutan", "pk")


@admin.register(PenugasanLayanan)
class PenugasanLayananAdmin(admin.ModelAdmin[PenugasanLayanan]):
    """Which services each verifier handles (BO-3): add a row to give a verifier a
    service's requests, delete it to take them away. Admins need no row."""

    list_display = ("petugas", "layanan", "dibuat")
    list_filter = ("layanan",)
    search_fields = ("petugas__username", "layanan__nama")
    ordering = ("petugas__username", "layanan__nama")
