def test_it_serves_published_practices_without_a_token(region):
    anon = region.api("anon")
    titles = [p["title"] for p in anon.get("/api/v1/practices").json()]
    assert "Центр поддержки" in titles and "Черновик практики" not in titles
    assert "Центр социальной и информационной поддержки жителей" in titles
    assert anon.get(f"/api/v1/practices/{region.practice_draft.pk}").status_code == 404
    card = anon.get("/api/v1/practices", {"tag": "Телефонная помощь"}).json()
    assert len(card) == 1 and card[0]["region"] == "Ханты-Мансийский автономный округ – Югра"
    detail = anon.get(f"/api/v1/practices/{card[0]['id']}").json()
    assert "3 389 человек обратились к волонтерам — 99,6 % (с 2020 года по 3 кв. 2022 года)" in detail["results"]
