"""Facts changing recompute the stored level after commit (not on page view); consent withdrawal erases ties."""

from datetime import date, time, timedelta

from django.urls import reverse
from django.utils import timezone

from helprequests import services as request_services
from people.models import Beneficiary, Consent
from people.services import consent_give, consent_withdraw
from phone import services as phone_services
from phone.models import Enrolment
from ties import services
from ties.models import Level, RelativeMessage, Risk, Tie


def _person(region, **extra):
    return Beneficiary.objects.create(
        full_name="Авто Анна Петровна", territory=region.a1, lives_alone=True, birth_date=date(1940, 1, 1), **extra
    )


def test_it_computes_a_new_person_and_updates_the_last_contact_from_a_reached_call(
    region, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        person = _person(region)
    risk = Risk.objects.get(pk=person.pk)
    assert risk.last_contact_at is None and "успешных контактов не записано" in risk.sentences
    enrolment = Enrolment.objects.create(
        beneficiary=person, volunteer=region.volunteer_a, weekdays=[1], window_start=time(10), window_end=time(11)
    )
    with django_capture_on_commit_callbacks(execute=True):
        phone_services.log_call(enrolment=enrolment, actor=region.users["volunteer"], reached=True)
    risk.refresh_from_db()
    assert risk.last_contact_at is not None and risk.has_current_contact
    assert "регулярные звонки «Алло, волонтёр!»" in risk.sentences


def test_it_updates_the_last_contact_when_a_help_request_is_connected(region, django_capture_on_commit_callbacks):
    person = _person(region)
    services.risk_recompute([person.pk])
    from catalog.models import ServiceCategory
    from directory.models import OrganizationService

    OrganizationService.objects.get_or_create(
        organization=region.org_a, category=ServiceCategory.objects.get(code="groceries")
    )
    request = request_services.request_create(
        beneficiary=person, channel="hotline", needs=list(ServiceCategory.objects.filter(code="groceries"))
    )
    request_services.request_assign(
        help_request=request, helper_type="organization", helper_id=region.org_a.pk, actor=region.users["coordinator"]
    )
    request.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        request_services.request_connect(help_request=request, actor=region.users["org_staff"])
    risk = Risk.objects.get(pk=person.pk)
    assert risk.last_contact_at is not None and risk.has_current_contact
    assert timezone.now() - risk.last_contact_at < timedelta(minutes=1)


def test_it_raises_the_level_when_facts_change_and_marks_it_rising(region, django_capture_on_commit_callbacks):
    person = _person(region)
    services.risk_recompute([person.pk])
    before = Risk.objects.get(pk=person.pk)
    with django_capture_on_commit_callbacks(execute=True):
        person.mobility = "homebound"
        person.save()
    after = Risk.objects.get(pk=person.pk)
    assert after.score > before.score and after.rising and after.previous_score == before.score
    assert after.level == Level.HIGH


def test_it_does_not_recompute_on_page_view(region):
    stamp = Risk.objects.get(pk=region.person_a.pk).computed_at
    assert region.client("coordinator").get(reverse("people:detail", args=[region.person_a.pk])).status_code == 200
    assert Risk.objects.get(pk=region.person_a.pk).computed_at == stamp


def _daughter(region):
    return services.tie_save(
        beneficiary=region.person_a, actor=None, kind="relative", contact_name="Дочь Ирина", phone="+79105550011"
    )


def test_it_shows_the_circle_of_ties_with_a_text_list(region):
    _daughter(region)
    page = region.client("coordinator").get(reverse("people:detail", args=[region.person_a.pk])).text
    assert "Круг связей" in page and 'role="img"' in page
    assert "Дочь Ирина" in page and "Телефонный волонтёр" in page and "Волонтёрова Вера" in page
    assert "Долговременный уход" in page and "Риск одиночества" in page


def test_it_erases_ties_personal_data_when_consent_is_withdrawn(region):
    tie = _daughter(region)
    Tie.objects.filter(pk=tie.pk).update(email="irina@example.com", agrees_to_messages=True)
    RelativeMessage.objects.create(tie=tie, event="x", channel="email", address="irina@example.com", text="Текст")
    consent_withdraw(consent=region.consent_a, actor=region.users["coordinator"])
    tie.refresh_from_db()
    tie.contact.refresh_from_db()
    assert tie.email == "" and not tie.agrees_to_messages
    assert tie.contact.name == "Обезличено" and tie.contact.phone == ""
    message = RelativeMessage.objects.get(tie=tie)
    assert message.address == "" and message.text == ""
    assert "Позвонить дочери" not in region.task_a.__class__.objects.get(pk=region.task_a.pk).text


def test_it_messages_only_relatives_who_agreed_when_the_person_consented(region, mailoutbox, capsys):
    from ties import relatives

    person = region.person_a
    agreed = services.tie_save(
        beneficiary=person,
        actor=None,
        kind="relative",
        contact_name="Сын Олег",
        phone="+79105550022",
        email="oleg@example.com",
        agrees_to_messages=True,
    )
    Tie.objects.filter(pk=_daughter(region).pk).update(email="irina@example.com")  # did not agree
    assert relatives.inform(person, "test:1", "Текст") == []  # no consent of the person yet
    consent_give(beneficiary=person, purpose=Consent.Purpose.RELATIVES, actor=None)
    sent = relatives.inform(person, "test:1", "Текст")
    assert {(m.tie_id, m.channel) for m in sent} == {(agreed.pk, "email"), (agreed.pk, "sms")}
    assert [m.to for m in mailoutbox] == [["oleg@example.com"]]
    assert "SMS +79105550022" in capsys.readouterr().out
    assert relatives.inform(person, "test:1", "Текст") == []  # never twice for one event


def test_it_informs_relatives_when_the_phone_service_raises_an_alert(
    region, mailoutbox, django_capture_on_commit_callbacks
):
    from phone.models import Alert

    services.tie_save(
        beneficiary=region.person_a,
        actor=None,
        kind="relative",
        contact_name="Сын Олег",
        email="oleg@example.com",
        agrees_to_messages=True,
    )
    consent_give(beneficiary=region.person_a, purpose=Consent.Purpose.RELATIVES, actor=None)
    with django_capture_on_commit_callbacks(execute=True):
        Alert.objects.create(enrolment=region.enrolment_a)
    assert len(mailoutbox) == 1 and "Анны Петровны" in mailoutbox[0].body


def test_it_moves_ties_when_two_records_are_merged(region):
    from people.services import beneficiary_merge

    drop = Beneficiary.objects.create(full_name="Иванова А. П.", territory=region.a1)
    tie = services.tie_save(beneficiary=drop, actor=None, kind="neighbour", contact_name="Соседка Зоя")
    beneficiary_merge(keep=region.person_a, drop=drop, actor=region.users["coordinator"])
    tie.refresh_from_db()
    assert tie.beneficiary_id == region.person_a.pk and tie.contact.beneficiary_id == region.person_a.pk


def test_it_logs_the_ties_and_tasks_a_merge_moves(region):
    from audit.models import AuditEntry
    from people.services import beneficiary_merge
    from ties.models import Task

    coordinator = region.users["coordinator"]
    drop = Beneficiary.objects.create(full_name="Иванова А. П.", territory=region.a1)
    services.tie_save(beneficiary=drop, actor=None, kind="neighbour", contact_name="Соседка Зоя")
    Task.objects.create(beneficiary=drop, text="Навестить")
    beneficiary_merge(keep=region.person_a, drop=drop, actor=coordinator)
    entry = AuditEntry.objects.get(
        object_type="people.beneficiary", object_id=str(region.person_a.pk), details__merge_moved__app="ties"
    )
    assert entry.user == coordinator
    assert entry.details["merge_moved"] == {
        "app": "ties",
        "keep": region.person_a.pk,
        "drop": drop.pk,
        "ties": 1,
        "tasks": 1,
    }
