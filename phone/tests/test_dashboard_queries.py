from datetime import time, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from people.models import Beneficiary
from phone.models import Alert, Call, Enrolment, MissedCount, Pause
from phone.queries import refresh_missed
from volunteers.models import Volunteer


def _add_people(region, n, offset):
    """n more participants (half of them with their own volunteer), with calls, a pause, an alert and birthdays."""
    today = timezone.localdate()
    for i in range(offset, offset + n):
        volunteer = Volunteer.objects.create(full_name=f"Волонтёр {i}", age_group="silver", territory=region.a1)
        person = Beneficiary.objects.create(
            full_name=f"Участник {i}", territory=region.a1, birth_date=(today + timedelta(days=3)).replace(year=1940)
        )
        enrolment = Enrolment.objects.create(
            beneficiary=person,
            volunteer=volunteer if i % 2 else region.volunteer_a,
            weekdays=[1, 2, 3, 4, 5, 6, 7],
            window_start=time(10),
            window_end=time(11),
            started_on=today - timedelta(days=30),
        )
        Call.objects.create(enrolment=enrolment, volunteer=enrolment.volunteer, reached=i % 3 == 0)
        if i % 4 == 0:
            Pause.objects.create(enrolment=enrolment, starts_on=today - timedelta(days=5), ends_on=today, reason="away")
            Alert.objects.create(enrolment=enrolment)


def _queries(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/phone/")
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_it_keeps_the_dashboard_query_count_fixed_as_the_service_grows(region):
    client = region.client("coordinator")
    _add_people(region, 5, 0)
    refresh_missed()
    _queries(client)  # warm: the KPI strip is kept in the cache for ten minutes (#12)
    small, page = _queries(client)
    assert "Участник 1" in page and "День рождения" in page
    _add_people(region, 40, 5)
    refresh_missed()  # the periodic check's rollup of missed calls (#12)
    large, page = _queries(client)
    assert large == small, f"{small} queries with 6 participants, {large} with 46"
    # The participants' table is paged (25 a page) with its own parameter, leaving the identified list alone.
    assert "Страница 1 из 2" in page and "people=2" in page
    assert "Участник 9" in client.get("/phone/?people=2").content.decode()


def test_it_pages_the_missed_calls_and_alerts_and_logs_only_the_people_shown(region):
    from audit.models import AuditEntry

    client = region.client("coordinator")
    _add_people(region, 60, 0)
    refresh_missed()
    assert MissedCount.objects.filter(missed__gt=0).count() >= 60
    _queries(client)  # warm: the KPI strip is kept in the cache for ten minutes (#12)
    count, page = _queries(client)
    assert "Пропущенные по графику звонки" in page and "данные на" in page
    assert "missed=2" in page and "alerts=" not in page  # 60 people with misses: 3 pages; 15 alerts: one page
    entry = AuditEntry.objects.filter(details__what="«Алло, волонтёр!»: панель").order_by("-pk").first()
    # the participants' page (25), the missed-calls page (25), alerts (15), birthdays (25): not all 60 people
    assert len(entry.details["ids"]) <= 25 * 3 + 15
    again, page2 = _queries(client)
    assert again == count
    second = client.get("/phone/?missed=3").content.decode()
    assert "Страница 3 из 3" in second


def test_it_recomputes_a_stale_missed_rollup_once(region):
    client = region.client("coordinator")
    _add_people(region, 3, 0)
    _queries(client)  # no rollup yet: computed by this view
    first = MissedCount.objects.values_list("computed_at", flat=True).first()
    assert first is not None
    _queries(client)
    assert MissedCount.objects.values_list("computed_at", flat=True).first() == first
    MissedCount.objects.update(computed_at=timezone.now() - timedelta(hours=2))
    _, page = _queries(client)
    assert MissedCount.objects.values_list("computed_at", flat=True).first() > first
    assert "Участник 1" in page
