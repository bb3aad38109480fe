"""The platform's figures for a territory come from its own records, below it, in the last 12 months."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from assessments import selectors
from helprequests.models import HelpRequest
from volunteers.models import Volunteer


def _texts(figures):
    return {key: [f.text for f in items] for key, items in figures.items()}


def test_it_counts_requests_connected_in_time_for_the_territory(region):
    now = timezone.now()
    HelpRequest.objects.all().delete()
    start = now - timedelta(days=40)
    for i in range(10):
        HelpRequest.objects.create(
            beneficiary=region.person_a,
            territory=region.a1,
            channel="neighbour" if i < 3 else "hotline",
            received_at=start,
            status="connected" if i < 9 else "new",
            connected_at=start + timedelta(hours=30 if i < 7 else 100) if i < 9 else None,
        )
    HelpRequest.objects.create(  # older than 12 months: not counted
        beneficiary=region.person_a, territory=region.a1, channel="hotline", received_at=now - timedelta(days=400)
    )
    HelpRequest.objects.create(beneficiary=region.person_b, territory=region.b1, channel="hotline", received_at=start)
    figures = _texts(selectors.evidence_for(region.a, now))
    assert figures["routing"][0] == "70 %"
    assert figures["routing"][1] == "2"  # the unconnected one of A1 and the 400-day-old one are overdue now
    assert figures["neighbours"] == ["3", "30 %"]
    assert figures["leaders"] == ["1"]
    assert figures["sites"] == ["нет данных"]
    assert figures["awareness"] == ["1", "нет данных"]


def test_it_shows_volunteers_youth_and_load(region):
    Volunteer.objects.create(full_name="Юный Юрий", age_group="youth", territory=region.a1, max_load=3)
    figures = _texts(selectors.evidence_for(region.a))
    assert figures["volunteers"] == ["2", "0 %"]
    assert figures["youth"] == ["1", "50 %"]
    b = _texts(selectors.evidence_for(region.b))
    assert b["volunteers"] == ["нет данных", "нет данных"] and b["leaders"] == ["нет данных"]


def test_it_lists_sessions_and_practices_in_a_fixed_number_of_queries(region, django_assert_max_num_queries):
    from assessments import services

    for day in range(1, 6):
        services.session_create(
            actor=region.users["coordinator"], territory=region.a1, held_on=timezone.localdate() - timedelta(days=day)
        )
    client = region.client("coordinator")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("assessments:sessions")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("practices:manage")).status_code == 200
    with django_assert_max_num_queries(8):
        assert region.client("anon").get(reverse("practices:library")).status_code == 200


def test_it_takes_figures_up_to_the_session_date(region):
    from datetime import date

    from assessments.models import Session

    now = timezone.now()
    past = Session(held_on=date(2025, 1, 14))
    assert selectors.evidence_moment(past, now).date() == date(2025, 1, 14)
    ahead = Session(held_on=timezone.localdate() + timedelta(days=5))
    assert selectors.evidence_moment(ahead, now) == now
