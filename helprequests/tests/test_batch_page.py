"""The batch page (#12): the proposal from the sparse solver, and the requests left without a helper."""

from django.urls import reverse

from catalog.models import ServiceCategory
from directory.models import OrganizationService
from helprequests.services import request_create
from volunteers.models import Volunteer


def test_it_proposes_pairs_and_lists_the_requests_left_without_a_helper(region):
    region.reset_request_a(status="new")
    groceries = ServiceCategory.objects.get(code="groceries")
    OrganizationService.objects.get_or_create(organization=region.org_a, category=groceries)
    rare = ServiceCategory.objects.exclude(code="groceries").order_by("pk").first()
    OrganizationService.objects.filter(category=rare).delete()
    for volunteer in Volunteer.objects.all():
        volunteer.skills.remove(rare)
    lonely = request_create(beneficiary=region.person_a, channel="hotline", needs=[rare])
    answer = region.client("coordinator").get(reverse("helprequests:batch") + f"?territory={region.a.pk}")
    assert answer.status_code == 200
    page = answer.content.decode()
    proposed, left = page.split("Без помощника")
    assert f'value="{region.request_a.pk}:organization:{region.org_a.pk}"' in proposed
    assert region.org_a.name in proposed
    assert lonely.number in left and region.request_a.number not in left
