"""After resolving an alert the coordinator returns to the page they came from — never to another site."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("target", ["https://evil.example/phish", "//evil.example/", "javascript:alert(1)"])
def test_it_ignores_a_next_address_on_another_site(region, target):
    url = reverse("phone:resolve_alert", args=[region.alert_a.pk])
    response = region.client("coordinator").post(url, {"resolution": "Дозвонились", "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("phone:dashboard")


def test_it_returns_to_a_page_of_this_site(region):
    url = reverse("phone:resolve_alert", args=[region.alert_a.pk])
    back = reverse("phone:enrolment", args=[region.enrolment_a.pk])
    response = region.client("coordinator").post(url, {"resolution": "Дозвонились", "next": back})
    assert response["Location"] == back
