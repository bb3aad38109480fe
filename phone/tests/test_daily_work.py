"""#9: the volunteer's phone pages — «Мои подопечные», the call form, requests from calls."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from catalog.models import ServiceCategory
from helprequests.models import HelpRequest
from phone import services
from phone.models import Call


def test_it_lists_everyone_the_volunteer_calls_with_last_call_and_next_day(region):
    page = region.client("volunteer").get(reverse("phone:mine")).content.decode()
    assert region.person_a.full_name in page
    assert "Последний звонок: " + timezone.localtime(region.call_a.called_at).strftime("%d.%m.%Y") in page
    assert "Следующий по графику:" in page
    assert reverse("phone:call", args=[region.enrolment_a.pk]) + "?from=mine" in page


def test_it_logs_an_off_schedule_call_from_my_people_and_returns_there(region):
    url = reverse("phone:call", args=[region.enrolment_a.pk]) + "?from=mine"
    answer = region.client("volunteer").post(url, {"reached": "yes", "duration_min": "12", "wellbeing": "4"})
    assert answer.status_code == 302 and answer.url == reverse("phone:mine")
    assert region.enrolment_a.calls.first().duration_s == 720


def test_it_creates_a_request_with_the_problem_and_the_need_not_the_wellbeing_notes(region):
    groceries = ServiceCategory.objects.get(code="groceries")
    region.client("volunteer").post(
        reverse("phone:call", args=[region.enrolment_a.pk]),
        {
            "reached": "yes",
            "notes": "Давление 180, плакала",
            "need_note": "Нужно купить хлеб и молоко к пятнице",
            "problems": [groceries.pk],
            "create_request": "on",
        },
    )
    request = HelpRequest.objects.get(channel="phone_volunteer")
    assert "Давление" not in request.description
    assert groceries.name in request.description and "хлеб и молоко к пятнице" in request.description


def test_it_thanks_only_for_a_reached_call(region):
    unreached = Call.objects.create(enrolment=region.enrolment_a, volunteer=region.volunteer_a, reached=False)
    with pytest.raises(ValidationError):
        services.thank(call=unreached, actor=region.users["coordinator"], text="Спасибо")
    page = region.client("coordinator").get(reverse("phone:enrolment", args=[region.enrolment_a.pk])).content.decode()
    assert page.count("Поблагодарить") == 1  # call_a (reached) only


def test_it_shows_the_duration_in_the_unit_entered(region):
    Call.objects.filter(pk=region.call_a.pk).update(duration_s=223 * 60, called_at=timezone.now() - timedelta(hours=1))
    page = region.client("coordinator").get(reverse("phone:enrolment", args=[region.enrolment_a.pk])).content.decode()
    assert "223 минуты" in page and "13380" not in page


def test_it_groups_the_problems_most_frequent_first(region):
    firewood = ServiceCategory.objects.get(code="firewood")
    region.call_a.problems.set([firewood])
    page = region.client("volunteer").get(reverse("phone:call", args=[region.enrolment_a.pk])).content.decode()
    frequent = page.split('class="problem-group frequent"')[1].split("</div>")[0]
    assert firewood.name in frequent
    assert page.count('<details class="problem-group"') >= 2


def test_it_serves_a_valid_ics_feed_with_dtstamp_and_vtimezone(region, client):
    from icalendar import Calendar

    body = client.get(reverse("phone:calendar", args=[region.calendar_token])).content
    cal = Calendar.from_ical(body)
    events = cal.walk("VEVENT")
    assert events
    assert all(e.get("DTSTAMP") is not None for e in events)
    zones = {str(z["TZID"]) for z in cal.walk("VTIMEZONE")}
    used = {e["DTSTART"].params.get("TZID") for e in events}
    assert used and used <= zones
