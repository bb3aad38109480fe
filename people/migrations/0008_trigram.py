"""Trigram indexes for the people search on PostgreSQL (#12).

The search filters with `full_name__icontains` (Django writes `UPPER("full_name"::text) LIKE UPPER('%…%')`)
and `phone__contains` (`"phone"::text LIKE '%…%'`); a GIN index with `gin_trgm_ops` on exactly those
expressions answers both without reading every person (EXPLAIN: «Bitmap Index Scan on people_name_trgm»).
SQLite has neither the extension nor GIN: there both operations do nothing. The indexes live outside the
model state because they exist on PostgreSQL only."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = {
    "people_name_trgm": "UPPER(full_name::text) gin_trgm_ops",
    "people_phone_trgm": "phone gin_trgm_ops",
    "people_phone2_trgm": "phone2 gin_trgm_ops",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, expression in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON people_beneficiary USING gin ({expression})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("people", "0007_indexes")]

    operations = [
        TrigramExtension(),  # CREATE EXTENSION on PostgreSQL only; nothing on SQLite
        migrations.RunPython(create, drop),
    ]
