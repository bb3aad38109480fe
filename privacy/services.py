"""Writes of the privacy app: asking for a subject's report (audited; built by the worker)."""

from django.db import transaction

from audit import log as audit_log
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
