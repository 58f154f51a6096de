from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class AccountsConfig(AppConfig):
    name = "sintren.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from sintren.accounts.models import Pemohon
        from sintren.accounts.selectors import ANTREAN_PENDAFTARAN
        from sintren.core.simpanan import penerima

        # Kept pages of the registration queue (sintren/core/simpanan.py) are keyed on
        # a data version that every change of an applicant's row replaces.
        receiver = penerima(ANTREAN_PENDAFTARAN)
        for signal in (post_save, post_delete):
            signal.connect(
                receiver, sender=Pemohon, weak=False, dispatch_uid="simpanan-pendaftaran"
            )
