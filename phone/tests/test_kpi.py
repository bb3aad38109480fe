from datetime import datetime, time, timedelta

from django.utils import timezone

from phone import kpi, queries
from phone.models import Alert, Call, Enrolment


def test_it_computes_the_practice_figures_on_a_known_dataset():
    day = datetime(2022, 9, 1)
    facts = [
        kpi.CallFact(1, 101, 10, day, True, 5),
        kpi.CallFact(1, 101, 10, day, True, None),
        kpi.CallFact(2, 102, 10, day, True, 4),
        kpi.CallFact(3, 103, 11, day, True, 2),
        kpi.CallFact(4, 104, 11, day, False, None),
    ]
    figures = kpi.compute([1, 2, 3, 4], facts, alerts_raised=2, alerts_resolved=1)
    assert figures["enrolled"] == 4 and figures["reached"] == 3 and figures["reached_pct"] == 75.0
    assert figures["calls"] == 4 and figures["attempts"] == 5 and figures["calls_per_person"] == 1.0
    assert figures["satisfaction_pct"] == 66.6 and figures["active_volunteers"] == 2
    assert (figures["alerts_raised"], figures["alerts_resolved"]) == (2, 1)


def test_it_reports_nothing_as_none_rather_than_zero_percent():
    figures = kpi.compute([], [])
    assert figures["reached_pct"] is None and figures["turned_pct"] is None and figures["satisfaction_pct"] is None


def test_it_counts_a_territory_and_period_from_the_database(region):
    people = [region.person_a, region.person_a2]
    from people.models import Beneficiary

    people += [Beneficiary.objects.create(full_name=f"Человек {i}", territory=region.a1) for i in range(2)]
    Call.objects.all().delete()
    Alert.objects.all().delete()
    Enrolment.objects.all().delete()
    enrolments = [
        Enrolment.objects.create(
            beneficiary=p,
            volunteer=region.volunteer_a,
            weekdays=[1],
            window_start=time(10),
            window_end=time(11),
            started_on=timezone.localdate() - timedelta(days=40),
        )
        for p in people
    ]
    now = timezone.now()
    for e, reached in zip(enrolments, [True, True, True, False], strict=True):
        Call.objects.create(
            enrolment=e,
            volunteer=region.volunteer_a,
            reached=reached,
            called_at=now - timedelta(days=3),
            satisfaction=5 if reached else None,
        )
    Call.objects.create(enrolment=enrolments[3], reached=True, called_at=now - timedelta(days=90))  # outside
    figures = queries.kpi_for(Enrolment.objects.all(), timezone.localdate() - timedelta(days=30), timezone.localdate())
    assert (figures["enrolled"], figures["reached"], figures["reached_pct"]) == (4, 3, 75.0)
    assert figures["calls"] == 3 and figures["satisfaction_pct"] == 100.0
    api = (
        region.api("analyst")
        .get(
            "/api/v1/phone/kpi",
            {
                "territory_id": region.a.pk,
                "date_from": str(timezone.localdate() - timedelta(days=30)),
                "date_to": str(timezone.localdate()),
            },
        )
        .json()
    )
    assert (api["enrolled"], api["reached"], api["reached_pct"], api["calls"]) == (4, 3, 75.0, 3)
    assert api["identified"] == 4  # as API.md defines it: people enrolled
