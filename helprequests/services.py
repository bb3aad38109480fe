from django.db import transaction
from django.utils import timezone

from helprequests.models import HelpRequest, Status, StatusChange


@transaction.atomic
def request_create(*, beneficiary, channel, needs, actor=None, note="", **fields):
    request = HelpRequest.objects.create(
        beneficiary=beneficiary, territory=beneficiary.territory, channel=channel, created_by=actor, **fields
    )
    request.needs.set(needs)
    StatusChange.objects.create(request=request, status=Status.NEW, by=actor, note=note, at=request.received_at)
    return request


def request_from_public_form(*, kind, data):
    """A «Нужна помощь» or «Сообщить о пожилом человеке» form becomes a new request for operators."""
    from people.models import Beneficiary, Consent
    from people.services import consent_give

    now = timezone.now()
    locality = data["locality"]
    with transaction.atomic():
        person = Beneficiary.objects.create(
            full_name=data.get("full_name") or "Имя не указано",
            phone=data.get("phone", ""),
            territory=locality,
            address=data["address"],
            lat=locality.lat,
            lon=locality.lon,
            notes=f"Возраст со слов заявителя: {data['age']}" if data.get("age") else "",
        )
        fields = {"description": data["description"], "reporter_consent_at": now}
        if kind == "report":
            channel, note = "neighbour", "Сообщение соседа с сайта"
            fields.update(
                reporter_name=data["reporter_name"],
                reporter_phone=data["reporter_phone"],
                reporter_relation=data.get("reporter_relation") or "сосед",
            )
        else:
            channel, note = "website", "Заявка с сайта"
            if data.get("for_whom") == "self":
                consent_give(beneficiary=person, purpose=Consent.Purpose.PERSONAL_DATA, actor=None, given_at=now)
            else:
                fields.update(
                    reporter_name=data["applicant_name"],
                    reporter_phone=data["applicant_phone"],
                    reporter_relation="родственник или знакомый",
                )
        return request_create(beneficiary=person, channel=channel, needs=data.get("needs") or [], note=note, **fields)
