"""#12: the KPI figures counted by the database equal the pure functions over every call."""

import random
from datetime import time, timedelta

from django.db.models import Q
from django.utils import timezone

from people.models import Beneficiary
from phone import kpi, queries
from phone.models import Call, Enrolment


def _service(region, seed=1):
    rng = random.Random(seed)
    now = timezone.now()
    for n in range(12):
        person = Beneficiary.objects.create(full_name=f"Человек {n}", territory=region.a1)
        enrolment = Enrolment.objects.create(
            beneficiary=person,
            volunteer=region.volunteer_a if n % 3 else None,
            weekdays=[1, 4],
            window_start=time(10),
            window_end=time(11),
            started_on=timezone.localdate() - timedelta(days=700),
        )
        for _ in range(rng.randint(0, 12)):
            Call.objects.create(
                enrolment=enrolment,
                volunteer=enrolment.volunteer,
                reached=rng.random() < 0.7,
                called_at=now - timedelta(days=rng.randint(0, 650), hours=rng.randint(0, 23)),
                satisfaction=rng.choice([None, None, 2, 4, 5]),
            )


def _old_kpi(enrolments, date_from, date_to):
    start, end = queries._bounds(date_from, date_to)
    ids = list(
        enrolments.filter(started_on__lte=date_to)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=start))
        .values_list("pk", flat=True)
    )
    calls = queries._call_facts(Call.objects.filter(enrolment_id__in=ids, called_at__range=(start, end)))
    return kpi.compute(ids, calls)


def test_it_counts_the_period_and_the_quarters_as_the_pure_functions_do(region):
    _service(region)
    today = timezone.localdate()
    enrolments = Enrolment.objects.all()
    alerts = ("alerts_raised", "alerts_resolved")  # counted the same way before and after
    for days in (30, 365, 700):
        counted = queries.kpi_for(enrolments, today - timedelta(days=days), today)
        expected = _old_kpi(enrolments, today - timedelta(days=days), today)
        assert {k: v for k, v in counted.items() if k not in alerts} == {
            k: v for k, v in expected.items() if k not in alerts
        }
    identifications = queries.kpi_scope(region.users["coordinator"])[1]
    rows, total = queries.quarterly_for(enrolments, identifications, today)
    earliest = min(timezone.localtime(at).date() for at in Call.objects.values_list("called_at", flat=True))
    first = kpi.quarter_bounds(*kpi.quarter_of(earliest))[0]
    start, end = queries._bounds(first, kpi.quarter_bounds(*kpi.quarter_of(today))[1])
    calls = queries._call_facts(Call.objects.filter(called_at__range=(start, end)))
    last = kpi.quarter_bounds(*kpi.quarter_of(today))[1]
    found = queries._identification_facts(identifications.filter(identified_on__range=(first, last)))
    expected = kpi.quarterly(found, calls, first, last)
    assert (rows, total) == expected
    assert total["calls"] == Call.objects.filter(reached=True).count()
