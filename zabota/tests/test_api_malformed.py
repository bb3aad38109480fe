"""#10: malformed API input is a 4xx with a Russian message naming the field — never a server error."""

import json

import pytest

HUGE = "9" * 30


def _patch(region, url, body):
    return region.api("coordinator").patch(url, body, content_type="application/json")


@pytest.mark.parametrize(
    "kind, field",
    [("organizations", "served_territory_ids"), ("organizations", "service_codes"), ("volunteers", "skill_codes")],
)
def test_it_refuses_null_for_a_list_and_keeps_the_list(region, kind, field):
    record = region.org_a if kind == "organizations" else region.volunteer_a
    answer = _patch(region, f"/api/v1/{kind}/{record.pk}", json.dumps({field: None}))
    assert answer.status_code == 422
    assert answer.json()["errors"][field] == ["Ожидается список."]
    if field == "served_territory_ids":
        assert list(region.org_a.served_territories.all()) == [region.a]


def test_it_refuses_a_null_body(region):
    answer = _patch(region, f"/api/v1/volunteers/{region.volunteer_a.pk}", "null")
    assert answer.status_code == 400
    assert answer.json()["detail"] == "Тело запроса — не корректный JSON-объект."


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/volunteers?territory_id={HUGE}",
        f"/api/v1/organizations?territory_id={HUGE}",
        f"/api/v1/volunteers/{HUGE}",
        f"/api/v1/requests/{HUGE}",
        f"/api/v1/beneficiaries/{HUGE}",
    ],
)
def test_it_answers_ids_beyond_64_bits_without_a_server_error(region, url):
    answer = region.api("coordinator").get(url)
    assert answer.status_code in (200, 404, 422), answer.content
    assert answer.status_code == 200 or "detail" in answer.json()


def test_it_answers_a_list_of_ids_beyond_64_bits_without_a_server_error(region):
    body = {"served_territory_ids": [int(HUGE)]}
    answer = _patch(region, f"/api/v1/organizations/{region.org_a.pk}", json.dumps(body))
    assert answer.status_code == 422


@pytest.mark.parametrize("path", ["/people/{}/", "/requests/{}/", "/organizations/{}/", "/phone/enrolments/{}/"])
def test_it_answers_pages_with_ids_beyond_64_bits_with_404(region, path):
    assert region.client("coordinator").get(path.format(HUGE)).status_code == 404
