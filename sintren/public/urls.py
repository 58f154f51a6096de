"""URLs of the public site; every pattern is named."""

from django.urls import path

from sintren.public import views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("persyaratan/", views.persyaratan, name="persyaratan"),
    path("persyaratan/<slug:slug>/", views.persyaratan, name="persyaratan_layanan"),
    path("formulir/", views.formulir, name="formulir"),
    path("formulir/<slug:slug>/", views.formulir, name="formulir_layanan"),
    path("informasi/", views.informasi_list, name="informasi"),
    path("informasi/<int:pk>/", views.informasi_detail, name="informasi_detail"),
    path("panduan/", views.panduan, name="panduan"),
    path("panduan/<slug:bagian>/", views.panduan, name="panduan_bagian"),
]
