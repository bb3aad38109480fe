"""The guardianship's doors (#10): selectors read only what the user may see; services write with audit."""

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from audit.models import AuditEntry
from catalog.models import ServiceCategory
from guardianship import selectors, services
from guardianship.models import Guardian


def test_it_reads_nothing_without_a_user(region):
    for nobody in (None, AnonymousUser()):
        assert not selectors.guardians(nobody).exists()
        assert not selectors.guardians_to_match(nobody).exists()
        assert not selectors.marked_households(nobody).exists()
        assert not selectors.active_guardianships(nobody).exists()
        assert not selectors.territories(nobody).exists()
        assert selectors.household_in_scope(nobody, region.household_a.pk) is None


def test_it_reads_only_the_users_territory(region):
    coordinator_b = region.coordinator_b
    assert not selectors.guardians(coordinator_b).filter(pk=region.guardian_a.pk).exists()
    assert selectors.guardians(region.users["coordinator"]).filter(pk=region.guardian_a.pk).exists()
    assert selectors.household_in_scope(coordinator_b, region.household_a.pk) is None
    assert region.household_a not in selectors.marked_households(coordinator_b)
    assert region.guardianship_a not in selectors.active_guardianships(coordinator_b)
    assert region.a1 not in selectors.territories(coordinator_b)


def test_it_creates_a_guardian_with_an_audited_list_of_help(region):
    groceries = list(ServiceCategory.objects.filter(code="groceries"))
    guardian = services.guardian_create(
        actor=region.users["coordinator"],
        name="Школа №3",
        kind="education",
        territory=region.a1,
        contact_name="Ольга",
        phone="+79102223344",
        capabilities=groceries,
    )
    assert guardian.consent_at is not None and list(guardian.capabilities.all()) == groceries
    entries = AuditEntry.objects.filter(object_type="guardianship.guardian", object_id=str(guardian.pk))
    assert entries.filter(action="create").exists()
    assert entries.get(action="update", user=region.users["coordinator"]).details["changes"]["capabilities"] == [
        "",
        groceries[0].name,
    ]


def test_the_staff_form_offers_only_territories_in_scope_and_saves_through_the_service(region):
    hq = region.client(region.coordinator_b)
    page = hq.get(reverse("guardianship:guardian_create")).content.decode()
    assert "Село Б1" in page and "Посёлок А1" not in page
    response = hq.post(
        reverse("guardianship:guardian_create"),
        {
            "name": "Бригада Б",
            "kind": "work_team",
            "territory": region.a1.pk,
            "contact_name": "Иван",
            "phone": "8 910 000-00-01",
            "capabilities": [ServiceCategory.objects.get(code="groceries").pk],
            "max_families": "2",
        },
    )
    assert response.status_code == 200 and not Guardian.objects.filter(name="Бригада Б").exists()
    response = region.client("coordinator").post(
        reverse("guardianship:guardian_create"),
        {
            "name": "Бригада А",
            "kind": "work_team",
            "territory": region.a1.pk,
            "contact_name": "Иван",
            "phone": "8 910 000-00-01",
            "capabilities": [ServiceCategory.objects.get(code="groceries").pk],
            "max_families": "2",
        },
    )
    guardian = Guardian.objects.get(name="Бригада А")
    assert response.status_code == 302 and guardian.consent_at and guardian.capabilities.count() == 1


