"""The audit log's page and export («Журнал действий», /audit/), served by privacy above audit and exports (#10)."""

from django.urls import reverse

from audit.models import AuditEntry
from exports.testing import fetched


def test_it_lets_a_coordinator_filter_the_log(region):
    region.client("operator").get(reverse("people:detail", args=[region.person_a.pk]))
    region.client("volunteer").get(reverse("people:list"))
    page = region.client("coordinator").get(reverse("audit:list"), {"action": "denied"}).content.decode()
    assert "volunteer" in page and "people.view" in page
    assert "Просмотр персональных данных" not in page.split("<tbody>")[1]


def test_it_exports_the_log_to_xlsx(region):
    response = fetched(region.client("admin"), reverse("audit:export"))
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert AuditEntry.objects.filter(action="export", details__what="Журнал действий").exists()
