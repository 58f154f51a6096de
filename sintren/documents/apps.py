from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "sintren.documents"
    label = "documents"
    verbose_name = "Data Dukung"
    default_auto_field = "django.db.models.BigAutoField"
