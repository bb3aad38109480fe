import pytest
from django.urls import reverse

from audit.models import AppendOnlyError, AuditEntry
from exports.testing import fetched
from territories.models import Territory


def test_it_records_logins_and_logouts_with_the_address(region, client):
    client.post(reverse("login"), {"username": "operator", "password": "secret-pass-1"}, REMOTE_ADDR="10.1.2.3")
    client.post(reverse("logout"))
    login = AuditEntry.objects.get(action="login")
    assert login.username == "operator" and login.ip == "10.1.2.3"
    assert AuditEntry.objects.filter(action="logout", username="operator").exists()


def test_it_is_append_only(region):
    entry = AuditEntry.objects.first()
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(username="x")


def test_it_records_who_changed_what(region):
    client = region.client("coordinator")
    client.post(reverse("territories:create"), {"name": "Хутор", "kind": "settlement", "parent": region.a.pk})
    territory = Territory.objects.get(name="Хутор")
    entry = AuditEntry.objects.get(action="create", object_type="territories.territory", object_id=str(territory.pk))
    assert entry.username == "coordinator" and entry.details["fields"]["name"] == "Хутор"


def test_it_keeps_personal_values_out_of_change_entries(region):
    person = region.person_a
    person.phone = "+79990001122"
    person.save()
    entry = AuditEntry.objects.filter(action="update", object_type="people.beneficiary").latest("id")
    assert entry.details["changes"]["phone"] == ["•••", "•••"]
    assert "Иванова" not in str(entry.details) and "Иванова" not in entry.object_repr


def test_it_records_opening_a_personal_record(region):
    region.client("operator").get(reverse("people:detail", args=[region.person_a.pk]))
    entry = AuditEntry.objects.get(action="view")
    assert entry.username == "operator" and entry.object_id == str(region.person_a.pk)


def test_it_records_exports_with_row_counts(region):
    response = fetched(region.client("coordinator"), reverse("people:export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    entry = AuditEntry.objects.get(action="export")
    people = sorted([region.person_a.pk, region.person_a2.pk])  # the two people of municipality A
    assert entry.details == {"what": "Подопечные", "rows": 2, "ids": people}


def test_it_labels_personal_records_by_number_so_withdrawal_leaves_no_name_in_the_log(region):
    from guardianship.models import Guardian

    region.person_a.address = "ул. Мира, 7"
    region.person_a.save()
    region.alert_a.resolution = "Дозвонились до дочери Ивановой, Марии, +79105550000"
    region.alert_a.save()
    guardian = Guardian.objects.get(pk=region.guardian_a.pk)
    guardian.contact_name, guardian.phone = "Сергеев Сергей", "+79107770000"
    guardian.save()
    region.client("coordinator").post(reverse("people:consent_withdraw", args=[region.consent_a.pk]))
    for entry in AuditEntry.objects.all():
        text = f"{entry.object_repr} {entry.details}"
        assert "Иванов" not in text and "Сергеев" not in text and "+7910" not in text, text
    alert_entry = AuditEntry.objects.filter(object_type="phone.alert", action="update").latest("id")
    assert alert_entry.details["changes"]["resolution"][1] == "•••" and alert_entry.object_repr.endswith(
        f"№{region.alert_a.pk}"
    )
