"""#12: the list's tabs are counted in one query for the request queues (and one for the follow-up calls),
with the same numbers as a COUNT per queue."""

import random
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import access
from helprequests import queues
from helprequests.models import FollowUp, HelpRequest, Status
from helprequests.services import request_create


def _requests(region, count=40, seed=3):
    rng = random.Random(seed)
    now = timezone.now()
    for i in range(count):
        person = region.person_a if i % 2 else region.person_b
        request = request_create(beneficiary=person, channel="hotline", needs=[])
        HelpRequest.objects.filter(pk=request.pk).update(
            status=rng.choice(list(Status.values)), connect_due_at=now + timedelta(hours=rng.randint(-96, 96))
        )
        for kind in ["14d", "30d"][: rng.randint(0, 2)]:
            days = rng.randint(-2 * settings.FOLLOWUP_MISSED_AFTER_DAYS, 3)
            FollowUp.objects.create(
                request=request,
                kind=kind,
                due_at=now + timedelta(days=days, minutes=rng.randint(0, 600)),
                done_at=now if rng.random() < 0.3 else None,
            )


def _one_count_per_queue(base, now):
    result = {key: fn(base, now).count() for key, (_, fn) in queues.REQUEST_QUEUES.items() if key != "all"}
    return result | {key: fn(base, now).count() for key, (_, fn) in queues.FOLLOWUP_QUEUES.items()}


def test_it_counts_the_tabs_in_two_queries_as_a_count_per_queue_would(region):
    _requests(region)
    now = timezone.now()
    for user in (region.users["coordinator"], region.users["admin"]):
        base = access.scoped(user, queues.all_requests())
        with CaptureQueriesContext(connection) as ctx:
            counted = queues.counts(base, now)
        assert len(ctx.captured_queries) == 2
        assert counted == _one_count_per_queue(base, now)
        assert counted["overdue"] == base.overdue(now).count() and counted["soon"] == base.due_soon(24, now).count()
    assert counted["open"] and counted["overdue"] and counted["followups"] and counted["missed"]
