"""Personal data, declared once per model (152-FZ).

A model holding personal data declares `PERSONAL_FIELDS = {field name: how it is erased}`. Two
readers use that one list, so they cannot drift apart:

- the audit log (audit.tracking, audit.log) records that such a field changed, never its value, and
  names the record by number;
- anonymization after a withdrawn consent (`erase_person`) erases exactly those fields of every
  record about the person and deletes their uploaded files from storage.

A model about a person (a beneficiary) also declares `PERSON_LOOKUP`: the query path from the model
to `people.Beneficiary` ("" for the Beneficiary itself), e.g. "enrolment__beneficiary" for a call or
"household__members" for what belongs to the person's family. Models with personal data of other
people (staff, volunteers, guardians, letter contacts) declare only `PERSONAL_FIELDS`: masked in the
log, never erased by someone else's withdrawal.
"""

from django.apps import apps
from django.db import models

# How a field is erased.
BLANK = "blank"  # "" (or NULL for a nullable field, {} / [] for JSON)
ANONYMIZED = "anonymized"  # «Обезличено» (a required text)
NUMBERED = "numbered"  # «Обезличено №<id>» (a required text that must stay distinguishable)
YEAR = "year"  # a date kept as 1 January of its year (age groups stay countable)
FILE = "file"  # the file is deleted from storage and the field left empty

KINDS = {BLANK, ANONYMIZED, NUMBERED, YEAR, FILE}
ANONYMIZED_TEXT = "Обезличено"


def fields_of(model_or_instance):
    """The declared personal fields of a model (an empty dict when it declares none)."""
    return getattr(model_or_instance, "PERSONAL_FIELDS", None) or {}


def is_personal(model_or_instance, name):
    return name in fields_of(model_or_instance)


def person_models():
    """Models with records about a beneficiary, each with its declared fields, in a stable order."""
    found = [m for m in apps.get_models() if fields_of(m) and getattr(m, "PERSON_LOOKUP", None) is not None]
    return sorted(found, key=lambda m: m._meta.label_lower)


def records_of(model, beneficiary):
    """The model's records about one person (through its PERSON_LOOKUP)."""
    lookup = model.PERSON_LOOKUP
    if lookup == "":
        return model._default_manager.filter(pk=beneficiary.pk)
    return model._default_manager.filter(**{lookup: beneficiary}).distinct()


def _erased(model, obj, name, kind):
    field = model._meta.get_field(name)
    value = getattr(obj, field.attname)
    if kind == FILE:
        if value:
            value.delete(save=False)  # from storage, not only from the row
        return ""
    if kind == YEAR:
        return value.replace(month=1, day=1) if value else value
    if kind == ANONYMIZED:
        return ANONYMIZED_TEXT if value not in (None, "") else value
    if kind == NUMBERED:
        return f"{ANONYMIZED_TEXT} №{obj.pk}"
    if isinstance(field, models.JSONField):
        return type(value)() if isinstance(value, (list, dict)) else None
    if field.null:
        return None
    return ""


def erase_person(beneficiary):
    """Erases every declared personal field of every record about the person and deletes their files.

    Plain UPDATEs (no save signals): the audit keeps one entry for the whole anonymization, written by
    the caller, instead of a change entry per erased note. Returns {model label: records erased}."""
    done = {}
    for model in person_models():
        declared = fields_of(model)
        count = 0
        for obj in records_of(model, beneficiary):
            values = {}
            for name, kind in declared.items():
                new = _erased(model, obj, name, kind)
                if kind == FILE or new != getattr(obj, model._meta.get_field(name).attname):
                    values[model._meta.get_field(name).attname] = new
            if values:
                model._default_manager.filter(pk=obj.pk).update(**values)
            count += 1
        if count:
            done[model._meta.label_lower] = count
    return done


def categories(beneficiary=None):
    """Which categories of data are destroyed, in Russian, from the declared lists: [(what, [fields])].
    With a person, only the kinds of records that exist about them."""
    result = []
    for model in person_models():
        if beneficiary is not None and not records_of(model, beneficiary).exists():
            continue
        names = [str(model._meta.get_field(name).verbose_name) for name in fields_of(model)]
        result.append((str(model._meta.verbose_name_plural).capitalize(), names))
    return result
