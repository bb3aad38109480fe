"""Exports are built by the background worker (django-tasks; `manage.py db_worker` in production)."""

from django_tasks import task


@task()
def build_export(export_id):
    from exports import services

    services.export_build(export_id=export_id)
