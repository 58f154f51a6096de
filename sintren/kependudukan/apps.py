from django.apps import AppConfig


class KependudukanConfig(AppConfig):
    name = "sintren.kependudukan"
    label = "kependudukan"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Data Kependudukan"
