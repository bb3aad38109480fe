"""Demo of withdrawal and destruction (#11, 152-FZ art. 21): one person who withdrew the personal-data
consent 12 days ago, their data destroyed by the coordinator with an act («Уничтожение ПДн»)."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from helprequests.services import request_create
from people.models import Consent, Destruction, SocialContact
from people.services import beneficiary_create, consent_withdraw, destruction_perform

NAME = "Отозванова Зинаида Павловна"


def load(places):
    if Destruction.objects.exists():
        return
    coordinator = User.objects.filter(username="coordinator").first()
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
    SocialContact.objects.create(beneficiary=person, relation="relative", name="Сын Павел", phone="+79225559912")
    request_create(beneficiary=person, channel="hotline", needs=[], description="Просит привезти продукты")
    consent_withdraw(consent=consent, actor=coordinator)
    twelve_days_ago = timezone.now() - timedelta(days=12)
    Consent.objects.filter(beneficiary=person, withdrawn_at__isnull=False).update(withdrawn_at=twelve_days_ago)
    destruction = Destruction.objects.get(beneficiary=person)
    Destruction.objects.filter(pk=destruction.pk).update(
        withdrawn_at=twelve_days_ago, due_by=twelve_days_ago + timedelta(days=Destruction.TERM_DAYS)
    )
    destruction_perform(destruction=destruction, actor=coordinator)
