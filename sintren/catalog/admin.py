"""Django admin for the service catalogue (REQ-1, BO-4 until the staff UI covers it)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from sintren.catalog.models import (
    DokumenPersyaratan,
    FieldTambahan,
    Formulir,
    HariTutup,
    JadwalLayanan,
    KategoriLayanan,
    Layanan,
    PilihanDokumenJadi,
)


class FieldTambahanInline(admin.TabularInline[FieldTambahan, Layanan]):
    model = FieldTambahan
    extra = 0
    fields = ["urutan", "nama", "label", "tipe", "wajib", "bantuan", "pilihan"]


class DokumenPersyaratanInline(admin.StackedInline[DokumenPersyaratan, Layanan]):
    model = DokumenPersyaratan
    extra = 0
    fields = [
        ("nama", "wajib", "urutan"),
        "keterangan",
        "contoh",
        ("tipe_file", "ukuran_maks_kb"),
    ]


class PilihanDokumenJadiInline(admin.TabularInline[PilihanDokumenJadi, Layanan]):
    model = PilihanDokumenJadi
    extra = 0
    fields = ["urutan", "nama", "keterangan", "kirim_email"]


class JadwalLayananInline(admin.TabularInline[JadwalLayanan, Layanan]):
    model = JadwalLayanan
    extra = 0
    fields = ["hari", "jam_mulai", "jam_selesai"]


class FormulirInline(admin.TabularInline[Any, Layanan]):
    model = Formulir.layanan.through
    extra = 0
    verbose_name = "formulir"
    verbose_name_plural = "formulir"
    autocomplete_fields = ["formulir"]


@admin.register(KategoriLayanan)
class KategoriLayananAdmin(admin.ModelAdmin[KategoriLayanan]):
    list_display = ["nama", "slug", "urutan", "jumlah_layanan"]
    list_editable = ["urutan"]
    prepopulated_fields = {"slug": ["nama"]}
    search_fields = ["nama"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[KategoriLayanan]:
        queryset: QuerySet[KategoriLayanan] = super().get_queryset(request)
        return queryset.annotate(jumlah=Count("layanan"))

    @admin.display(description="Jumlah layanan", ordering="jumlah")
    def jumlah_layanan(self, obj: KategoriLayanan) -> int:
        return getattr(obj, "jumlah", 0)


@admin.register(Layanan)
class LayananAdmin(admin.ModelAdmin[Layanan]):
    list_display = ["nama", "kode", "kategori", "akses", "kuota_harian", "aktif", "urutan"]
    list_filter = ["aktif", "akses", "kategori"]
    list_editable = ["aktif", "kuota_harian", "urutan"]
    search_fields = ["nama", "kode", "ringkasan"]
    prepopulated_fields = {"slug": ["nama"]}
    autocomplete_fields = ["kategori"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": [("nama", "kode"), "slug", ("kategori", "ikon"), "ringkasan"]}),
        ("Persyaratan dan proses", {"fields": ["persyaratan", "proses"]}),
        (
            "Ketersediaan",
            {
                "fields": [
                    ("akses", "subjek_perlu_nik"),
                    ("kuota_harian", "aktif", "urutan"),
                    "target_hari_kerja",
                ]
            },
        ),
    ]
    inlines = [
        FieldTambahanInline,
        DokumenPersyaratanInline,
        PilihanDokumenJadiInline,
        JadwalLayananInline,
        FormulirInline,
    ]


@admin.register(Formulir)
class FormulirAdmin(admin.ModelAdmin[Formulir]):
    list_display = ["kode", "judul", "berkas", "urutan"]
    list_editable = ["urutan"]
    list_filter = ["layanan"]
    search_fields = ["kode", "judul", "keterangan"]
    filter_horizontal = ["layanan"]


@admin.register(HariTutup)
class HariTutupAdmin(admin.ModelAdmin[HariTutup]):
    list_display = ["tanggal", "keterangan"]
    date_hierarchy = "tanggal"
    search_fields = ["keterangan"]
