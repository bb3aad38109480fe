"""The outreach kit's exports are built by the worker with the owner's scope (#12)."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from exports import services
from exports.models import Export
from exports.testing import fetched


def _values(response):
    assert response.status_code == 200
    return [[c.value for c in row] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()]


def test_it_exports_the_answers_of_a_sending_in_scope_named_after_the_questionnaire(region):
    url = reverse("outreach:sending_export", args=[region.sending_a.pk])
    rows = _values(fetched(region.client("coordinator"), url))
    assert rows[1][:5] == ["Респондент", "Вид / форма", "Территория", "Как ответил", "Дата ответа"]
    assert [r[0] for r in rows[2:]] == [region.answered_a.name]
    export = Export.objects.get()
    assert export.title == f"Ответы на анкету «{region.questionnaire_a.title}»"
    assert export.file_name.startswith(f"anketa-{region.sending_a.pk}-")
    # district B's sending: refused in the request; the worker refuses it too
    assert (
        region.client("coordinator").get(reverse("outreach:sending_export", args=[region.sending_b.pk])).status_code
        == 404
    )
    foreign = Export.objects.create(
        owner=region.users["coordinator"],
        kind="questionnaire_answers",
        title="x",
        params={"sending": str(region.sending_b.pk)},
    )
    services.export_build(export_id=foreign.pk)
    foreign.refresh_from_db()
    assert foreign.status == Export.Status.FAILED and not foreign.file


def test_it_exports_the_letters_register_of_the_owners_territory_only(region):
    rows = _values(fetched(region.client("coordinator"), reverse("outreach:letter_export")))
    assert rows[1] == ["Исходящий номер", "Дата", "Адресат", "Кому", "Обращение", "Шаблон", "Проверить склонение"]
    assert [r[0] for r in rows[2:]] == ["ТРЦ-2026/001"]
    rows = _values(fetched(region.client(region.coordinator_b), reverse("outreach:letter_export")))
    assert "ТРЦ-2026/001" not in [r[0] for r in rows[2:]]


def test_it_exports_contacts_of_the_owners_territory_with_the_pages_filter(region):
    rows = _values(fetched(region.client(region.coordinator_b), reverse("outreach:contact_export")))
    assert [r[0] for r in rows[2:]] == ["Борисова Бэлла"]
    rows = _values(fetched(region.client("coordinator"), reverse("outreach:contact_export"), {"q": "Борисова"}))
    assert rows[2:] == []
