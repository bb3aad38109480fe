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


def test_it_finds_the_quiet_volunteers_the_maximum_over_all_their_calls_finds(region):
    """#12: «без успешных звонков 14 дней» is answered per volunteer from the index of reached calls; the same
    volunteers and last conversations as the maximum over every call (the computation it replaced)."""
    from django.db.models import Max, Q

    from phone.queries import quiet_volunteers

    now = timezone.now()
    ago = {"old_talk": 20, "fresh_talk": 3, "no_talk": None, "new_no_talk": None, "missed_lately": 25}
    for i, (name, days) in enumerate(ago.items()):
        volunteer = Volunteer.objects.create(full_name=f"Тихий {name}", age_group="silver", territory=region.a1)
        if name != "new_no_talk":
            Volunteer.objects.filter(pk=volunteer.pk).update(created_at=now - timedelta(days=40))
        person = Beneficiary.objects.create(full_name=f"Звонимый {i}", territory=region.a1)
        enrolment = Enrolment.objects.create(
            beneficiary=person, volunteer=volunteer, weekdays=[1], window_start=time(10), window_end=time(11),
            started_on=timezone.localdate() - timedelta(days=60),
        )  # fmt: skip
        if days is not None:
            Call.objects.create(
                enrolment=enrolment, volunteer=volunteer, reached=True, called_at=now - timedelta(days=days)
            )
        if name == "missed_lately":  # tried yesterday, nobody answered: still quiet
            Call.objects.create(
                enrolment=enrolment, volunteer=volunteer, reached=False, called_at=now - timedelta(days=1)
            )
    border = now - timedelta(days=14)
    enrolments = Enrolment.objects.all()
    recent = Call.objects.filter(called_at__gte=border, reached=True, volunteer__isnull=False).values("volunteer_id")
    by_maximum = (
        Volunteer.objects.filter(phone_enrolments__in=enrolments.active())
        .exclude(pk__in=recent)
        .annotate(last_reached=Max("phone_calls__called_at", filter=Q(phone_calls__reached=True)))
        .filter(Q(last_reached__lt=border) | Q(last_reached__isnull=True, created_at__lt=border))
        .distinct()
    )
    found = [(v.full_name, v.last_reached) for v in quiet_volunteers(enrolments, now)]
    assert sorted(found) == sorted((v.full_name, v.last_reached) for v in by_maximum)
    assert {name for name, _ in found if name.startswith("Тихий")} == {
        "Тихий old_talk", "Тихий no_talk", "Тихий missed_lately"
    }  # fmt: skip
    page = region.client("coordinator").get("/phone/").content.decode()
    quiet = page.split("Волонтёры без успешных звонков 14 дней")[1].split("</ul>")[0]
    assert "Тихий old_talk</a> — последний разговор" in quiet and "Тихий fresh_talk" not in quiet


def test_it_counts_the_participants_and_those_without_a_volunteer_as_the_lists_do(region):
    client = region.client("coordinator")
    _add_people(region, 30, 0)
    Enrolment.objects.filter(beneficiary__full_name__in=["Участник 3", "Участник 4"]).update(volunteer=None)
    refresh_missed()
    page = client.get("/phone/").content.decode()
    active = Enrolment.objects.active().filter(beneficiary__territory__path__startswith=region.a.path)
    total, unassigned = active.count(), active.filter(volunteer=None).count()
    assert unassigned == 2 and f"Без волонтёра: {unassigned}." in page
    assert f"Страница 1 из {(total + 24) // 25}" in page


def test_it_names_the_period_of_the_dashboard_figures(region):
    from datetime import timedelta

    from django.utils import timezone

    page = region.client("coordinator").get("/phone/").content.decode()
    today = timezone.localdate()
    assert f"За 30 дней ({today - timedelta(days=30):%d.%m}–{today:%d.%m.%Y})" in page
