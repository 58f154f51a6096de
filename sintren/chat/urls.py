from django.urls import URLPattern, URLResolver, path

from sintren.chat import views

app_name = "chat"

# Mounted under /pemohon/pengajuan/<kode>/chat/ (config/urls.py).
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.panel, name="panel"),
    path("daftar/", views.daftar, name="daftar"),
]
