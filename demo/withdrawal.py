"""Demo of withdrawal and destruction (#11, 152-FZ art. 21): one person who withdrew the personal-data
consent 12 days ago, their data destroyed by the coordinator with an act («Уничтожение ПДн»)."""

from datetime import timedelta

from django.utils import timezone

from accounts.selectors import user_by_username
from helprequests.services import request_create
from people.models import Consent, Destruction
from people.selectors import destructions
from people.services import beneficiary_create, consent_withdraw, contact_create, destruction_perform

NAME = "Отозванова Зинаида Павловна"


def load(places):
    coordinator = user_by_username("coordinator")
    if destructions(coordinator).exists():
        return
    territory = next(iter(p for p in places.values() if p.kind == "settlement"))
    person = beneficiary_create(
        full_name=NAME,
        phone="+79225559911",
        territory=territory,
        address="ул. Садовая, 3",
        notes="Плохо слышит",
        consent=Consent.Purpose.PERSONAL_DATA,
        consent_given_at=timezone.now() - timedelta(days=60),
        actor=coordinator,
    )
    consent = person.consents.get()
    contact_create(beneficiary=person, relation="relative", name="Сын Павел", phone="+79225559912", actor=coordinator)
    request_create(beneficiary=person, channel="hotline", needs=[], description="Просит привезти продукты")
    consent_withdraw(consent=consent, actor=coordinator)
    # The withdrawal was twelve days ago (the service stamps now): a narrow update of the two moments.
    twelve_days_ago = timezone.now() - timedelta(days=12)
    Consent.objects.filter(beneficiary=person, withdrawn_at__isnull=False).update(withdrawn_at=twelve_days_ago)
    destruction = destructions(coordinator).get(beneficiary=person)
    Destruction.objects.filter(pk=destruction.pk).update(
        withdrawn_at=twelve_days_ago, due_by=twelve_days_ago + timedelta(days=Destruction.TERM_DAYS)
    )
    destruction_perform(destruction=destruction, actor=coordinator)
