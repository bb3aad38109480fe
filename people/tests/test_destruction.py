"""Destruction within 30 days of withdrawal, with an act (152-FZ art. 21), by the periodic check."""

from datetime import timedelta
from io import BytesIO, StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from audit.models import AuditEntry
from exports.testing import fetched
from people.models import Beneficiary, Destruction
from people.services import destructions_run


def _withdraw(region):
    region.client("coordinator").post(reverse("people:consent_withdraw", args=[region.consent_a.pk]))
    return Destruction.objects.get(beneficiary=region.person_a)


def test_it_schedules_the_destruction_within_30_days_of_the_withdrawal(region):
    destruction = _withdraw(region)
    region.consent_a.refresh_from_db()
    assert destruction.withdrawn_at == region.consent_a.withdrawn_at
    assert destruction.due_by == destruction.withdrawn_at + timedelta(days=30)
    assert destruction.done_at is None and destruction.consent == region.consent_a


def test_the_periodic_command_destroys_once_when_run_twice(region):
    destruction = _withdraw(region)
    out = StringIO()
    call_command("periodic", stdout=out)
    call_command("periodic", stdout=out)
    destruction.refresh_from_db()
    assert destruction.done_at and destruction.done_by is None  # the system
    assert "destroy_withdrawn_data: {'scheduled': 0, 'performed': 1, 'overdue': 0}" in out.getvalue()
    assert "destroy_withdrawn_data: {'scheduled': 0, 'performed': 0, 'overdue': 0}" in out.getvalue()
    assert Destruction.objects.count() == 1
    acts = AuditEntry.objects.filter(object_type="people.destruction", action="delete")
    assert acts.count() == 1 and acts.get().details["act"] == destruction.act_number


def test_it_flags_an_overdue_destruction_and_performs_it(region):
    destruction = _withdraw(region)
    long_ago = timezone.now() - timedelta(days=40)
    Destruction.objects.filter(pk=destruction.pk).update(withdrawn_at=long_ago, due_by=long_ago + timedelta(days=30))
    page = region.client("coordinator").get(reverse("people:destructions")).content.decode()
    assert "просрочено" in page
    assert destructions_run() == {"scheduled": 0, "performed": 1, "overdue": 1}
    assert Destruction.objects.get(pk=destruction.pk).done_at


def test_it_schedules_people_anonymized_before_destructions_were_recorded(region):
    from people.models import Consent

    Beneficiary.objects.filter(pk=region.person_b.pk).update(anonymized_at=timezone.now())
    Beneficiary.objects.filter(pk=region.person_a2.pk).update(anonymized_at=timezone.now())  # retention: not here
    Consent.objects.create(beneficiary=region.person_b, purpose="personal_data", withdrawn_at=timezone.now())
    assert destructions_run()["scheduled"] == 1
    assert destructions_run()["scheduled"] == 0
    assert Destruction.objects.get(beneficiary=region.person_b).done_at


def test_the_act_names_who_when_what_on_what_ground_with_the_audit_extract(region):
    destruction = _withdraw(region)
    client = region.client("coordinator")
    answer = client.post(reverse("people:destruction_perform", args=[destruction.pk]))
    assert answer.status_code == 302
    destruction.refresh_from_db()
    assert destruction.done_by == region.users["coordinator"]
    answer = fetched(client, reverse("people:destruction_act", args=[destruction.pk]))  # built by the worker (#12)
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(answer.content)).pages).split())
    assert f"Акт об уничтожении персональных данных № {destruction.act_number}" in text
    assert f"Подопечный №{region.person_a.pk}" in text and "152-ФЗ" in text and "Отзыв" in text
    assert "Подопечные" in text and "ФИО" in text and "Журнал звонков" in text  # categories from the lists
    assert "Выписка из журнала действий" in text and "Изменение" in text
    assert "Иванова" not in text and "+7910" not in text
    exports = AuditEntry.objects.filter(action="export").values_list("details", flat=True)
    assert any(destruction.act_number in str(d.get("what", "")) for d in exports)


def test_the_list_is_scoped_to_the_coordinators_territory(region):
    _withdraw(region)
    mine = region.client("coordinator").get(reverse("people:destructions")).content.decode()
    assert f"№{region.person_a.pk}" in mine and "Уничтожить сейчас" in mine
    other = region.client(region.coordinator_b).get(reverse("people:destructions")).content.decode()
    assert f"Подопечный №{region.person_a.pk}<" not in other and "Отзывов согласия пока не было" in other


def test_an_act_is_only_for_a_performed_destruction(region):
    destruction = _withdraw(region)
    answer = region.client("coordinator").get(reverse("people:destruction_act", args=[destruction.pk]))
    assert answer.status_code == 302
