from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class InformasiConfig(AppConfig):
    name = "sintren.informasi"
    label = "informasi"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Cache invalidation only: every change of an information item makes a new
        # content version, so the kept public pages are rendered again (docs/adr/0005).
        from sintren.core.konten import konten_berubah_receiver

        for model in self.get_models():
            uid = f"konten:{model._meta.label}"
            post_save.connect(konten_berubah_receiver, sender=model, dispatch_uid=uid)
            post_delete.connect(konten_berubah_receiver, sender=model, dispatch_uid=uid)