def test_it_logs_a_feedback_link_sent_by_staff(region):
    coordinator = region.users["coordinator"]
    response = region.client("coordinator").post(
        reverse("guardianship:action", args=[region.guardianship_a.pk, "link_sent"]),
        {"link": region.feedback_link.pk, "how": "WhatsApp"},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(object_type="guardianship.guardianship", user=coordinator).latest("id")
    assert entry.object_id == str(region.guardianship_a.pk) and "WhatsApp" in entry.details["note"]


def test_it_logs_the_needs_a_family_changes_through_its_link(region):
    before = AuditEntry.objects.filter(object_type="people.household", object_id=str(region.household_a.pk)).count()
    services.update_needs(
        link=region.needs_link, needs=list(ServiceCategory.objects.filter(code="repairs")), note="Крыша"
    )
    entries = AuditEntry.objects.filter(object_type="people.household", object_id=str(region.household_a.pk))
    assert entries.count() > before
    change = entries.filter(details__has_key="note").latest("id").details["changes"]["guardianship_needs"]
    assert change[1] == ServiceCategory.objects.get(code="repairs").name


def test_the_public_application_goes_through_the_same_guardian_create(region, client):
    from django.core.cache import cache

    cache.clear()
    groceries = ServiceCategory.objects.get(code="groceries")
    client.post(
        reverse("guardianship_public:apply"),
        {
            "name": "Клуб «Рядом»",
            "kind": "ngo",
            "locality": "посёлок а1",
            "contact_name": "Анна",
            "phone": "8 910 222-33-45",
            "capabilities": [groceries.pk],
            "max_families": "1",
            "consent": "on",
        },
    )
    guardian = Guardian.objects.get(name="Клуб «Рядом»")
    assert guardian.source == "public" and guardian.consent_at and list(guardian.capabilities.all()) == [groceries]
    assert AuditEntry.objects.filter(
        object_type="guardianship.guardian", object_id=str(guardian.pk), action="update"
    ).exists()


def test_it_logs_a_call_to_the_family_and_a_change_of_needs(region):
    from guardianship.models import Call

    coordinator = region.users["coordinator"]
    call = Call.objects.create(guardianship=region.guardianship_a, kind="14d", due_at=region.guardianship_a.matched_at)
    services.record_call(call=call, actor=coordinator, notes="Всё хорошо")
    entry = AuditEntry.objects.filter(object_type="guardianship.guardianship", user=coordinator).latest("id")
    assert entry.details["call"] == call.pk and "Через 2 недели" in entry.details["note"]

    repairs = list(ServiceCategory.objects.filter(code="repairs"))
    services.mark_household(household=region.household_a, needs=repairs, actor=coordinator)
    entry = AuditEntry.objects.filter(object_type="people.household", user=coordinator).latest("id")
    assert entry.details["changes"]["guardianship_needs"][1] == repairs[0].name
    count = AuditEntry.objects.count()
    services.mark_household(household=region.household_a, needs=repairs, actor=coordinator)
    assert (
        not AuditEntry.objects.filter(pk__gt=entry.pk, details__has_key="changes", user=coordinator)
        .filter(object_type="people.household", details__changes__has_key="guardianship_needs")
        .exists()
    ), f"an unchanged list is not logged again ({AuditEntry.objects.count() - count} new entries)"


def _entries_of(obj, user):
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk), user=user)


def test_it_logs_who_marked_a_verification_step(region):
    coordinator = region.users["coordinator"]
    guardian = Guardian.objects.create(
        name="Школа №5", kind="education", territory=region.a1, contact_name="Олег", phone="+79100000005"
    )
    response = region.client("coordinator").post(
        reverse("guardianship:guardian_action", args=[guardian.pk, "step"]),
        {"step": "interview", "day": "2026-11-02", "by": "Штаб #МЫВМЕСТЕ"},
    )
    assert response.status_code == 302
    entry = _entries_of(guardian, coordinator).get(details__has_key="step")
    assert entry.details["step"] == "interview" and entry.details["day"] == "2026-11-02"
    assert entry.details["by"] == "Штаб #МЫВМЕСТЕ" and "собеседование" in entry.details["note"]


def test_it_logs_who_saved_which_agreement(region):
    coordinator = region.users["coordinator"]
    guardian = region.guardian_a
    response = region.client("coordinator").post(
        reverse("guardianship:guardian_action", args=[guardian.pk, "agreement"]),
        {"number": "МВ-77", "day": "2026-11-03"},
    )
    assert response.status_code == 302
    entry = _entries_of(guardian, coordinator).get(details__has_key="agreement_number")
    assert entry.details["agreement_number"] == "МВ-77" and entry.details["agreement_date"] == "2026-11-03"
    assert "МВ-77" in entry.details["note"]


def test_it_logs_the_follow_up_calls_a_first_contact_schedules(region, settings):
    from datetime import timedelta

    from django.utils import timezone

    coordinator = region.users["coordinator"]
    guardianship = region.guardianship_a
    at = timezone.now() - timedelta(hours=1)
    services.first_contact(guardianship=guardianship, at=at, hq_present="Штаб", actor=coordinator)
    entry = _entries_of(guardianship, coordinator).get(details__has_key="calls")
    due = [at + timedelta(days=days) for days in settings.FOLLOWUP_DAYS]
    assert entry.details["calls"] == [
        {"kind": "14d", "due_at": due[0].isoformat()},
        {"kind": "30d", "due_at": due[1].isoformat()},
    ]
    assert entry.details["note"] == "Назначены звонки семье: 2"
    services.first_contact(guardianship=guardianship, at=at, hq_present="Штаб", actor=coordinator)
    assert _entries_of(guardianship, coordinator).filter(details__has_key="calls").count() == 1, (
        "no new calls, no entry"
    )
