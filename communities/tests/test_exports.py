"""The communities' exports are built by the worker with the owner's scope (#12)."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from exports.models import Export
from exports.testing import fetched


def _values(response):
    assert response.status_code == 200
    return [[c.value for c in row] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()]


def _both(region, name):
    """The export as district A's coordinator and as district B's."""
    mine = _values(fetched(region.client("coordinator"), reverse(name)))
    theirs = _values(fetched(region.client(region.coordinator_b), reverse(name)))
    return mine, theirs


def test_it_exports_leaders_of_the_owners_territory_only(region):
    mine, theirs = _both(region, "communities:leader_export")
    assert mine[0][0].startswith("Территория: ") and mine[1][:3] == ["ФИО", "Сообщество", "Территория"]
    assert [r[0] for r in mine[2:]] == [region.leader_a.full_name]
    assert region.leader_a.full_name not in [r[0] for r in theirs[2:]]
    assert Export.objects.filter(kind="leaders").first().file_name.startswith("lidery-")


def test_it_exports_communities_of_the_owners_territory_only(region):
    mine, theirs = _both(region, "communities:export")
    assert mine[1][:4] == ["Название", "Форма", "Вид", "Территория"] and len(mine[1]) == 10
    names = [r[0] for r in mine[2:]]
    assert region.community_a.name in names and region.community_b.name not in names
    assert region.community_a.name not in [r[0] for r in theirs[2:]]


def test_it_exports_interactions_of_the_owners_territory_only(region):
    mine, theirs = _both(region, "communities:interaction_export")
    assert mine[1][:4] == ["Дата", "Сообщество / организация", "Формат", "Тема"]
    assert "Знакомство" in [r[3] for r in mine[2:]]
    assert "Знакомство" not in [r[3] for r in theirs[2:]]


def test_it_exports_the_roadmap_of_the_owners_territory_only(region):
    mine, theirs = _both(region, "communities:roadmap_export")
    assert mine[1] == [
        "Шаг",
        "Сообщество",
        "Территория",
        "Ответственный",
        "Начало",
        "Срок",
        "Статус",
        "Результат",
        "Источник",
    ]
    assert "Провести сессию" in [r[0] for r in mine[2:]]
    assert "Провести сессию" not in [r[0] for r in theirs[2:]]
    export = Export.objects.filter(kind="roadmap").first()
    assert export.title == "Дорожная карта" and export.file_name.startswith("dorozhnaya-karta-")
