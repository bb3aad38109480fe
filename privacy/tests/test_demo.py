"""The demo person has a ready subject's report and readers in «Кто просматривал»."""

import io

import pypdf
from django.core.management import call_command

from audit import log as audit_log
from demo.privacy import demo_person
from privacy.models import SubjectReport


def test_the_demo_person_has_a_ready_report(db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    out = (tmp_path / "out.txt").open("w")
    call_command("demo_data", stdout=out)
    call_command("demo_data", stdout=out)  # idempotent: still one report
    person = demo_person()
    report = SubjectReport.objects.get(beneficiary=person)
    assert report.state == SubjectReport.State.READY and report.requested_by.username == "coordinator"
    with report.file.open("rb") as f:
        text = " ".join(" ".join((p.extract_text() or "").split()) for p in pypdf.PdfReader(io.BytesIO(f.read())).pages)
    assert person.full_name in text and "Участие в службе «Алло, волонтёр!»" in text
    assert "Наталья Иванова" in text and "Ольга Смирнова" in text  # the operator and the coordinator read it
    assert {r["who"] for r in audit_log.readers_summary(person.pk)} >= {"Наталья Иванова", "Ольга Смирнова"}
