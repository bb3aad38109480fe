"""Retention per purpose (#11): the periodic purge erases what outlived its purpose, once, audited."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from audit.models import AuditEntry
from core.models import OutgoingMail
from directory.models import ImportJob
from helprequests.models import FollowUp, HelpRequest, StatusChange
from people.models import Beneficiary
from phone.models import Call
from privacy.retention import purge_expired

DAYS = {
    "closed_request_text": 365,
    "call_notes": 180,
    "unconfirmed_reports": 90,
    "import_files": 30,
    "mail": 30,
    "audit": 1000,
}


@pytest.fixture
def aged(region):
    """Records on either side of each period, with explicit timestamps."""
    now = timezone.now()
    old, recent = now - timedelta(days=400), now - timedelta(days=10)
    HelpRequest.objects.filter(pk=region.request_a.pk).update(
        status="closed",
        closed_at=old,
        received_at=old - timedelta(days=5),
        description="Иванова просит купить продукты",
        reporter_name="Соседка Мария",
        reporter_phone="+79105550000",
        close_text="Помогли",
    )
    StatusChange.objects.create(request=region.request_a, status="closed", note="Закрыта: Иванова довольна")
    FollowUp.objects.filter(pk=region.followup_a.pk).update(comment="Иванова благодарит")
    kept = HelpRequest.objects.create(
        beneficiary=region.person_b,
        territory=region.b1,
        channel="hotline",
        description="Свежая закрытая",
        status="closed",
        closed_at=recent,
        connect_due_at=recent,
    )
    Call.objects.filter(pk=region.call_a.pk).update(called_at=now - timedelta(days=200), plans="В поликлинику")
    fresh_call = Call.objects.create(
        enrolment=region.enrolment_a, volunteer=region.volunteer_a, reached=True, notes="Сегодня всё хорошо"
    )

    def reported(name, days, status="closed"):
        person = Beneficiary.objects.create(
            full_name=name,
            territory=region.a1,
            phone="+79101234567",
            unconfirmed=True,
            created_at=now - timedelta(days),
        )
        HelpRequest.objects.create(
            beneficiary=person,
            territory=region.a1,
            channel="neighbour",
            description=f"Соседка {name}",
            status=status,
            received_at=now - timedelta(days),
            connect_due_at=now - timedelta(days),
            closed_at=now - timedelta(days - 1) if status == "closed" else None,
        )
        return person

    forgotten = reported("Забытова Зоя", 120)
    still_open = reported("Открытова Ольга", 120, status="new")
    new_report = reported("Новикова Нина", 20)

    old_import = ImportJob.objects.create(
        kind="volunteers",
        file_name="volunteers.xlsx",
        data=b"PK\x03\x04 rows with phones",
        state="invalid",
        errors=[{"row": 2, "message": "Петров: телефон"}],
        checked_rows=[[3, {"full_name": "Сидоров Пётр", "phone": "+79101234567"}]],  # a check's clean rows (#12)
        checked_key="0" * 64,
        created_by=region.users["coordinator"],
        created_at=now - timedelta(days=45),
        total_rows=3,
    )
    old_mail = OutgoingMail.objects.create(subject="Старое", body="Иванова", from_email="z@x", to=["a@x"])
    OutgoingMail.objects.filter(pk=old_mail.pk).update(created_at=now - timedelta(days=40), sent_at=now)
    new_mail = OutgoingMail.objects.create(subject="Новое", body="…", from_email="z@x", to=["a@x"])
    old_entry = AuditEntry.objects.create(action="view", username="coordinator", at=now - timedelta(days=1200))
    return {
        "now": now,
        "kept": kept,
        "fresh_call": fresh_call,
        "forgotten": forgotten,
        "still_open": still_open,
        "new_report": new_report,
        "old_import": old_import,
        "old_mail": old_mail,
        "new_mail": new_mail,
        "old_entry": old_entry,
    }


@override_settings(RETENTION_DAYS=DAYS)
def test_it_erases_what_outlived_its_purpose_once_with_one_audit_entry(region, aged):
    now = aged["now"]
    result = purge_expired(now=now)
    assert result.startswith("удалено по срокам хранения: ") and "ничего" not in result

    request = HelpRequest.objects.get(pk=region.request_a.pk)
    assert (request.description, request.reporter_name, request.reporter_phone, request.close_text) == ("", "", "", "")
    assert request.status == "closed" and request.needs.exists(), "figures for the statistics stay"
    assert not StatusChange.objects.filter(request=request).exclude(note="").exists()
    assert FollowUp.objects.get(pk=region.followup_a.pk).comment == ""
    assert HelpRequest.objects.get(pk=aged["kept"].pk).description == "Свежая закрытая"

    call = Call.objects.get(pk=region.call_a.pk)
    assert (call.notes, call.plans) == ("", "") and call.wellbeing == 2
    assert Call.objects.get(pk=aged["fresh_call"].pk).notes == "Сегодня всё хорошо"

    forgotten = Beneficiary.objects.get(pk=aged["forgotten"].pk)
    assert forgotten.anonymized_at and "Забытова" not in forgotten.full_name and forgotten.phone == ""
    assert "Забытова" not in HelpRequest.objects.get(beneficiary=forgotten).description
    for name in ("still_open", "new_report"):
        assert Beneficiary.objects.get(pk=aged[name].pk).anonymized_at is None, name
    assert Beneficiary.objects.get(pk=region.person_a.pk).anonymized_at is None, "confirmed people stay"

    job = ImportJob.objects.get(pk=aged["old_import"].pk)
    assert (bytes(job.data), job.errors, job.duplicates, job.total_rows) == (b"", [], [], 3)
    assert (job.checked_rows, job.checked_key) == (None, "")
    assert (
        bytes(ImportJob.objects.get(pk=region.import_job.pk).data) == b""
        and ImportJob.objects.filter(pk=region.import_job.pk).exists()
    )

    assert not OutgoingMail.objects.filter(pk=aged["old_mail"].pk).exists()
    assert OutgoingMail.objects.filter(pk=aged["new_mail"].pk).exists()
    assert not AuditEntry.objects.filter(pk=aged["old_entry"].pk).exists()

    entries = AuditEntry.objects.filter(action="delete", details__has_key="retention")
    assert entries.count() == 1
    counts = entries.get().details["retention"]
    assert counts == {
        "closed_request_text": 1,
        "call_notes": 1,
        "unconfirmed_reports": 1,
        "import_files": 1,
        "mail": 1,
        "audit": 1,
    }
    assert entries.get().username == "система"

    # Idempotent: a second run (or a rerun after an interruption) finds nothing and writes nothing.
    assert purge_expired(now=now) == "удалено по срокам хранения: ничего"
    assert AuditEntry.objects.filter(action="delete", details__has_key="retention").count() == 1


@override_settings(RETENTION_DAYS={**DAYS, "mail": 0, "audit": 0})
def test_a_period_of_zero_keeps_the_data(region, aged):
    purge_expired(now=aged["now"])
    assert OutgoingMail.objects.filter(pk=aged["old_mail"].pk).exists()
    assert AuditEntry.objects.filter(pk=aged["old_entry"].pk).exists()


@override_settings(RETENTION_DAYS=DAYS)
def test_the_periodic_command_runs_the_purge(region, aged):
    out = StringIO()
    call_command("periodic", stdout=out)
    assert "purge_expired: удалено по срокам хранения: " in out.getvalue()
    assert Call.objects.get(pk=region.call_a.pk).plans == ""


@override_settings(RETENTION_DAYS={"hsds_uploads": 7})
def test_it_deletes_hsds_packages_older_than_their_period_once_with_the_count_audited(region):
    from directory.models import HsdsUpload

    now, owner = timezone.now(), region.users["coordinator"]

    def upload(name, days, imported=False):
        return HsdsUpload.objects.create(
            file_name=name,
            data=b"" if imported else b'{"organizations": []}',
            created_by=owner,
            created_at=now - timedelta(days=days),
            imported_at=now - timedelta(days=days) if imported else None,
        )

    waiting, imported, fresh = upload("old.json", 8), upload("done.json", 9, imported=True), upload("new.json", 2)
    assert purge_expired(now=now) == "удалено по срокам хранения: пакеты HSDS 2"
    assert list(HsdsUpload.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not HsdsUpload.objects.filter(pk__in=[waiting.pk, imported.pk]).exists()
    entry = AuditEntry.objects.get(action="delete", details__has_key="retention")
    assert entry.details["retention"] == {"hsds_uploads": 2} and entry.details["days"] == {"hsds_uploads": 7}

    assert purge_expired(now=now) == "удалено по срокам хранения: ничего"
    assert AuditEntry.objects.filter(action="delete", details__has_key="retention").count() == 1
