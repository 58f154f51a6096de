"""URLs of the development outbox, mounted only with the embedded default."""

from django.urls import path

app_name = "dev"

urlpatterns: list = []
