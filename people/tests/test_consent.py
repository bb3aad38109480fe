from django.urls import reverse

from people.models import Beneficiary, Consent


def _form(region, **overrides):
    data = {
        "full_name": "Сидорова Вера Николаевна",
        "birth_date": "1942-04-01",
        "phone": "8 (4912) 55-12-34",
        "territory": region.a1.pk,
        "address": "ул. Мира, 1",
        "consent_given": "on",
    }
    data.update(overrides)
    return data


def test_it_records_consent_when_a_person_is_registered(region):
    client = region.client("operator")
    response = client.post(reverse("people:create"), _form(region))
    person = Beneficiary.objects.get(full_name="Сидорова Вера Николаевна")
    assert response.status_code == 302
    assert person.phone == "+74912551234"
    consent = person.consents.get()
    assert consent.purpose == "personal_data" and consent.recorded_by == region.users["operator"]
    assert consent.text_version == Consent.CURRENT_TEXT_VERSION


def test_it_refuses_a_person_without_consent_and_saves_nothing(region):
    data = _form(region)
    del data["consent_given"]
    page = region.client("operator").post(reverse("people:create"), data).content.decode()
    assert "согласие на обработку персональных данных получено" in page
    assert not Beneficiary.objects.filter(full_name="Сидорова Вера Николаевна").exists()


def test_it_names_the_field_with_a_bad_phone(region):
    page = region.client("operator").post(reverse("people:create"), _form(region, phone="12345")).content.decode()
    assert "Телефон: Телефон не распознан" in page


def test_it_refuses_a_territory_outside_the_users_scope(region):
    page = region.client("operator").post(reverse("people:create"), _form(region, territory=region.b1.pk))
    assert "Территория: " in page.content.decode()
    assert not Beneficiary.objects.filter(full_name="Сидорова Вера Николаевна").exists()


def test_it_records_a_consent_for_another_purpose(region):
    client = region.client("coordinator")
    client.post(
        reverse("people:consent_create", args=[region.person_a.pk]),
        {"purpose": "phone_service", "text_version": "2026-1", "given_at": "2026-01-10T10:00"},
    )
    assert region.person_a.consents.filter(purpose="phone_service", withdrawn_at__isnull=True).exists()


def test_it_anonymizes_the_person_when_data_consent_is_withdrawn(region):
    client = region.client("coordinator")
    confirm = client.get(reverse("people:consent_withdraw", args=[region.consent_a.pk])).content.decode()
    assert "будут обезличены" in confirm
    client.post(reverse("people:consent_withdraw", args=[region.consent_a.pk]))
    person = Beneficiary.objects.get(pk=region.person_a.pk)
    region.consent_a.refresh_from_db()
    assert region.consent_a.withdrawn_at is not None and region.consent_a.withdrawn_by == region.users["coordinator"]
    assert person.full_name.startswith("Обезличено") and person.phone == "" and person.anonymized_at
    page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "Иванова" not in page and "отозвал согласие" in page


def test_it_keeps_the_person_when_a_publication_consent_is_withdrawn(region):
    consent = Consent.objects.create(beneficiary=region.person_a, purpose="publication")
    region.client("coordinator").post(reverse("people:consent_withdraw", args=[consent.pk]))
    person = Beneficiary.objects.get(pk=region.person_a.pk)
    assert person.full_name == "Иванова Анна Петровна" and person.anonymized_at is None


def test_it_erases_notes_about_the_person_in_other_apps_when_data_consent_is_withdrawn(region):
    from centres.models import CareEntry, CareVisit, Visit
    from phone.models import Call

    Visit.objects.filter(pk=region.visit_a.pk).update(notes="Просила купить лекарства от давления")
    CareEntry.objects.filter(pk=region.care_a.pk).update(notes="Плохо ходит")
    CareVisit.objects.create(entry=region.care_a, notes="Жалуется на сердце")
    Call.objects.filter(pk=region.call_a.pk).update(need_note="Нужны дрова", plans="К врачу")
    region.client("coordinator").post(reverse("people:consent_withdraw", args=[region.consent_a.pk]))
    region.visit_a.refresh_from_db()
    region.care_a.refresh_from_db()
    region.call_a.refresh_from_db()
    assert region.visit_a.notes == "" and region.care_a.notes == ""
    assert not CareVisit.objects.filter(entry=region.care_a).exclude(notes="").exists()
    assert (region.call_a.notes, region.call_a.need_note, region.call_a.plans) == ("", "", "")


def test_it_erases_the_second_phone_and_what_requests_say_about_the_person(region):
    from helprequests.models import FollowUp, HelpRequest, StatusChange

    Beneficiary.objects.filter(pk=region.person_a.pk).update(phone2="+79101112233")
    HelpRequest.objects.filter(pk=region.request_a.pk).update(
        description="Живёт одна, плохо слышит, ключ у соседки",
        reporter_name="Соседка Пётрова",
        reporter_phone="+79105556677",
        reporter_relation="соседка",
        close_text="Передали в КЦСОН",
    )
    StatusChange.objects.create(request=region.request_a, status="new", note="Дочь просила звонить вечером")
    FollowUp.objects.filter(pk=region.followup_a.pk).update(comment="Довольна, дочь приезжала")
    region.client("coordinator").post(reverse("people:consent_withdraw", args=[region.consent_a.pk]))
    request = HelpRequest.objects.get(pk=region.request_a.pk)
    assert Beneficiary.objects.get(pk=region.person_a.pk).phone2 == ""
    texts = (request.description, request.reporter_name, request.reporter_phone, request.reporter_relation)
    assert texts == ("", "", "", "")
    # the open request ends with the reason (the only text left on it)
    assert request.status == "closed" and request.close_text == "Отзыв согласия на обработку персональных данных"
    notes = set(StatusChange.objects.filter(request=request).exclude(note="").values_list("note", flat=True))
    assert notes == {"Отзыв согласия на обработку персональных данных"}
    assert not FollowUp.objects.filter(request=request).exclude(comment="").exists()
    assert request.number and request.status  # the figures keep the request itself


def test_it_stops_processing_after_withdrawal(region):
    import pytest
    from django.core.exceptions import ValidationError

    from helprequests.services import request_create
    from phone.models import Enrolment

    enrolment = region.call_a.enrolment
    region.client("coordinator").post(reverse("people:consent_withdraw", args=[region.consent_a.pk]))
    enrolment.refresh_from_db()
    assert enrolment.ended_at and enrolment.end_reason == "Отзыв согласия на обработку персональных данных"
    person = Beneficiary.objects.get(pk=region.person_a.pk)
    with pytest.raises(ValidationError, match="отозвал согласие"):
        request_create(beneficiary=person, channel="hotline", needs=[])
    calls_before = enrolment.calls.count()
    answer = region.api("coordinator").post(
        "/api/v1/phone/calls", {"enrolment_id": enrolment.pk, "reached": True}, content_type="application/json"
    )
    assert answer.status_code == 422 and "отозвал согласие" in str(answer.json())
    assert Enrolment.objects.get(pk=enrolment.pk).calls.count() == calls_before


def test_withdrawing_the_phone_consent_ends_the_enrolment_only(region):
    from phone.models import Enrolment

    enrolment = region.call_a.enrolment
    consent = Consent.objects.get_or_create(beneficiary=enrolment.beneficiary, purpose="phone_service")[0]
    region.client("coordinator").post(reverse("people:consent_withdraw", args=[consent.pk]))
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    assert enrolment.ended_at and enrolment.end_reason == "Отзыв согласия на участие в службе"
    assert Beneficiary.objects.get(pk=enrolment.beneficiary_id).anonymized_at is None
