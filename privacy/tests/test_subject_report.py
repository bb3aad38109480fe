"""The subject's report (art. 14 152-FZ): a PDF listing purposes, recipients and readers, built in the background."""

import io

import pypdf
from django.urls import reverse

from audit.models import AuditEntry
from helprequests.models import Assignment
from people.models import Consent
from privacy.models import SubjectReport
from ties import services as ties_services
from ties.models import RelativeMessage


def _known_history(region):
    """person_a: three purposes, four recipients (helper, phone volunteer, relative informed, guardian), two readers."""
    person = region.person_a
    Consent.objects.create(beneficiary=person, purpose=Consent.Purpose.PHONE_SERVICE)
    Consent.objects.create(beneficiary=person, purpose=Consent.Purpose.RELATIVES)
    Assignment.objects.create(request=region.request_a, organization=region.org_a)  # helper assigned
    son = ties_services.tie_save(
        beneficiary=person, actor=None, kind="relative", contact_name="Сын Пётр", phone="+79105550022"
    )
    son.agrees_to_messages = True
    son.save()
    RelativeMessage.objects.create(tie=son, event="alert:1", channel="sms", address="+79105550022", text="Тревога")
    person.household = region.household_a  # guardian НКО Района А
    person.save()
    region.client("operator").get(reverse("people:list"))  # reader 1: in a list
    region.users["operator"].first_name, region.users["operator"].last_name = "Ольга", "Операторова"
    region.users["operator"].save()
    region.client("coordinator").get(reverse("people:detail", args=[person.pk]))  # reader 2: the record page


def _pdf_text(content):
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_it_lists_purposes_recipients_and_readers(region, django_capture_on_commit_callbacks):
    _known_history(region)
    client = region.client("coordinator")
    assert client.get(reverse("privacy:report", args=[region.person_a.pk])).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:report", args=[region.person_a.pk]))
    item = SubjectReport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("privacy:report_status", args=[item.pk])
    assert item.state == SubjectReport.State.READY, item.error
    page = client.get(reverse("privacy:report_status", args=[item.pk])).content.decode()
    assert "Скачать PDF" in page and "Готовится" not in page

    download = client.get(reverse("privacy:report_download", args=[item.pk]))
    assert download["Content-Type"] == "application/pdf" and download["Cache-Control"] == "no-store"
    text = _pdf_text(download.content)
    assert "Иванова Анна Петровна" in text
    for purpose in (
        "Обработка персональных данных для оказания помощи",
        "Участие в службе «Алло, волонтёр!»",
        "Информирование родственников",
    ):
        assert purpose in text, purpose
    assert "Публикация историй" not in text  # no such consent
    for recipient in ("НКО Района А", "Волонтёрова Вера", "Сын Пётр"):
        assert recipient in text, recipient
    assert "опекун семьи" in text and "помощник (организация)" in text and "тревога (не дозвонились)" in text
    for reader in ("Ольга Операторова", "coordinator"):
        assert reader in text, reader
    assert "Петров Борис" not in text  # another person's data never leaks in

    # The request and the download are audited, naming the person by number only.
    asked = AuditEntry.objects.get(action="create", object_type="privacy.subjectreport")
    assert asked.username == "coordinator" and asked.details["ids"] == [region.person_a.pk]
    got = AuditEntry.objects.filter(action="export", details__what__startswith="Справка субъекту").get()
    assert got.details["ids"] == [region.person_a.pk] and "Иванова" not in str(got.details)


def test_it_shows_preparing_until_the_worker_is_done(region):
    item = SubjectReport.objects.create(beneficiary=region.person_a, requested_by=region.users["coordinator"])
    client = region.client("coordinator")
    page = client.get(reverse("privacy:report_status", args=[item.pk])).content.decode()
    assert "Готовится…" in page and 'hx-trigger="every 2s"' in page
    assert client.get(reverse("privacy:report_download", args=[item.pk])).status_code == 404


def test_it_refuses_a_coordinator_of_another_territory(region):
    item = SubjectReport.objects.create(beneficiary=region.person_a)
    client = region.client(region.coordinator_b)
    assert client.get(reverse("privacy:report", args=[region.person_a.pk])).status_code == 404
    assert client.get(reverse("privacy:report_status", args=[item.pk])).status_code == 404
    assert client.post(reverse("privacy:report", args=[region.person_a.pk])).status_code == 404
    assert not SubjectReport.objects.exclude(pk=item.pk).exists()
