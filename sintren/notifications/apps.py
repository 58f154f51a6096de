from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "sintren.notifications"
    label = "notifications"
    verbose_name = "Notifikasi"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from sintren.notifications import checks  # noqa: F401 (registers the checks)
