from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the system: serve, setup, housekeeping and the start banner.

    The only app allowed to import every other one: it wires them together at the top,
    so that ``core`` stays a base that imports no app.
    """

    name = "sintren.ops"
    verbose_name = "Operasional"
