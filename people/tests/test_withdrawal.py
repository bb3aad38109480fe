"""Withdrawing the personal-data consent leaves no personal value of the person anywhere (152-FZ art. 9, 21).

The walk is driven by the declared lists (PERSONAL_FIELDS, core.personal): every model that declares a
personal field about a person gets a record here with a recognisable value in every declared field,
written through `save()` so the audit log sees it too; after the withdrawal none of those values is
left in the records, in the storage or in any audit entry.
"""

import json
import re
from datetime import date

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from core import personal
from people.models import Beneficiary, Consent, SocialContact

NAME = "Иванова Анна Петровна"
PHONE = "+79101112233"


def _records_about_the_person(region):
    """At least one record about person_a in every model with a PERSON_LOOKUP (the fixture has most)."""
    from centres.models import CareVisit
    from guardianship.models import Call as FamilyCall
    from guardianship.models import HelpEntry
    from helprequests.models import Assignment, StatusChange
    from phone.models import Identification, Pause, VolunteerChange
    from ties import services as ties_services
    from ties.models import RelativeMessage

    person = region.person_a
    person.household = region.household_a
    person.save()
    SocialContact.objects.create(beneficiary=person, relation="relative", name="x")
    tie = ties_services.tie_save(beneficiary=person, actor=None, kind="relative", contact_name="x", phone="")
    RelativeMessage.objects.create(tie=tie, event="alert:1", channel="email", address="x@example.org", text="x")
    StatusChange.objects.create(request=region.request_a, status="new", note="x")
    Assignment.objects.create(request=region.request_a, organization=region.org_a)
    Identification.objects.create(beneficiary=person, identified_by="Соцработник", institution="КЦСОН")
    VolunteerChange.objects.create(enrolment=region.enrolment_a, volunteer=region.volunteer_a)
    Pause.objects.create(
        enrolment=region.enrolment_a, starts_on=date(2026, 1, 1), ends_on=date(2026, 1, 2), reason="hospital"
    )
    CareVisit.objects.create(entry=region.care_a)
    HelpEntry.objects.create(guardianship=region.guardianship_a, what="x")
    FamilyCall.objects.create(guardianship=region.guardianship_a, kind="14d", due_at=timezone.now())
    from privacy.models import SubjectReport

    SubjectReport.objects.create(beneficiary=person)  # the subject's report PDF (#11)
    from core.models import OutgoingMail

    OutgoingMail.objects.create(
        subject="x", body="x", from_email="x@example.org", to=["x@example.org"], beneficiary=person
    )


def _mark(model, obj, name, field, files):
    """A recognisable value for one declared field (returned as the text to look for afterwards)."""
    tag = f"ПДН-{model._meta.model_name}-{name}-{obj.pk}"
    if isinstance(field, models.FileField):
        getattr(obj, name).save(f"{tag}.pdf", ContentFile(b"%PDF-1.7 personal"), save=False)
        files.append(getattr(obj, name).name)
        return None
    if isinstance(field, models.DateField):
        setattr(obj, name, date(1941, 6, 22))
        return None
    if isinstance(field, (models.FloatField, models.IntegerField)):
        setattr(obj, name, 3)
        return None
    if isinstance(field, models.EmailField):
        value = f"pdn{model._meta.model_name}{obj.pk}@example.org"
    elif isinstance(field, models.JSONField):
        setattr(obj, name, {"ответ": tag})
        return tag
    elif "phone" in name:
        value = f"+7999{obj.pk:07d}"[:12]
    else:
        value = tag[: field.max_length] if field.max_length else tag
    setattr(obj, name, value)
    return value


def test_every_declared_personal_model_holds_a_record_about_the_person_here(region):
    """The walk below is complete: a new model with declared personal fields needs a record in this file."""
    _records_about_the_person(region)
    missing = [m._meta.label for m in personal.person_models() if not personal.records_of(m, region.person_a)]
    assert missing == []


def test_it_leaves_no_personal_value_of_the_person_anywhere_after_withdrawal(region):
    _records_about_the_person(region)
    person = region.person_a
    looked_for, files, numeric = {NAME, PHONE}, [], []
    for model in personal.person_models():
        for obj in personal.records_of(model, person):
            for name in personal.fields_of(model):
                field = model._meta.get_field(name)
                value = _mark(model, obj, name, field, files)
                if value:
                    looked_for.add(value)
                elif not isinstance(field, models.FileField):
                    numeric.append((model, obj.pk, name, field))
            obj.save()  # through the audit tracking, as a form would
    assert files and all(default_storage.exists(f) for f in files)

    answer = region.client("coordinator").post(reverse("people:consent_withdraw", args=[region.consent_a.pk]))
    assert answer.status_code == 302

    left = []
    for model in personal.person_models():
        for row in personal.records_of(model, person).values():
            text = json.dumps(row, default=str, ensure_ascii=False)
            left += [(model._meta.label, v) for v in looked_for if v in text]
    assert left == []
    for model, pk, name, field in numeric:
        value = getattr(model._default_manager.get(pk=pk), name)
        if isinstance(field, models.DateField):
            assert value in (None, date(1941, 1, 1)), (model, name)  # the year only
        else:
            assert value is None, (model, name)
    assert not [f for f in files if default_storage.exists(f)]

    entries = AuditEntry.objects.all()
    assert entries.count() > 20
    in_log = []
    for entry in entries:
        text = entry.object_repr + json.dumps(entry.details, default=str, ensure_ascii=False)
        in_log += [(entry.object_type, v) for v in looked_for if v in text]
    assert in_log == []
    mine = entries.filter(object_type="people.beneficiary", object_id=str(person.pk), details__has_key="anonymized")
    assert mine.count() == 1 and mine.get().user == region.users["coordinator"]


