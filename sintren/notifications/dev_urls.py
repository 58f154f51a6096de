"""URLs of the development outbox, mounted only with the embedded default."""

from django.urls import path

from sintren.notifications import views

app_name = "dev"

urlpatterns = [
    path("outbox/", views.outbox, name="outbox"),
]
