"""Public file URLs of the catalogue (mounted under ``katalog/``)."""

from django.urls import path

from sintren.catalog import views

app_name = "catalog"

urlpatterns = [
    path("formulir/<int:pk>/unduh/", views.formulir_download, name="formulir_download"),
    path("contoh/<int:pk>/", views.contoh, name="contoh"),
]
