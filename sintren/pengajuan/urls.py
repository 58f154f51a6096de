from django.urls import URLPattern, URLResolver, path

from sintren.pengajuan import views, views_penilaian

app_name = "pengajuan"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.daftar, name="list"),
    path("baru/<slug:slug>/", views.baru, name="baru"),
    path("<str:kode>/", views.detail, name="detail"),
    path("<str:kode>/edit/", views.edit, name="edit"),
    path("<str:kode>/kirim/", views.kirim, name="kirim"),
    path("<str:kode>/kirim-ulang/", views.kirim_ulang, name="kirim_ulang"),
    path("<str:kode>/hapus/", views.hapus, name="hapus"),
    path("<str:kode>/bukti/", views.bukti, name="bukti"),
    path("<str:kode>/bukti.pdf", views.bukti_unduh, name="bukti_pdf"),
    path("<str:kode>/penilaian/", views_penilaian.penilaian, name="penilaian"),
]
