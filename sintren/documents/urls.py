"""The *Data Dukung* pages of one request (mounted under
``pemohon/pengajuan/<kode>/dokumen/``)."""

from django.urls import URLPattern, URLResolver, path

from sintren.documents import views

app_name = "documents"

urlpatterns: list[URLPattern | URLResolver] = [
    path("tambah/<int:dokumen_id>/", views.tambah, name="tambah"),
    path("<int:pk>/hapus/", views.hapus, name="hapus"),
    path("berkas/<int:pk>/", views.berkas, name="berkas"),
    path("berkas/<int:pk>/thumb/", views.thumbnail, name="thumbnail"),
]
