from datetime import time

import pytest

from audit import tracking
from audit.context import acting_as
from audit.models import AuditEntry
from core import bulk
from directory.models import Organization
from volunteers.models import Volunteer


def _entry(obj):
    return AuditEntry.objects.get(action="create", object_type=obj._meta.label_lower, object_id=str(obj.pk))


def _comparable(entry, obj):
    fields = {k: (v if not k.endswith("_at") else bool(v)) for k, v in entry.details["fields"].items() if k != "id"}
    return (entry.username, entry.user_id, entry.object_repr.replace(str(obj.pk), "№"), fields)


@pytest.mark.django_db
def test_it_writes_what_the_save_signal_writes(region):
    """#12: entries built as plain rows once per model must equal those of a record saved one by one."""
    user = region.users["coordinator"]
    samples = [
        lambda: Organization(name="НКО «Тест»", kind="ngo", territory=region.a1, lat=55.1, phone="+74912551234"),
        lambda: Volunteer(
            full_name="Петрова Галина Ивановна",
            phone="+79101112233",
            email="",
            age_group="silver",
            territory=region.a1,
            weekdays=[1, 3],
            hours_from=time(10),
            hours_to=time(14),
        ),
    ]
    for make in samples:
        with acting_as(user):
            saved = make()
            saved.save()
        fresh = bulk.insert([make()])[0]
        assert tracking.created_in_bulk([fresh], user=user, extra=lambda obj: {"x": [1]}) == 1
        one, many = _entry(saved), _entry(fresh)
        assert many.details["x"] == [1]
        assert _comparable(many, fresh) == _comparable(one, saved)
        assert many.details["fields"]["id"] == fresh.pk
    volunteer = _entry(Volunteer.objects.order_by("-pk").first())
    assert volunteer.details["fields"]["full_name"] == "•••" and volunteer.details["fields"]["email"] == ""
