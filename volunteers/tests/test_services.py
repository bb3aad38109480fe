"""#10: one volunteer save — the web form, the API and the file import all go through volunteers.services,
with the same scope rules, and a change of skills is recorded explicitly with the old and new list."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from catalog.models import ServiceCategory
from directory.services import RowsRefused
from volunteers import services
from volunteers.models import Volunteer


def _skills(*codes):
    return list(ServiceCategory.objects.filter(code__in=codes))


def _skill_changes(volunteer):
    return [
        e.details["changes"]["навыки"]
        for e in AuditEntry.objects.filter(object_type="volunteers.volunteer", object_id=str(volunteer.pk)).order_by(
            "pk"
        )
        if "навыки" in e.details.get("changes", {})
    ]


def test_it_records_the_skills_change_with_the_old_and_new_list(region):
    card = region.volunteer_a
    services.volunteer_save(volunteer=card, data={}, skills=_skills("groceries"), actor=region.users["coordinator"])
    services.volunteer_save(
        volunteer=card, data={}, skills=_skills("phone_companionship"), actor=region.users["coordinator"]
    )
    groceries, phone = (ServiceCategory.objects.get(code=c).name for c in ("groceries", "phone_companionship"))
    assert _skill_changes(card) == [["", groceries], [groceries, phone]]


def test_it_records_the_skills_change_made_in_the_web_form(region):
    data = {
        "full_name": region.volunteer_a.full_name,
        "age_group": "silver",
        "territory": region.a1.pk,
        "organization": region.org_a.pk,
        "max_load": 3,
        "area_radius_km": 5,
        "is_active": "on",
        "skills": [ServiceCategory.objects.get(code="groceries").pk],
    }
    answer = region.client("coordinator").post(reverse("volunteers:edit", args=[region.volunteer_a.pk]), data)
    assert answer.status_code == 302
    assert [s.code for s in region.volunteer_a.skills.all()] == ["groceries"]
    entry = AuditEntry.objects.filter(object_type="volunteers.volunteer", username="coordinator").latest("pk")
    assert entry.details["changes"]["навыки"] == ["", ServiceCategory.objects.get(code="groceries").name]


def test_it_does_not_record_unchanged_skills(region):
    card = region.volunteer_a
    services.volunteer_save(volunteer=card, data={"max_load": 4}, skills=[], actor=region.users["coordinator"])
    assert _skill_changes(card) == []


def test_it_refuses_a_territory_outside_the_actors_scope(region):
    card = region.volunteer_a
    with pytest.raises(ValidationError) as refused:
        services.volunteer_save(volunteer=card, data={"territory": region.b1}, actor=region.users["coordinator"])
    assert "территория" in str(refused.value).lower() or "territory" in refused.value.message_dict
    card.refresh_from_db()
    assert card.territory == region.a1


def test_it_refuses_org_staff_a_card_of_another_organization(region):
    card = Volunteer(full_name="Новикова Нина", age_group="silver")
    with pytest.raises(ValidationError) as refused:
        services.volunteer_save(
            volunteer=card,
            data={"territory": region.a1, "organization": region.org_b},
            actor=region.users["org_staff"],
        )
    assert "organization" in refused.value.message_dict
    assert card.pk is None


def test_the_import_checks_the_scope_of_every_row_and_writes_nothing_when_one_fails(region):
    rows = [
        {
            "row": 2,
            "fields": {"full_name": "Первая Анна", "age_group": "silver", "territory_id": region.a1.pk},
            "skill_codes": ["groceries"],
        },
        {
            "row": 3,
            "fields": {"full_name": "Вторая Бэлла", "age_group": "silver", "territory_id": region.b1.pk},
            "skill_codes": [],
        },
    ]
    with pytest.raises(RowsRefused) as refused:
        services.volunteers_import(rows=rows, actor=region.users["coordinator"])
    assert refused.value.rows == [(3, "Территория", "Территория вне вашей зоны ответственности.")]
    assert not Volunteer.objects.filter(full_name__in=["Первая Анна", "Вторая Бэлла"]).exists()

    created = services.volunteers_import(rows=rows[:1], actor=region.users["coordinator"])
    card = Volunteer.objects.get(pk=created[0].pk)
    assert [s.code for s in card.skills.all()] == ["groceries"]
    entry = AuditEntry.objects.get(object_type="volunteers.volunteer", object_id=str(card.pk), action="create")
    assert entry.details["skills"] == ["groceries"] and entry.username == "coordinator"


# --- the public application goes through the same card write (#10) ---


def _apply(region, **overrides):
    kwargs = {
        "full_name": "  Соколова Мария  ",
        "phone": "8 (910) 444-55-66",
        "territory": region.a1,
        "age_group": "silver",
        "skills": _skills("groceries"),
    }
    return services.candidate_create(**{**kwargs, **overrides})


def test_it_writes_a_public_candidate_with_the_phone_in_one_notation_and_the_channel_logged(region):
    candidate = _apply(region)
    assert candidate.phone == "+79104445566" and candidate.full_name == "Соколова Мария"
    assert candidate.status == "candidate" and not candidate.is_active
    entries = AuditEntry.objects.filter(object_type="volunteers.volunteer", object_id=str(candidate.pk))
    applied = entries.get(details__recruitment="applied")
    assert applied.user is None and applied.details["channel"] == "public_form"
    assert _skill_changes(candidate) == [["", _skills("groceries")[0].name]]


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("phone", {"phone": "123"}),
        ("full_name", {"full_name": "Я" * 201}),
        ("age_group", {"age_group": "toddler"}),
    ],
)
def test_it_refuses_a_public_candidate_the_card_checks_refuse_and_writes_nothing(region, field, overrides):
    before = Volunteer.objects.count()
    with pytest.raises(ValidationError) as refused:
        _apply(region, **overrides)
    assert field in refused.value.message_dict
    assert Volunteer.objects.count() == before
