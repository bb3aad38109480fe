from django.apps import AppConfig


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = "Волонтёры"

    def ready(self):
        from directory import map_layers
        from volunteers import map_layer

        map_layers.register(features=map_layer.features)
