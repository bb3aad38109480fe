"""#10: the fields lists and periodic jobs filter on lead an index (checked in the migrated database)."""

import pytest
from django.db import connection

from audit.models import AuditEntry
from directory.models import Organization
from guardianship.models import Call
from helprequests.models import HelpRequest
from people.models import Beneficiary
from phone.models import Enrolment

LEADING = [
    (Organization, "verified_at"),
    (Organization, "last_confirmed_at"),
    (AuditEntry, "object_type"),
    (Call, "done_at"),
    (HelpRequest, "received_at"),
    (HelpRequest, "closed_at"),
    (Beneficiary, "phone"),
    (Beneficiary, "phone2"),
    (Enrolment, "ended_at"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("model, field", LEADING, ids=lambda x: getattr(x, "__name__", x))
def test_it_has_an_index_led_by_the_filtered_field(model, field):
    column = model._meta.get_field(field).column
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    leading = {c["columns"][0] for c in constraints.values() if c["index"] and c["columns"]}
    assert column in leading


@pytest.mark.django_db
def test_it_looks_up_a_records_history_by_an_index_on_type_and_id():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, AuditEntry._meta.db_table)
    assert any(c["index"] and c["columns"][:2] == ["object_type", "object_id"] for c in constraints.values())
