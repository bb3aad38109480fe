from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Журнал действий"

    def ready(self):
        from audit import signals  # noqa: F401
