from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from catalog.models import ServiceCategory
from helprequests.models import HelpRequest
from phone import services
from phone.models import Alert, Call, Enrolment, Pause
from volunteers.models import Volunteer


@pytest.fixture
def fresh(region):
    """person_a2 not yet enrolled; volunteer_a is a silver volunteer."""
    return region


def test_it_requires_consent_for_this_purpose_and_records_it(fresh):
    kwargs = {
        "beneficiary": fresh.person_a2,
        "volunteer": fresh.volunteer_a,
        "weekdays": [2, 4],
        "window_start": time(10),
        "window_end": time(11),
        "actor": fresh.users["coordinator"],
    }
    with pytest.raises(ValidationError, match="согласие"):
        services.enrol(**kwargs)
    enrolment = services.enrol(consent_given=True, **kwargs)
    assert fresh.person_a2.consents.filter(purpose="phone_service", withdrawn_at=None).exists()
    assert enrolment.volunteer_history.get().volunteer == fresh.volunteer_a
    with pytest.raises(ValidationError, match="уже участвует"):
        services.enrol(consent_given=True, **kwargs)


def test_it_refuses_a_window_that_ends_before_it_starts(fresh):
    with pytest.raises(ValidationError) as error:
        services.enrol(
            beneficiary=fresh.person_a2,
            volunteer=None,
            weekdays=[],
            window_start=time(12),
            window_end=time(10),
            actor=None,
            consent_given=True,
        )
    assert set(error.value.message_dict) == {"weekdays", "window_end"}


def test_reassignment_keeps_calls_and_history(fresh):
    other = Volunteer.objects.create(full_name="Другая Волонтёрша", age_group="silver", territory=fresh.a1)
    services.reassign(enrolment=fresh.enrolment_a, volunteer=other, actor=fresh.users["coordinator"], reason="Уехала")
    enrolment = Enrolment.objects.get(pk=fresh.enrolment_a.pk)
    assert enrolment.volunteer == other and enrolment.calls.count() == 1
    assert enrolment.calls.get().volunteer == fresh.volunteer_a
    assert enrolment.volunteer_history.last().reason == "Уехала"


def _call_on(enrolment, day, reached=False):
    at = timezone.make_aware(datetime.combine(day, time(10, 30)))
    return Call.objects.create(enrolment=enrolment, volunteer=enrolment.volunteer, reached=reached, called_at=at)


def test_it_raises_one_alert_after_three_consecutive_unreached_scheduled_calls(fresh):
    Alert.objects.all().delete()
    Call.objects.all().delete()
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday() + 14)
    enrolment = fresh.enrolment_a
    Enrolment.objects.filter(pk=enrolment.pk).update(started_on=monday - timedelta(days=30))
    enrolment.refresh_from_db()
    _call_on(enrolment, monday - timedelta(days=7), reached=True)
    _call_on(enrolment, monday)
    _call_on(enrolment, monday + timedelta(days=2))
    assert services.check_alert(enrolment, today=monday + timedelta(days=6)) is None
    _call_on(enrolment, monday + timedelta(days=4))
    alert = services.check_alert(enrolment, today=monday + timedelta(days=6))
    assert alert is not None
    assert services.check_alert(enrolment, today=monday + timedelta(days=6)) is None  # one open alert at a time
    with pytest.raises(ValidationError):
        services.resolve_alert(alert=alert, actor=None, resolution=" ")
    services.resolve_alert(alert=alert, actor=fresh.users["coordinator"], resolution="Сын приехал, всё хорошо")
    assert Alert.objects.get(pk=alert.pk).resolved_at is not None


def test_a_pause_keeps_the_alert_down(fresh):
    Alert.objects.all().delete()
    Call.objects.all().delete()
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday() + 14)
    enrolment = fresh.enrolment_a
    Enrolment.objects.filter(pk=enrolment.pk).update(started_on=monday - timedelta(days=30))
    enrolment.refresh_from_db()
    Pause.objects.create(
        enrolment=enrolment, starts_on=monday + timedelta(days=2), ends_on=monday + timedelta(days=9), reason="hospital"
    )
    for offset in (0, 2, 4):
        _call_on(enrolment, monday + timedelta(days=offset))
    assert services.check_alert(enrolment, today=monday + timedelta(days=6)) is None


def test_a_problem_on_a_call_becomes_a_request_for_operators(fresh):
    groceries = ServiceCategory.objects.get(code="groceries")
    client = fresh.client("volunteer")
    response = client.post(
        reverse("phone:call", args=[fresh.enrolment_a.pk]),
        {
            "reached": "yes",
            "duration_min": "12",
            "wellbeing": "3",
            "mood": "4",
            "plans": "Ждёт внука",
            "problems": [groceries.pk],
            "create_request": "on",
            "need_note": "Кончились продукты",  # #9: the need, never the wellbeing notes
        },
    )
    assert response.status_code == 302
    call = Call.objects.filter(enrolment=fresh.enrolment_a).latest("id")
    request = call.help_request
    assert request.channel == "phone_volunteer" and request.status == "new"
    assert [n.code for n in request.needs.all()] == ["groceries"] and "Кончились продукты" in request.description
    assert call.duration_s == 720 and call.volunteer == fresh.volunteer_a
    queue = fresh.client("operator").get(reverse("helprequests:list")).content.decode()
    assert request.number in queue


