from demo.assessments import ryazan_session


def test_it_reads_sessions_with_their_scores(region):
    ryazan = ryazan_session(region.a, region.users["coordinator"])
    api = region.api("coordinator")
    listing = api.get("/api/v1/assessments/sessions", {"territory_id": region.a.pk}).json()
    assert [s["id"] for s in listing] == [region.session_a.pk, ryazan.pk]  # newest first
    scores = {s["criterion_number"]: s["display"] for s in listing[1]["scores"]}
    assert [scores[n] for n in range(1, 10)] == ["3", "4", "3", "не требуется", "5", "5", "3", "5", "5"]
    detail = api.get(f"/api/v1/assessments/sessions/{ryazan.pk}").json()
    assert detail["template"]["version"] == 1 and detail["starts_at"] == "14:30:00"
    assert detail["proposals"][0]["status_label"] == "Нас услышали и уже включили в план работы"
    assert {"group": "tos", "group_label": "ТОС", "name": "ТОС Мопровский", "organization_id": None} in detail[
        "participants"
    ]


def test_it_hides_sessions_outside_the_scope(region):
    api = region.api("coordinator")
    assert api.get(f"/api/v1/assessments/sessions/{region.session_b.pk}").status_code == 404
    assert region.session_b.pk not in [s["id"] for s in api.get("/api/v1/assessments/sessions").json()]
    assert region.api("analyst").get("/api/v1/assessments/sessions").status_code == 403
