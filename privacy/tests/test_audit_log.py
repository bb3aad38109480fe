"""The audit log's page and export («Журнал действий», /audit/), served by privacy above audit and exports (#10)."""

from django.urls import reverse

from audit.models import AuditEntry
from exports.testing import fetched


def test_it_lets_a_coordinator_filter_the_log(region):
    region.client("operator").get(reverse("people:detail", args=[region.person_a.pk]))
    region.client("volunteer").get(reverse("people:list"))
    page = region.client("coordinator").get(reverse("audit:list"), {"action": "denied"}).content.decode()
    assert "volunteer" in page and "право: просмотр карточек людей" in page
    assert "people.view" not in page  # the capability's Russian name, not its code (D5)
    assert "Просмотр персональных данных" not in page.split("<tbody>")[1]


def test_it_exports_the_log_to_xlsx(region):
    response = fetched(region.client("admin"), reverse("audit:export"))
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert AuditEntry.objects.filter(action="export", details__what="Журнал действий").exists()


def test_every_capability_has_a_russian_name():
    import re

    from accounts.access import CAPABILITIES, CAPABILITY_NAMES

    assert set(CAPABILITY_NAMES) == set(CAPABILITIES)
    assert all(re.search("[а-яё]", name) for name in CAPABILITY_NAMES.values())


def test_it_shows_what_was_done_and_to_what_right_after_when_and_the_address_last(region):
    # on a 360 px phone only the first three columns fit without scrolling sideways
    page = region.client("coordinator").get(reverse("audit:list")).content.decode()
    assert "<th>Когда</th><th>Действие</th><th>Запись</th><th>Кто</th><th>Подробности</th><th>Адрес</th>" in page
