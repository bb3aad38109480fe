from django.apps import AppConfig


class TiesConfig(AppConfig):
    name = "ties"
    verbose_name = "Социальные связи и риск одиночества"

    def ready(self):
        from people.services import person_anonymized
        from ties import relatives, signals
        from ties.services import erase_ties

        person_anonymized.connect(erase_ties, dispatch_uid="ties.erase_ties")
        signals.connect()
        relatives.connect()
