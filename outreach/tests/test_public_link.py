"""The personal link: only its own form, saved and continued, submitted once, refusals save nothing."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from communities.models import Interaction


@pytest.fixture(autouse=True)
def _clear_throttle():
    cache.clear()
    yield
    cache.clear()


def _url(recipient):
    return reverse("outreach_public:answer", kwargs={"token": recipient.token})


def test_it_opens_only_its_own_form_without_an_account(region):
    response = region.client("anon").get(_url(region.waiting_a))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Совет дома на Садовой" in page and "Оцените активность" in page
    assert "НКО Района А" not in page
    region.waiting_a.refresh_from_db()
    assert region.waiting_a.opened_at is not None
    assert region.client("anon").get("/q/not-a-real-token/").status_code == 404


def test_it_refuses_missing_required_answers_and_saves_nothing(region):
    r = region.waiting_a
    q = region.question_a
    response = region.client("anon").post(_url(r), {"action": "submit", f"q{q.pk}": ""})
    assert response.status_code == 422
    assert "Ответьте на этот вопрос — он обязательный." in response.content.decode()
    r.refresh_from_db()
    assert r.submitted_at is None and r.answers == {} and r.saved_at is None


def test_it_refuses_out_of_range_values_and_keeps_what_was_typed(region):
    r = region.waiting_a
    text_q = r.sending.questionnaire.questions.get(kind="text")
    response = region.client("anon").post(
        _url(r), {"action": "save", f"q{region.question_a.pk}": "9", f"q{text_q.pk}": "Нет помещения"}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Оценка — целое число от 1 до 5." in page and "Нет помещения" in page
    r.refresh_from_db()
    assert r.answers == {} and r.saved_at is None


def test_it_saves_a_draft_continues_and_submits_once(region):
    r = region.waiting_a
    q = region.question_a
    text_q = r.sending.questionnaire.questions.get(kind="text")
    client = region.client("anon")
    response = client.post(_url(r), {"action": "save", f"q{text_q.pk}": "Нет помещения"})
    assert response.status_code == 302
    assert "Нет помещения" in client.get(_url(r)).content.decode()
    r.refresh_from_db()
    assert r.answers == {str(text_q.pk): "Нет помещения"} and r.submitted_at is None

    response = client.post(_url(r), {"action": "submit", f"q{q.pk}": "5", f"q{text_q.pk}": "Нет помещения"})
    assert response.status_code == 200 and "получены" in response.content.decode()
    r.refresh_from_db()
    assert r.submitted_at is not None and r.answers[str(q.pk)] == 5 and r.channel == "online"
    assert Interaction.objects.filter(community=region.community_a, topic__contains="получены ответы").count() == 1

    again = client.post(_url(r), {"action": "submit", f"q{q.pk}": "1"})
    assert "уже отправлена" in again.content.decode()
    r.refresh_from_db()
    assert r.answers[str(q.pk)] == 5
    assert Interaction.objects.filter(community=region.community_a, topic__contains="получены ответы").count() == 1


def test_it_caps_the_length_of_answers(region):
    r = region.waiting_a
    text_q = r.sending.questionnaire.questions.get(kind="text")
    response = region.client("anon").post(_url(r), {"action": "save", f"q{text_q.pk}": "я" * 2001})
    assert response.status_code == 422 and "Ответ не длиннее 2000 знаков" in response.content.decode()


def test_it_throttles_guessing_links(region):
    client = region.client("anon")
    codes = [client.get(f"/q/guess-{i}/").status_code for i in range(21)]
    assert codes[:20] == [404] * 20 and codes[20] == 429


def test_it_closes_after_the_deadline(region):
    from datetime import timedelta

    from django.utils import timezone

    region.sending_a.deadline = timezone.localdate() - timedelta(days=1)
    region.sending_a.save()
    response = region.client("anon").get(_url(region.waiting_a))
    assert "Приём ответов закончился" in response.content.decode()
