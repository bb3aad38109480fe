"""#9: whoever a request is assigned to opens it and acts on it; notes on every helper action."""

import pytest
from django.urls import reverse

from catalog.models import ServiceCategory
from helprequests import services
from helprequests.models import HelpRequest
from helprequests.services import request_create
from people.models import Beneficiary
from territories.models import Territory


@pytest.fixture
def elsewhere(region):
    """A request in settlement A2 (2 km from A1): outside the volunteer's settlement, inside their radius."""
    a2 = Territory.objects.create(
        name="Деревня А2", kind=Territory.Kind.SETTLEMENT, parent=region.a, lat=55.13, lon=40.13
    )
    groceries = ServiceCategory.objects.get(code="groceries")
    region.volunteer_a.skills.set([groceries])
    region.volunteer_a.area_radius_km = 10
    region.volunteer_a.save()
    person = Beneficiary.objects.create(
        full_name="Сидорова Серафима",
        territory=a2,
        phone="+79105556677",
        address="ул. Луговая, 4",
        lat=55.13,
        lon=40.13,
    )
    region.request_far = request_create(beneficiary=person, channel="hotline", needs=[groceries])
    return region


def _assign_volunteer(r, how="dispatch"):
    services.request_assign(
        help_request=r.request_far,
        helper_type="volunteer",
        helper_id=r.volunteer_a.pk,
        actor=r.users["operator"],
        how=how,
    )


@pytest.mark.parametrize("how", ["dispatch", "batch"])
def test_it_lets_a_helper_volunteer_outside_their_settlement_open_and_close_the_request(elsewhere, how):
    r = elsewhere
    _assign_volunteer(r, how)
    pk = r.request_far.pk
    volunteer = r.client("volunteer")
    page = volunteer.get(reverse("helprequests:detail", args=[pk]))
    assert page.status_code == 200
    assert "Сидорова Серафима" in page.content.decode()
    assert (
        volunteer.post(reverse("helprequests:accept", args=[pk]), {"accept-note": "Позвоню завтра в 10"}).status_code
        == 302
    )
    volunteer.post(reverse("helprequests:connect", args=[pk]), {"connect-note": "Договорились на субботу"})
    volunteer.post(reverse("helprequests:start", args=[pk]))
    volunteer.post(reverse("helprequests:close", args=[pk]), {"reason_code": "satisfied", "text": "Продукты привезли"})
    request = HelpRequest.objects.get(pk=pk)
    assert request.status == "closed"
    notes = list(request.history.values_list("note", flat=True))
    assert "Помощник принял обращение. Позвоню завтра в 10" in notes
    assert "Связь с подопечным установлена. Договорились на субботу" in notes
    assert any("Продукты привезли" in n for n in notes)


def test_it_lets_a_volunteer_who_claimed_outside_their_settlement_act(elsewhere, settings):
    settings.CLAIM_AFTER_HOURS = 0
    r = elsewhere
    pk = r.request_far.pk
    volunteer = r.client("volunteer")
    answer = volunteer.post(reverse("helprequests:claim", args=[pk]))
    assert answer.status_code == 302 and answer.url == reverse("helprequests:detail", args=[pk])
    assert volunteer.get(answer.url).status_code == 200
    volunteer.post(reverse("helprequests:connect", args=[pk]))
    assert HelpRequest.objects.get(pk=pk).status == "connected"


def test_it_shows_my_tasks_with_phone_and_address(elsewhere):
    _assign_volunteer(elsewhere)
    page = elsewhere.client("volunteer").get(reverse("helprequests:mine")).content.decode()
    assert "Сидорова Серафима" in page
    assert 'href="tel:+79105556677"' in page
    assert "ул. Луговая, 4" in page


def test_it_still_hides_requests_of_other_helpers_outside_the_area(elsewhere):
    """Another volunteer's far request is neither visible nor actionable."""
    page = elsewhere.client("volunteer").get(reverse("helprequests:detail", args=[elsewhere.request_far.pk]))
    assert page.status_code in (403, 404)


def test_it_refuses_a_too_long_refusal_by_the_field_and_keeps_the_text(elsewhere):
    r = elsewhere
    _assign_volunteer(r)
    typed = "Не могу " + "х" * 10_000
    answer = r.client("volunteer").post(reverse("helprequests:decline", args=[r.request_far.pk]), {"reason": typed})
    page = answer.content.decode()
    assert answer.status_code == 422
    assert "Слишком длинно" in page
    assert typed in page
    assert HelpRequest.objects.get(pk=r.request_far.pk).status == "assigned"


def test_it_refuses_a_too_long_note_on_accept_and_keeps_it(elsewhere):
    r = elsewhere
    _assign_volunteer(r)
    typed = "о" * 1001
    answer = r.client("volunteer").post(reverse("helprequests:accept", args=[r.request_far.pk]), {"accept-note": typed})
    assert answer.status_code == 422
    page = answer.content.decode()
    assert "Слишком длинно" in page and typed in page
    assert HelpRequest.objects.get(pk=r.request_far.pk).status == "assigned"


def test_it_shows_the_phone_and_marks_late_calls_in_the_followup_queue(region):
    from datetime import timedelta

    from django.utils import timezone

    from helprequests.models import FollowUp

    FollowUp.objects.filter(pk=region.followup_a.pk).update(due_at=timezone.now() - timedelta(days=2))
    page = region.client("operator").get(reverse("helprequests:list") + "?queue=followups").content.decode()
    assert 'href="tel:+79101112233"' in page and "опаздывает" in page
    form = region.client("operator").get(reverse("helprequests:followup", args=[region.followup_a.pk])).content.decode()
    assert 'href="tel:+79101112233"' in form and "звонок опаздывает" in form


def test_it_does_not_offer_the_helper_already_assigned_again(region):
    from directory.models import OrganizationService

    OrganizationService.objects.create(
        organization=region.org_a, category=ServiceCategory.objects.get(code="groceries")
    )
    page = region.client("operator").get(reverse("helprequests:detail", args=[region.request_a.pk])).content.decode()
    suggestions = page.split('class="suggestions"')[1].split("</ol>")[0]
    assert region.org_a.name not in suggestions
