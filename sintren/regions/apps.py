from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "sintren.regions"
    label = "regions"
    default_auto_field = "django.db.models.BigAutoField"
