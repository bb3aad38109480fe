from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "exports"
    verbose_name = "Выгрузки"

    def ready(self):
        # Each domain app declares its export kinds in `<app>/export_kinds.py` (see exports.registry).
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("export_kinds")
