"""The applicant's issued documents, under ``/pemohon/pengajuan/<kode>/dokumen-jadi/``."""

from django.urls import path

from sintren.keluaran import views

app_name = "keluaran"

urlpatterns = [
    path("<int:pk>/unduh/", views.unduh, name="unduh"),
    path("<int:pk>/minta-unduh-ulang/", views.minta_unduh_ulang, name="minta_unduh_ulang"),
]
