from django.apps import AppConfig


class CommunitiesConfig(AppConfig):
    name = "communities"
    verbose_name = "Сообщества и лидеры"

    def ready(self):
        from communities import map_layer
        from directory import map_layers

        map_layers.register(features=map_layer.leaders)
        map_layers.register(features=map_layer.features, template="communities/map_layer.html")
