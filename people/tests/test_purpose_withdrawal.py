"""Withdrawing a purpose-specific consent stops that processing only (152-FZ art. 9)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse

from helprequests.services import request_create
from people.models import Beneficiary, Consent
from phone.models import Enrolment


def _withdraw(region, person, purpose):
    consent = Consent.objects.create(beneficiary=person, purpose=purpose)
    answer = region.client("coordinator").post(reverse("people:consent_withdraw", args=[consent.pk]))
    assert answer.status_code == 302
    return consent


def _relatives_consent(region, person):
    """person_a2's daughter (region.tie_a) agreed to messages, and the person to informing relatives."""
    from ties.models import Tie

    Tie.objects.filter(pk=region.tie_a.pk).update(agrees_to_messages=True)
    Consent.objects.create(beneficiary=person, purpose=Consent.Purpose.RELATIVES)


def _family(region):
    person = region.person_a
    person.household = region.household_a
    person.save()
    return person


def _kept(region, person):
    """What the other purposes still do: the person keeps their data, requests are accepted."""
    person = Beneficiary.objects.get(pk=person.pk)
    assert person.anonymized_at is None and person.full_name == "Иванова Анна Петровна"
    request_create(beneficiary=person, channel="hotline", needs=[])
    return person


def test_withdrawing_the_phone_service_stops_calls_only(region):
    from ties.relatives import recipients

    person = region.person_a2
    enrolment = Enrolment.objects.create(beneficiary=person, weekdays=[1], window_start="10:00", window_end="12:00")
    _relatives_consent(region, person)
    _withdraw(region, person, Consent.Purpose.PHONE_SERVICE)
    enrolment.refresh_from_db()
    assert enrolment.ended_at and enrolment.end_reason == "Отзыв согласия на участие в службе"
    answer = region.api("coordinator").post(
        "/api/v1/phone/calls", {"enrolment_id": enrolment.pk, "reached": True}, content_type="application/json"
    )
    assert answer.status_code == 422 and "выбыл из службы" in str(answer.json())
    person = Beneficiary.objects.get(pk=person.pk)
    assert person.anonymized_at is None and person.full_name == "Иванова Анна"
    request_create(beneficiary=person, channel="hotline", needs=[])  # help goes on
    assert recipients(person)  # relatives are still informed
    # enrolling again needs the consent given again, recorded
    again = region.api("coordinator").post(
        "/api/v1/phone/enrolments",
        {"beneficiary_id": person.pk, "weekdays": [1], "window_start": "10:00", "window_end": "12:00"},
        content_type="application/json",
    )
    assert again.status_code == 422 and "согласие" in str(again.json())


def test_withdrawing_the_publication_stops_publishing_the_familys_stories_only(region):
    from guardianship import services as guardianship_services
    from guardianship.models import Story, StoryMedia

    person = _family(region)
    story = Story.objects.get(guardianship=region.guardianship_a)
    Story.objects.filter(pk=story.pk).update(publication_consent=True)
    photo = region.media_a.file.name
    assert default_storage.exists(photo)
    _withdraw(region, person, Consent.Purpose.PUBLICATION)

    story.refresh_from_db()
    assert story.publication_consent is False and story.title == "Помогли с ремонтом"  # the story stays, unpublished
    assert not StoryMedia.objects.filter(story=story).exists() and not default_storage.exists(photo)
    assert guardianship_services.stories_mark_sent(stories=Story.objects.all(), actor=None) == 0
    with pytest.raises(ValidationError, match="отозвал согласие на публикацию"):
        guardianship_services.add_story(
            guardianship=region.guardianship_a, actor=None, title="Ещё", text="Текст", publication_consent=True
        )
    # a story without publication is still written; calls and the rest go on
    guardianship_services.add_story(guardianship=region.guardianship_a, actor=None, title="Ещё", text="Текст")
    assert Enrolment.objects.get(pk=region.enrolment_a.pk).ended_at is None
    _kept(region, person)


def test_giving_the_publication_consent_again_allows_publishing(region):
    from guardianship import services as guardianship_services

    person = _family(region)
    _withdraw(region, person, Consent.Purpose.PUBLICATION)
    Consent.objects.create(beneficiary=person, purpose=Consent.Purpose.PUBLICATION)
    guardianship_services.add_story(
        guardianship=region.guardianship_a, actor=None, title="Снова", text="Текст", publication_consent=True
    )


def test_withdrawing_the_relatives_consent_stops_messages_to_relatives_only(region):
    from ties.models import RelativeMessage
    from ties.relatives import inform, recipients

    person = region.person_a2
    Enrolment.objects.create(beneficiary=person, weekdays=[1], window_start="10:00", window_end="12:00")
    _relatives_consent(region, person)
    assert recipients(person)
    # withdrawn through a second record of the same purpose: the purpose is withdrawn, both records
    _withdraw(region, person, Consent.Purpose.RELATIVES)
    assert not person.consents.filter(purpose=Consent.Purpose.RELATIVES, withdrawn_at__isnull=True).exists()
    assert recipients(person) == []
    before = RelativeMessage.objects.count()
    assert inform(person, "alert:999", "Не дозвонились") == []
    assert RelativeMessage.objects.count() == before
    assert Enrolment.objects.get(beneficiary=person).ended_at is None  # calls go on
    person = Beneficiary.objects.get(pk=person.pk)
    assert person.anonymized_at is None and person.contacts.filter(name="Дочь Ирина").exists()
