from django.apps import AppConfig


class PengajuanConfig(AppConfig):
    name = "sintren.pengajuan"
    label = "pengajuan"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Pengajuan"