def test_it_refuses_writes_for_the_person_after_withdrawal_on_pages_and_in_the_api(region):
    from helprequests.models import HelpRequest
    from phone.models import Call, Enrolment

    person, enrolment = region.person_a, region.enrolment_a
    client = region.client("coordinator")
    client.post(reverse("people:consent_withdraw", args=[region.consent_a.pk]))
    requests, calls, enrolments = HelpRequest.objects.count(), Call.objects.count(), Enrolment.objects.count()

    client.post(
        reverse("helprequests:create"),
        {"beneficiary": person.pk, "channel": "hotline", "urgency": "3d", "description": "Нужны продукты"},
    )
    client.post(reverse("phone:call", args=[enrolment.pk]), {"reached": "on", "duration_min": 5})
    client.post(
        reverse("phone:enrol"),
        {"beneficiary": person.pk, "weekdays": [1], "every_weeks": 1, "window_start": "10:00", "window_end": "12:00"},
    )
    api = region.api("coordinator")
    refused = [
        api.post(
            "/api/v1/requests",
            {"beneficiary_id": person.pk, "channel": "hotline", "need_codes": ["groceries"]},
            content_type="application/json",
        ),
        api.post(
            "/api/v1/phone/calls", {"enrolment_id": enrolment.pk, "reached": True}, content_type="application/json"
        ),
        api.post(
            "/api/v1/phone/enrolments",
            {"beneficiary_id": person.pk, "weekdays": [1], "window_start": "10:00", "window_end": "12:00"},
            content_type="application/json",
        ),
    ]
    assert [r.status_code for r in refused] == [422, 422, 422]
    assert all("отозвал согласие" in str(r.json()) for r in refused), [r.json() for r in refused]
    assert (HelpRequest.objects.count(), Call.objects.count(), Enrolment.objects.count()) == (
        requests,
        calls,
        enrolments,
    )


# Field names that speak about a person; a model linked to a person that has one must declare it.
PERSONAL_NAME = re.compile(r"name|phone|address|note|description|comment|text|email|file|reason|answers|about")
# Linked to a person, named like personal data, but not personal: codes, tokens, choices, bookkeeping.
NOT_PERSONAL = {
    "helprequests.helprequest": {"number", "close_institution"},  # where a request was handed over
    "people.consent": {"text_version"},
    "core.outgoingmail": {"from_email"},  # the platform's own sender address
    "phone.identification": {"identified_by", "institution"},  # the staff member and their institution
    "guardianship.storymedia": set(),
    "guardianship.familylink": {"token", "sent_how"},
    "guardianship.guardianship": {"hq_present", "family_agreement_number", "termination_reason"},
    "ties.tie": {"ended_reason"},
    "ties.relativemessage": {"event"},
    "phone.enrolment": {"language"},
    "phone.call": {"info_given", "thanks"},  # topics told (codes), the coordinator's thanks to the volunteer
    "people.beneficiary": set(),
    "people.household": set(),
}


def _reaches_a_person(model, depth=0):
    if model in (Beneficiary, apps.get_model("people", "Household")):
        return True
    if depth >= 3:
        return False
    skipped = ("accounts", "auth", "territories", "catalog", "volunteers", "directory")
    for f in model._meta.concrete_fields:
        if not isinstance(f, models.ForeignKey) or f.related_model._meta.app_label in skipped:
            continue
        if f.related_model is not model and _reaches_a_person(f.related_model, depth + 1):
            return True
    return False


def test_every_model_about_a_person_declares_its_personal_fields(region):
    undeclared = []
    for model in apps.get_models():
        if model._meta.app_label in ("audit", "accounts", "volunteers") or not _reaches_a_person(model):
            continue
        label = model._meta.label_lower
        for field in model._meta.concrete_fields:
            if field.is_relation or getattr(field, "choices", None) and not isinstance(field, models.JSONField):
                continue
            if not PERSONAL_NAME.search(field.name) or field.name in NOT_PERSONAL.get(label, ()):
                continue
            if field.name not in personal.fields_of(model):
                undeclared.append(f"{label}.{field.name}")
        if personal.fields_of(model) and getattr(model, "PERSON_LOOKUP", None) is None:
            undeclared.append(f"{label}: PERSON_LOOKUP")
    assert undeclared == []


def test_no_model_keeps_a_second_list_for_the_audit(region):
    """One declared list: the old AUDIT_MASKED would drift from what anonymization erases."""
    assert [m._meta.label for m in apps.get_models() if hasattr(m, "AUDIT_MASKED")] == []


@pytest.mark.parametrize("kind", sorted(personal.KINDS))
def test_every_erasure_kind_is_used_or_known(kind):
    used = {k for m in apps.get_models() for k in personal.fields_of(m).values()}
    assert used <= personal.KINDS and kind in personal.KINDS


def test_consent_purposes_are_known_to_the_withdrawal(region):
    assert {c for c, _ in Consent.Purpose.choices} == {"personal_data", "phone_service", "publication", "relatives"}
