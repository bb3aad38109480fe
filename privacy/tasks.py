"""The subject's report is built in the background worker (WeasyPrint takes seconds on a long history)."""

from django_tasks import task


@task()
def build_subject_report(report_id):
    from privacy import services

    services.report_build(report_id=report_id)
