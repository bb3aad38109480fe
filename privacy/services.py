"""Writes of the privacy app: asking for a subject's report (audited) and building it (the worker)."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from audit import log as audit_log
from core.documents import render_pdf
from privacy import report as subject_report
from privacy import tasks
from privacy.models import SubjectReport


def report_request(*, beneficiary, actor, background=True):
    """Queue the subject's report on one person; the request is an audit entry naming the person.
    `background=False` builds it at once (the demo loader)."""
    with transaction.atomic():
        item = SubjectReport.objects.create(beneficiary=beneficiary, requested_by=actor)
        entry = audit_log.record(
            audit_log.Action.CREATE,
            item,
            user=actor,
            details={"what": "Справка субъекту (ст. 14 152-ФЗ): запрошена", "ids": [beneficiary.pk]},
        )
        audit_log.link(entry, [beneficiary.pk])
        if background:
            transaction.on_commit(lambda: tasks.build_subject_report.enqueue(item.pk))
    if not background:
        tasks.build_subject_report.call(item.pk)
        item.refresh_from_db()
    return item


def report_build(*, report_id):
    """The worker's part: the PDF of the subject's report, or the error; the status page always ends, never an
    endless «готовится…»."""
    item = SubjectReport.objects.select_related("beneficiary__territory", "beneficiary__household").get(pk=report_id)
    try:
        pdf = render_pdf("privacy/report_print.html", subject_report.gather(item.beneficiary))
    except Exception as exc:  # any failure of the rendering is shown on the status page
        item.state, item.error, item.finished_at = SubjectReport.State.FAILED, str(exc)[:300], timezone.now()
        item.save(update_fields=["state", "error", "finished_at"])
        return item
    item.file.save(f"spravka-{item.beneficiary_id}-{item.pk}.pdf", ContentFile(pdf), save=False)
    item.state, item.finished_at = SubjectReport.State.READY, timezone.now()
    item.save(update_fields=["file", "state", "finished_at"])
    return item
