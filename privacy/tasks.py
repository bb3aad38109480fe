"""The subject's report is built in the background worker (WeasyPrint takes seconds on a long history)."""

from django.core.files.base import ContentFile
from django.utils import timezone
from django_tasks import task

from core.documents import render_pdf
from privacy import report as subject_report
from privacy.models import SubjectReport


@task()
def build_subject_report(report_id):
    item = SubjectReport.objects.select_related("beneficiary__territory", "beneficiary__household").get(pk=report_id)
    try:
        pdf = render_pdf("privacy/report_print.html", subject_report.gather(item.beneficiary))
    except Exception as exc:  # the status page always ends, never an endless «готовится…»
        item.state, item.error, item.finished_at = SubjectReport.State.FAILED, str(exc)[:300], timezone.now()
        item.save(update_fields=["state", "error", "finished_at"])
        return
    item.file.save(f"spravka-{item.beneficiary_id}-{item.pk}.pdf", ContentFile(pdf), save=False)
    item.state, item.finished_at = SubjectReport.State.READY, timezone.now()
    item.save(update_fields=["file", "state", "finished_at"])
