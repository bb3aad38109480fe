from django.test import RequestFactory

from core.middleware import strip_nul_from_query


def test_it_removes_nul_characters_from_query_parameters():
    request = RequestFactory().get("/people/?q=%00Иван%00&page=2")
    seen = strip_nul_from_query(lambda r: r.GET)(request)
    assert seen["q"] == "Иван"
    assert seen["page"] == "2"


def test_it_leaves_clean_queries_alone():
    request = RequestFactory().get("/people/?q=Иван")
    original = request.GET
    assert strip_nul_from_query(lambda r: r.GET)(request) is original
