"""#10: the OpenAPI schema describes what the API does — enums of different fields keep their own names."""

from zabota.api import api


def _schemas():
    return api.get_openapi_schema(path_prefix="/api/v1")["components"]["schemas"]


def test_it_names_territory_and_organization_kinds_apart():
    schemas = _schemas()
    assert "region" in schemas["TerritoryKind"]["enum"]
    assert "ngo" in schemas["OrganizationKind"]["enum"]
    assert "Kind" not in schemas


def test_it_names_community_and_roadmap_statuses_apart():
    schemas = _schemas()
    assert schemas["CommunityStatus"]["enum"] != schemas["RoadmapStepStatus"]["enum"]


def test_it_accepts_the_kinds_the_schema_lists(region):
    api_client = region.api("coordinator")
    territories = region.api("admin").get("/api/v1/territories?kind=region")
    assert territories.status_code == 200 and [t["name"] for t in territories.json()] == ["Тестовая область"]
    organizations = api_client.get("/api/v1/organizations?kind=ngo")
    assert organizations.status_code == 200 and len(organizations.json()) >= 1
    assert api_client.get("/api/v1/organizations?kind=region").status_code == 422
