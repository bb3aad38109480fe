from django.apps import AppConfig


class DeskConfig(AppConfig):
    """«Рабочий стол» (/staff/): the staff home page and the registry of the apps' blocks on it. An app of its own,
    above the apps whose blocks it shows, so zabota/ keeps configuration only (#10)."""

    name = "desk"
    verbose_name = "Рабочий стол"
