"""#12: the people search by name and phone uses trigram GIN indexes on PostgreSQL (none on SQLite)."""

import pytest
from django.db import connection

from people.models import Beneficiary


@pytest.mark.django_db
def test_it_indexes_names_and_phones_by_trigrams_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes exist on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'people_beneficiary'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"people_name_trgm", "people_phone_trgm", "people_phone2_trgm"} <= names
    query = Beneficiary.objects.filter(full_name__icontains="Соколов").values("pk").query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        # Without sequential and plain index scans the only way left is a bitmap scan of an index that can
        # answer ILIKE '%…%' — the trigram one (a b-tree, such as the name-order index, cannot; a full scan of it,
        # plain or index-only, is what the planner picked once statistics favoured it).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_indexonlyscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "people_name_trgm" in plan


def test_it_finds_people_by_a_part_of_the_name_or_phone(region):
    client = region.client("operator")
    assert "Иванова Анна Петровна" in client.get("/people/", {"q": "нна Пет"}).content.decode()
    assert "Иванова Анна Петровна" in client.get("/people/", {"q": "1112233"}).content.decode()
