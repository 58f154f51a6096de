"""The public verification (*Cek Keaslian Dokumen*), under ``/verifikasi/``: no login."""

from django.urls import path

from sintren.keluaran import views

app_name = "verifikasi"

urlpatterns = [
    path("", views.verifikasi, name="index"),
    path("periksa/", views.verifikasi_berkas_view, name="berkas"),
    path("<str:kode>/", views.verifikasi_kode_view, name="kode"),
]
