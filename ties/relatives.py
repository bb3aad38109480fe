"""Relatives kept informed («работа с близкими и родственниками»): when the phone service raises an alert after
unreached calls, when a help request is connected and when it is closed.

Only when the person consented to it (Consent «Информирование родственников») and the relative agreed
(`Tie.agrees_to_messages`); if the person's phone-service enrolment names «кого из близких известить», only
those. By e-mail and by SMS through a pluggable sender (`settings.SMS_SENDER`, console in the demo). Each
message is stored once per event and channel (`RelativeMessage`) and audited: it is never sent twice.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models.signals import post_save
from django.utils.module_loading import import_string

from audit import log as audit_log
from core.mail import about_person
from ties.models import Kind, RelativeMessage, Tie

HOTLINE = "8 800 200-01-22"
log = logging.getLogger(__name__)


def polite_name(full_name, case=None):
    """«Анна Петровна» from «Иванова Анна Петровна» (the name a relative knows), declined into `case`
    (pytrovich) when the gender is clear from the patronymic; otherwise the full name as written."""
    from pytrovich.enums import Gender, NamePart
    from pytrovich.maker import PetrovichDeclinationMaker

    from ties.scoring import female_by_name

    parts = (full_name or "").split()
    female = female_by_name(full_name)
    if len(parts) < 3 or female is None:
        return full_name
    first, middle = parts[1], parts[2]
    if case is not None:
        maker, gender = PetrovichDeclinationMaker(), Gender.FEMALE if female else Gender.MALE
        first = maker.make(NamePart.FIRSTNAME, gender, case, first)
        middle = maker.make(NamePart.MIDDLENAME, gender, case, middle)
    return f"{first} {middle}"


def recipients(beneficiary):
    """Ties of this person who may receive messages now (both consents in place)."""
    from people.models import Consent
    from phone.models import Enrolment

    if beneficiary.anonymized_at:
        return []
    if not beneficiary.consents.filter(purpose=Consent.Purpose.RELATIVES, withdrawn_at__isnull=True).exists():
        return []
    ties = Tie.objects.filter(
        beneficiary=beneficiary, kind=Kind.RELATIVE, agrees_to_messages=True, ended_on__isnull=True
    ).select_related("contact")
    enrolment = Enrolment.objects.active().filter(beneficiary=beneficiary).first()
    if enrolment is not None:
        chosen = set(enrolment.relatives_to_inform.values_list("pk", flat=True))
        if chosen:
            ties = ties.filter(contact_id__in=chosen)
    return list(ties)


def sms_send(phone, text):
    sender = settings.SMS_SENDER
    if sender == "console":
        print(f"SMS {phone}: {text}")  # noqa: T201 — the demo's console sender
        return
    import_string(sender)(phone, text)


def inform(beneficiary, event, text):
    """Send `text` to each agreeing relative once per event and channel; returns the messages sent."""
    sent = []
    for tie in recipients(beneficiary):
        for channel, address in ((RelativeMessage.Channel.EMAIL, tie.email), (RelativeMessage.Channel.SMS, tie.phone)):
            if not address:
                continue
            try:
                with transaction.atomic():
                    message = RelativeMessage.objects.create(
                        tie=tie, event=event, channel=channel, address=address, text=text
                    )
            except IntegrityError:
                continue  # already sent for this event
            if channel == RelativeMessage.Channel.EMAIL:
                EmailMessage("Забота: о вашем близком", text, None, [address], headers=about_person(beneficiary)).send()
            else:
                sms_send(address, text)
            audit_log.record(audit_log.Action.CREATE, message, details={"event": event, "channel": channel})
            sent.append(message)
    return sent


def _alert_raised(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    from pytrovich.enums import Case

    person = instance.enrolment.beneficiary
    text = (
        f"Здравствуйте! Волонтёр службы «Алло, волонтёр!» несколько раз не смог дозвониться до "
        f"{polite_name(person.full_name, Case.GENITIVE)}. Координатор уже проверяет. Пожалуйста, позвоните "
        f"сами, а если что-то случилось — на горячую линию {HOTLINE}."
    )
    transaction.on_commit(lambda: inform(person, f"alert:{instance.pk}", text))


def _request_moved(sender, instance, raw=False, **kwargs):
    from pytrovich.enums import Case

    from helprequests.models import Status

    if raw or instance.status not in (Status.CONNECTED, Status.CLOSED):
        return
    person = instance.beneficiary
    needs = ", ".join(n.name.lower() for n in instance.needs.all())
    if instance.status == Status.CONNECTED:
        event = f"request_connected:{instance.pk}"
        name = polite_name(person.full_name, Case.INSTRUMENTAL)
        text = f"Здравствуйте! По обращению {instance.number} ({needs}) помощник связался с {name}."
    else:
        event = f"request_closed:{instance.pk}"
        text = (
            f"Здравствуйте! Обращение {instance.number} ({needs}) закрыто: "
            f"{instance.get_close_reason_display().lower()}. "
            f"Вопросы — на горячую линию {HOTLINE}."
        )
    transaction.on_commit(lambda: inform(person, event, text))


def connect():
    from helprequests.models import HelpRequest
    from phone.models import Alert

    post_save.connect(_alert_raised, sender=Alert, dispatch_uid="ties.relatives.alert")
    post_save.connect(_request_moved, sender=HelpRequest, dispatch_uid="ties.relatives.request")
