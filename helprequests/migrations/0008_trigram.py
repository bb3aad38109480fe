"""Trigram indexes for the requests' search box on PostgreSQL (#12).

The search filters with `number__icontains` and `description__icontains` (Django writes
`UPPER("…"::text) LIKE UPPER('%…%')`); a GIN index with `gin_trgm_ops` on exactly those expressions answers them
without reading every request (the person's name is answered by people_name_trgm, people/0008). SQLite has
neither the extension nor GIN: there both operations do nothing. The indexes live outside the model state
because they exist on PostgreSQL only."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = {
    "helprequest_number_trgm": "UPPER(number::text) gin_trgm_ops",
    "helprequest_description_trgm": "UPPER(description::text) gin_trgm_ops",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, expression in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON helprequests_helprequest USING gin ({expression})"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("helprequests", "0007_followup_open_due"), ("people", "0008_trigram")]

    operations = [
        TrigramExtension(),  # CREATE EXTENSION on PostgreSQL only; nothing on SQLite
        migrations.RunPython(create, drop),
    ]
