"""Demo ties (#17): relatives who agreed to be informed (with the person's consent), neighbours and friends with
the last contact, one relative already informed of the open alert; then every person's risk level is stored."""

from datetime import timedelta

from django.utils import timezone

from accounts.selectors import user_by_username
from people.models import Consent
from people.services import consent_record
from phone.models import Alert, Enrolment
from ties import relatives, services
from ties.models import Tie

RELATIVES = [
    ("Сын Андрей", "+79225550101", "andrey.son@example.ru", "weekly", False),
    ("Дочь Елена", "+79225550102", "elena.doch@example.ru", "daily", True),
    ("Внучка Ксения", "+79225550103", "", "monthly", False),
    ("Племянник Игорь", "+79225550104", "igor.pl@example.ru", "rarely", False),
    ("Дочь Марина", "+79225550105", "marina.d@example.ru", "weekly", True),
]


def load():
    if Tie.objects.filter(agrees_to_messages=True).exists():
        return
    today = timezone.localdate()
    coordinator = user_by_username("coordinator")  # the person agreed that relatives be told: staff record it
    enrolments = list(Enrolment.objects.active().select_related("beneficiary").order_by("pk")[:8])
    alerted = {a.enrolment_id: a for a in Alert.objects.filter(resolved_at__isnull=True)}
    for i, enrolment in enumerate(enrolments):
        person = enrolment.beneficiary
        if i < len(RELATIVES) or enrolment.pk in alerted:
            name, phone, email, frequency, nearby = RELATIVES[i % len(RELATIVES)]
            if not person.consents.filter(purpose=Consent.Purpose.RELATIVES).exists():
                consent_record(
                    beneficiary=person, purpose=Consent.Purpose.RELATIVES, given_at=timezone.now(), actor=coordinator
                )
            tie = services.tie_save(
                beneficiary=person,
                actor=None,
                kind="relative",
                contact_name=name,
                phone=phone,
                email=email,
                frequency=frequency,
                lives_nearby=nearby,
                agrees_to_messages=True,
                last_contact_on=today - timedelta(days=3 + 9 * i),
            )
            enrolment.relatives_to_inform.add(tie.contact)
        if i % 3 == 1:
            services.tie_save(
                beneficiary=person,
                actor=None,
                kind="neighbour",
                contact_name="Соседка Валентина",
                phone="+79225550200",
                frequency="weekly",
                lives_nearby=True,
                last_contact_on=today - timedelta(days=12),
            )
    # The open alert's relatives are informed as the service does it (each message logged).
    for alert in alerted.values():
        relatives._alert_raised(sender=Alert, instance=alert, created=True)
    services.risk_recompute_all()
