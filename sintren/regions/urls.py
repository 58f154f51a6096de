from django.urls import path

from . import views

app_name = "regions"

urlpatterns = [
    path("pilihan/", views.wilayah_pilihan, name="pilihan"),
]
