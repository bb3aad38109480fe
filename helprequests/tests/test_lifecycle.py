from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from catalog.models import ServiceCategory
from directory.models import Organization, OrganizationService
from helprequests import services
from helprequests.models import Assignment, HelpRequest


@pytest.fixture
def routable(region):
    """request_a (groceries, in A1) is new; org_a and org_b both offer groceries and serve the whole region."""
    groceries = ServiceCategory.objects.get(code="groceries")
    for org in (region.org_a, region.org_b):
        OrganizationService.objects.create(organization=org, category=groceries)
    region.org_b.served_territories.set([region.region])
    Organization.objects.filter(pk=region.org_b.pk).update(verified_at=timezone.now())
    region.reset_request_a("new")
    region.request_a.followups.all().delete()
    return region


def test_it_follows_the_whole_lifecycle_through_the_pages(routable):
    r, pk = routable, routable.request_a.pk
    operator, staff = r.client("operator"), r.client("org_staff")
    page = operator.get(reverse("helprequests:detail", args=[pk])).content.decode()
    assert "Кто может помочь" in page and "НКО Района А" in page and "загрузка 0 из 10" in page
    operator.post(reverse("helprequests:assign", args=[pk]), {"helper_type": "organization", "helper_id": r.org_a.pk})
    staff.post(reverse("helprequests:accept", args=[pk]))
    staff.post(reverse("helprequests:connect", args=[pk]))
    staff.post(reverse("helprequests:start", args=[pk]))
    operator.post(reverse("helprequests:close", args=[pk]), {"reason_code": "satisfied"})
    request = HelpRequest.objects.get(pk=pk)
    assert request.status == "closed" and request.close_reason == "satisfied"
    assert [h.status for h in request.history.all()] == [
        "new",
        "assigned",
        "accepted",
        "connected",
        "in_progress",
        "closed",
    ]
    assert request.history.get(status="accepted").by == r.users["org_staff"]
    assert request.assignments.get().outcome == Assignment.Outcome.ACCEPTED


def test_it_notifies_the_helper_by_email_on_assignment(routable, django_capture_on_commit_callbacks):
    routable.users["org_staff"].email = "staff@example.ru"
    routable.users["org_staff"].save()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_assign(
            help_request=routable.request_a,
            helper_type="organization",
            helper_id=routable.org_a.pk,
            actor=routable.users["operator"],
        )
    assert mail.outbox[-1].to == ["staff@example.ru"] and routable.request_a.number in mail.outbox[-1].subject


@pytest.mark.parametrize("hours, overdue", [(71.98, False), (72.02, True)])
def test_it_counts_three_days_from_receipt(routable, hours, overdue):
    request = routable.request_a
    now = request.received_at + timedelta(hours=hours)
    assert request.is_overdue(now) is overdue
    assert HelpRequest.objects.overdue(now).filter(pk=request.pk).exists() is overdue


def test_it_stops_being_overdue_once_connected(routable):
    request = routable.request_a
    services.request_assign(help_request=request, helper_type="organization", helper_id=routable.org_a.pk, actor=None)
    services.request_connect(help_request=HelpRequest.objects.get(pk=request.pk), actor=None)
    later = request.received_at + timedelta(days=5)
    assert not HelpRequest.objects.overdue(later).filter(pk=request.pk).exists()


def test_it_counts_the_limit_from_when_the_hotline_took_the_call(routable):
    taken = timezone.now() - timedelta(hours=80)
    request = services.request_create(
        beneficiary=routable.person_a, channel="hotline", needs=[], actor=None, received_at=taken
    )
    assert request.connect_due_at == taken + timedelta(hours=72) and request.is_overdue()


def test_it_reroutes_after_a_decline_and_remembers_the_refusal(routable):
    request = routable.request_a
    services.request_assign(help_request=request, helper_type="organization", helper_id=routable.org_a.pk, actor=None)
    with pytest.raises(ValidationError):
        services.request_decline(help_request=HelpRequest.objects.get(pk=request.pk), actor=None, reason=" ")
    services.request_decline(help_request=HelpRequest.objects.get(pk=request.pk), actor=None, reason="Нет машины")
    request = HelpRequest.objects.get(pk=request.pk)
    assert request.status == "declined" and request.helper_organization is None
    suggestions = services.suggestions_for(request)
    org_a = next(s for s in suggestions if s.helper.id == routable.org_a.pk)
    assert org_a.helper.declined == 1
    assert [s.helper.id for s in suggestions][0] == routable.org_b.pk or org_a.distance_km < 1
    services.request_assign(help_request=request, helper_type="organization", helper_id=routable.org_b.pk, actor=None)
    assert HelpRequest.objects.get(pk=request.pk).status == "assigned"


def test_it_refuses_a_helper_that_does_not_offer_the_service(routable):
    OrganizationService.objects.filter(organization=routable.org_b).delete()
    with pytest.raises(ValidationError) as error:
        services.request_assign(
            help_request=routable.request_a, helper_type="organization", helper_id=routable.org_b.pk, actor=None
        )
    assert "helper_id" in error.value.message_dict


