"""Races on PostgreSQL with real threads: two claims at once, the last free slot given twice at once (#11)."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from catalog.models import ServiceCategory
from directory.models import Organization, OrganizationService
from helprequests import services
from helprequests.models import HelpRequest


@pytest.fixture
def postgres(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL (the suite's second run)")


def _at_once(*calls):
    """Runs the calls in threads released together; returns [result or the ValidationError]."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            results[index] = call()
        except ValidationError as exc:
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results


@pytest.fixture
def groceries(postgres, region):
    category = ServiceCategory.objects.get(code="groceries")
    for org in (region.org_a, region.org_b):
        OrganizationService.objects.get_or_create(organization=org, category=category)
    region.org_b.served_territories.set([region.region])
    Organization.objects.filter(pk=region.org_b.pk).update(verified_at=timezone.now())
    region.reset_request_a("new")
    return category


def test_two_claims_at_once_one_wins(region, groceries, settings):
    settings.CLAIM_AFTER_HOURS = 24
    HelpRequest.objects.filter(pk=region.request_a.pk).update(received_at=timezone.now() - timedelta(hours=25))
    request = HelpRequest.objects.get(pk=region.request_a.pk)
    results = _at_once(
        *[
            lambda org=org: services.request_claim(
                help_request=request, helper_type="organization", helper_id=org.pk, actor=None
            )
            for org in (region.org_a, region.org_b)
        ]
    )
    assert sum(isinstance(r, ValidationError) for r in results) == 1
    request.refresh_from_db()
    assert request.status == "accepted" and request.assignments.count() == 1


def test_the_last_free_slot_goes_to_one_of_two_coordinators(region, groceries):
    Organization.objects.filter(pk=region.org_a.pk).update(capacity=1)
    second = services.request_create(
        beneficiary=region.person_a, channel="hotline", needs=[groceries], actor=region.users["operator"]
    )
    first = HelpRequest.objects.get(pk=region.request_a.pk)
    results = _at_once(
        *[
            lambda r=r: services.request_assign(
                help_request=r, helper_type="organization", helper_id=region.org_a.pk, actor=None
            )
            for r in (first, second)
        ]
    )
    assert sum(isinstance(r, ValidationError) for r in results) == 1
    assert HelpRequest.objects.filter(helper_organization=region.org_a, status="assigned").count() == 1


def test_requests_created_at_once_get_different_numbers(region, postgres):
    from helprequests.services import request_create

    people = [region.person_a, region.person_b, region.person_a2, region.person_a, region.person_b]
    results = _at_once(*[(lambda p=p: request_create(beneficiary=p, channel="hotline", needs=[])) for p in people])
    numbers = [r.number for r in results]
    assert all(isinstance(r, HelpRequest) for r in results), results
    assert len(set(numbers)) == len(numbers)
