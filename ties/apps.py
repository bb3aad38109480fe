from django.apps import AppConfig


class TiesConfig(AppConfig):
    name = "ties"
    verbose_name = "Социальные связи и риск одиночества"

    def ready(self):
        from people.services import person_anonymized, person_merged
        from ties import relatives, signals
        from ties.services import erase_ties, move_ties

        person_anonymized.connect(erase_ties, dispatch_uid="ties.erase_ties")
        person_merged.connect(move_ties, dispatch_uid="ties.move_ties")
        signals.connect()
        relatives.connect()