def test_it_requires_text_for_other_and_an_institution_for_hand_over(routable):
    request = routable.request_a
    with pytest.raises(ValidationError, match="Другое"):
        services.request_close(help_request=request, actor=None, reason_code="other")
    with pytest.raises(ValidationError, match="учреждение"):
        services.request_close(help_request=request, actor=None, reason_code="handed_over")
    services.request_close(help_request=request, actor=None, reason_code="handed_over", institution="КЦСОН Района А")
    assert HelpRequest.objects.get(pk=request.pk).close_institution == "КЦСОН Района А"


def test_it_schedules_follow_ups_and_queues_them_when_due(routable):
    request = routable.request_a
    services.request_assign(help_request=request, helper_type="organization", helper_id=routable.org_a.pk, actor=None)
    services.request_connect(help_request=HelpRequest.objects.get(pk=request.pk), actor=None)
    request = HelpRequest.objects.get(pk=request.pk)
    days = sorted(round((f.due_at - request.connected_at).total_seconds() / 86400) for f in request.followups.all())
    assert days == [14, 30]
    operator = routable.client("operator")
    assert request.number not in operator.get(reverse("helprequests:list"), {"queue": "followups"}).content.decode()
    request.followups.filter(kind="14d").update(due_at=timezone.now() - timedelta(hours=1))
    assert request.number in operator.get(reverse("helprequests:list"), {"queue": "followups"}).content.decode()
    request.followups.filter(kind="14d").update(due_at=timezone.now() - timedelta(days=5))
    assert request.number in operator.get(reverse("helprequests:list"), {"queue": "missed"}).content.decode()
    item = request.followups.get(kind="14d")
    operator.post(reverse("helprequests:followup", args=[item.pk]), {"help_came": "yes", "satisfaction": "5"})
    item.refresh_from_db()
    assert item.done_at and item.help_came is True and item.satisfaction == 5


def test_it_escalates_an_overdue_request_to_the_coordinator_once(routable):
    routable.users["coordinator"].email = "coord@example.ru"
    routable.users["coordinator"].save()
    HelpRequest.objects.filter(pk=routable.request_a.pk).update(connect_due_at=timezone.now() - timedelta(minutes=1))
    call_command("periodic", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("periodic", stdout=open("/dev/null", "w"))  # noqa: SIM115
    escalations = [m for m in mail.outbox if "просрочено" in m.subject]
    assert len(escalations) == 1 and escalations[0].to == ["coord@example.ru"]


def test_it_opens_an_unaccepted_request_to_claims_and_the_first_claim_wins(routable, settings):
    settings.CLAIM_AFTER_HOURS = 24
    volunteer = routable.volunteer_a
    volunteer.skills.set(ServiceCategory.objects.filter(code="groceries"))
    staff, vol = routable.client("org_staff"), routable.client("volunteer")
    assert routable.request_a.number not in vol.get(reverse("helprequests:mine")).content.decode()
    HelpRequest.objects.filter(pk=routable.request_a.pk).update(received_at=timezone.now() - timedelta(hours=25))
    assert "Беру это обращение" in vol.get(reverse("helprequests:mine")).content.decode()
    vol.post(reverse("helprequests:claim", args=[routable.request_a.pk]))
    staff.post(reverse("helprequests:claim", args=[routable.request_a.pk]))
    request = HelpRequest.objects.get(pk=routable.request_a.pk)
    assert (
        request.status == "accepted" and request.helper_volunteer == volunteer and request.helper_organization is None
    )
    assert request.assignments.get().how == "claim"


def test_it_refuses_staff_of_another_organization_and_audits_it(routable):
    services.request_assign(
        help_request=routable.request_a, helper_type="organization", helper_id=routable.org_b.pk, actor=None
    )
    client = routable.client("org_staff")  # works for org_a, which also serves this territory
    assert client.get(reverse("helprequests:detail", args=[routable.request_a.pk])).status_code == 403
    assert client.post(reverse("helprequests:accept", args=[routable.request_a.pk])).status_code == 403
    assert (
        AuditEntry.objects.filter(action="denied", username="org_staff", object_type="helprequests.helprequest").count()
        == 2
    )
    assert HelpRequest.objects.get(pk=routable.request_a.pk).status == "assigned"


def test_it_shows_helpers_only_the_data_needed(routable):
    services.request_assign(
        help_request=routable.request_a, helper_type="organization", helper_id=routable.org_a.pk, actor=None
    )
    routable.person_a.birth_date = "1940-01-01"
    routable.person_a.notes = "Диабет"
    routable.person_a.save()
    page = (
        routable.client("org_staff").get(reverse("helprequests:detail", args=[routable.request_a.pk])).content.decode()
    )
    assert "Иванова Анна Петровна" in page and "tel:+79101112233" in page
    assert "Диабет" not in page and "1940" not in page and "Кто может помочь" not in page
    assert routable.client("org_staff").get(reverse("people:detail", args=[routable.person_a.pk])).status_code == 403


def test_it_lists_queues_without_a_query_per_row(routable, django_assert_max_num_queries):
    for _ in range(25):
        services.request_create(beneficiary=routable.person_a, channel="hotline", needs=[], actor=None)
    client = routable.client("operator")
    with django_assert_max_num_queries(20):
        client.get(reverse("helprequests:list"), {"queue": "open"})
