"""The community workspace's read API (#10): scoped like the UI, filters answered by the selectors."""


def _ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()]


def test_it_lists_communities_in_scope_with_filters(region):
    api = region.api("coordinator")
    assert _ids(api.get("/api/v1/communities")) == [region.community_a.pk]
    assert _ids(api.get("/api/v1/communities?form=mkd_council")) == [region.community_a.pk]
    assert _ids(api.get("/api/v1/communities?form=tos")) == []
    body = api.get(f"/api/v1/communities/{region.community_a.pk}").json()
    assert body["name"] == "Совет дома на Садовой" and body["form"] == "mkd_council"
    assert api.get(f"/api/v1/communities/{region.community_b.pk}").status_code == 404


def test_it_lists_interactions_and_roadmap_steps_in_scope(region):
    api = region.api("coordinator")
    items = api.get(f"/api/v1/community-interactions?community_id={region.community_a.pk}").json()
    assert region.interaction_a.pk in [i["id"] for i in items]
    assert {i["community_id"] for i in items} == {region.community_a.pk}
    assert _ids(api.get(f"/api/v1/community-interactions?community_id={region.community_b.pk}")) == []
    assert _ids(api.get(f"/api/v1/roadmap-steps?territory_id={region.a.pk}")) == [region.step_a.pk]
    assert _ids(api.get(f"/api/v1/roadmap-steps?territory_id={region.b.pk}")) == []
    other = region.api(region.coordinator_b)
    assert _ids(other.get("/api/v1/communities")) == [region.community_b.pk]
    assert _ids(other.get("/api/v1/roadmap-steps")) == []
