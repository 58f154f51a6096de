from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class CatalogConfig(AppConfig):
    name = "sintren.catalog"
    label = "catalog"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Cache invalidation only: every change of the catalogue makes a new content
        # version, so the kept public pages are rendered again (docs/adr/0005).
        from sintren.core.konten import konten_berubah_receiver

        for model in self.get_models():
            uid = f"konten:{model._meta.label}"
            post_save.connect(konten_berubah_receiver, sender=model, dispatch_uid=uid)
            post_delete.connect(konten_berubah_receiver, sender=model, dispatch_uid=uid)
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    konten_berubah_receiver,
                    sender=field.remote_field.through,
                    dispatch_uid=f"{uid}.{field.name}",
                )
