from django.apps import AppConfig


class GuardianshipConfig(AppConfig):
    name = "guardianship"
    verbose_name = "#МЫВМЕСТЕ.ОПЕКА"

    def ready(self):
        from guardianship.withdrawal import stop_publication
        from people.services import consent_withdrawn

        consent_withdrawn.connect(stop_publication, dispatch_uid="guardianship.stop_publication")
