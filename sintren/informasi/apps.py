from django.apps import AppConfig


class InformasiConfig(AppConfig):
    name = "sintren.informasi"
    label = "informasi"
    default_auto_field = "django.db.models.BigAutoField"