def test_wellbeing_notes_are_shown_only_to_the_volunteer_their_organization_and_coordinators(fresh):
    url = reverse("phone:enrolment", args=[fresh.enrolment_a.pk])
    for role in ("coordinator", "org_staff", "volunteer"):
        assert "Болит спина" in fresh.client(role).get(url).content.decode(), role
    for role in ("operator", "analyst", "admin"):
        assert fresh.client(role).get(url).status_code == 403, role
    stranger = Volunteer.objects.create(full_name="Чужой", age_group="adult", territory=fresh.a1)
    from accounts.models import User

    user = User.objects.create(username="stranger", role="volunteer", territory=fresh.a1)
    Volunteer.objects.filter(pk=stranger.pk).update(user=user)
    assert fresh.client(user).get(url).status_code == 404


def test_the_volunteer_sees_todays_calls_with_click_to_call(fresh):
    today = timezone.localdate()
    Enrolment.objects.filter(pk=fresh.enrolment_a.pk).update(weekdays=[today.isoweekday()])
    Call.objects.all().delete()
    page = fresh.client("volunteer").get(reverse("phone:today")).content.decode()
    assert "Иванова Анна Петровна" in page and 'href="tel:+79101112233"' in page
    assert "довольны ли звонками" in page  # no survey in the last 90 days


def test_it_serves_an_icalendar_feed_without_surnames(fresh):
    response = fresh.client("anon").get(reverse("phone:calendar", args=[fresh.calendar_token]))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar") and "BEGIN:VEVENT" in body
    assert "Позвонить: Анна Петровна" in body and "Иванова" not in body
    assert fresh.client("anon").get(reverse("phone:calendar", args=["wrong"])).status_code == 404


def test_a_coordinator_thanks_a_volunteer_who_sees_it(fresh):
    fresh.client("coordinator").post(reverse("phone:thank", args=[fresh.call_a.pk]), {"text": "Спасибо, Вера!"})
    assert "Спасибо, Вера!" in fresh.client("volunteer").get(reverse("phone:today")).content.decode()


def test_it_suggests_silver_volunteers_first(fresh):
    Volunteer.objects.create(full_name="Юный Юрий", age_group="youth", territory=fresh.a1, max_load=5)
    page = fresh.client("coordinator").get(reverse("phone:enrolment", args=[fresh.enrolment_a.pk])).content.decode()
    section = page.split("Подходящие волонтёры")[1]
    assert section.index("Волонтёрова Вера") < section.index("Юный Юрий")
    assert "серебряный волонтёр" in section


def test_the_telephony_api_posts_calls_and_can_open_a_request(fresh):
    response = fresh.api("coordinator").post(
        "/api/v1/phone/calls",
        {
            "enrolment_id": fresh.enrolment_a.pk,
            "reached": True,
            "duration_s": 300,
            "wellbeing": 4,
            "mood": 5,
            "problem_codes": ["medicines"],
            "create_request": True,
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    data = response.json()
    assert HelpRequest.objects.get(pk=data["help_request_id"]).channel == "phone_volunteer"
    bad = fresh.api("coordinator").post(
        "/api/v1/phone/calls",
        {"enrolment_id": fresh.enrolment_a.pk, "reached": True, "wellbeing": 9},
        content_type="application/json",
    )
    assert bad.status_code == 422 and "wellbeing" in bad.json()["errors"]


def test_it_moves_the_enrolment_with_its_calls_on_a_merge_and_logs_what_moved(fresh):
    from audit.models import AuditEntry
    from people.services import beneficiary_merge
    from phone.models import Identification

    coordinator = fresh.users["coordinator"]
    keep, drop = fresh.person_a2, fresh.person_a  # person_a has enrolment_a with call_a
    Identification.objects.create(beneficiary=drop, identified_by="Соцработник Петрова")
    beneficiary_merge(keep=keep, drop=drop, actor=coordinator)
    fresh.enrolment_a.refresh_from_db()
    assert fresh.enrolment_a.beneficiary_id == keep.pk and fresh.enrolment_a.calls.count() == 1
    assert not Identification.objects.filter(beneficiary=drop).exists()
    entry = AuditEntry.objects.get(
        object_type="people.beneficiary", object_id=str(keep.pk), details__merge_moved__app="phone"
    )
    assert entry.user == coordinator
    assert entry.details["merge_moved"] == {
        "app": "phone",
        "keep": keep.pk,
        "drop": drop.pk,
        "enrolments": 1,
        "calls": 1,
        "identifications": 1,
        "volunteers": [fresh.volunteer_a.pk],
    }


def test_it_creates_an_alert_by_hand_once_and_audits_it(fresh):
    from audit.models import AuditEntry

    Alert.objects.all().delete()
    coordinator = fresh.users["coordinator"]
    alert = services.alert_create(enrolment=fresh.enrolment_a, actor=coordinator)
    assert services.alert_create(enrolment=fresh.enrolment_a, actor=coordinator) == alert  # one open alert
    assert AuditEntry.objects.filter(object_id=str(alert.pk), action="create", user=coordinator).exists()
    services.end(enrolment=fresh.enrolment_a, actor=coordinator, reason="Переехала")
    services.resolve_alert(alert=alert, actor=coordinator, resolution="Переехала к дочери")
    with pytest.raises(ValidationError, match="выбыл"):
        services.alert_create(enrolment=fresh.enrolment_a, actor=coordinator)
