from django.apps import AppConfig


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = "Волонтёры"

    def ready(self):
        from directory import map_layers, tasks
        from volunteers import map_layer, services

        map_layers.register(features=map_layer.features)
        tasks.register_writer("volunteers", services.volunteers_import)  # the import job's volunteer rows
