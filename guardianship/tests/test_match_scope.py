"""Passing a family to a guardian (#10): the guardian is fetched in the user's scope — another district's
guardian answers 404 on the web and the API, exactly as a missing one, and the attempt is audited."""

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from guardianship import selectors
from guardianship.models import Guardian, Guardianship
from people.models import Household


@pytest.fixture
def family_b(region):
    """A marked family in district B, where coordinator_b works; guardian_a is registered in district A."""
    return Household.objects.create(name="Семья Б", territory=region.b1, needs_guardianship_since=timezone.now())


def _refusals(region):
    return AuditEntry.objects.filter(
        action="denied",
        username="coordinator_b",
        object_type="guardianship.guardian",
        object_id=str(region.guardian_a.pk),
    )


def test_it_answers_404_to_another_districts_guardian_on_the_web_and_audits_it(region, family_b):
    response = region.client(region.coordinator_b).post(
        reverse("guardianship:match", args=[family_b.pk]), {"guardian": region.guardian_a.pk}
    )
    assert response.status_code == 404
    assert not Guardianship.objects.filter(household=family_b).exists()
    assert _refusals(region).get().details == {"capability": "guardianship.manage"}


def test_it_answers_404_to_another_districts_guardian_on_the_api_and_audits_it(region, family_b):
    response = region.api(region.coordinator_b).post(
        "/api/v1/guardianship/matches",
        {"household_id": family_b.pk, "guardian_id": region.guardian_a.pk},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not Guardianship.objects.filter(household=family_b).exists()
    assert _refusals(region).count() == 1


def test_a_missing_guardian_looks_the_same_and_is_not_a_refusal(region, family_b):
    response = region.api(region.coordinator_b).post(
        "/api/v1/guardianship/matches",
        {"household_id": family_b.pk, "guardian_id": 10**9},
        content_type="application/json",
    )
    assert response.status_code == 404 and not AuditEntry.objects.filter(action="denied").exists()


def test_it_offers_the_guardians_of_the_users_district_and_those_above_it(region):
    regional = Guardian.objects.create(
        name="Фонд области", kind="foundation", territory=region.region, contact_name="Ирина", phone="+79100000009"
    )
    in_b = set(selectors.guardians_to_match(region.coordinator_b))
    assert regional in in_b and region.guardian_a not in in_b
    assert {regional, region.guardian_a} <= set(selectors.guardians_to_match(region.users["coordinator"]))
    assert not selectors.guardians_to_match(None).exists()
