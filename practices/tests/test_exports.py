"""The practices library export is built by the worker with the owner's scope and the page's filters (#12)."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from exports.testing import fetched


def _values(response):
    assert response.status_code == 200
    return [[c.value for c in row] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()]


def test_it_exports_the_cards_an_editor_sees_with_the_pages_filter(region):
    client = region.client("coordinator")
    rows = _values(fetched(client, reverse("practices:export")))
    assert rows[1] == ["Название", "Организация", "Регион", "Сроки", "Теги", "Для кого", "Результаты", "Опубликована"]
    titles = [r[0] for r in rows[2:]]
    assert region.practice.title in titles and region.practice_draft.title in titles  # an editor sees drafts
    rows = _values(fetched(client, reverse("practices:export"), {"q": "Черновик"}))
    assert [r[0] for r in rows[2:]] == [region.practice_draft.title]
