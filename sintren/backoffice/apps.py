from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "sintren.backoffice"
    label = "backoffice"
    verbose_name = "Back office"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from sintren.backoffice.admin_site import protect_admin_site

        protect_admin_site()
