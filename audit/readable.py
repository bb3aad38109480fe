"""History lines in plain Russian: who (the person's name, not the login), which field (its Russian
name), from what to what (choices, yes/no, dates as дд.мм.гггг, linked records by name)."""

from datetime import date, datetime

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone

from audit.tracking import MASK

EMPTY = "не указано"


def who(entry):
    """The user's full name; the login only when there is no name; «система» for background work."""
    user = entry.user if entry.user_id else None
    if user is not None:
        return user.get_full_name() or user.get_username()
    return entry.username or "система"


def model_for(object_type):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def field_of(model, name):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def label(field, name):
    if field is None:
        return name
    text = str(getattr(field, "verbose_name", name))
    return text[:1].upper() + text[1:]


def _when(value):
    if isinstance(value, datetime):
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        return moment.strftime("%d.%m.%Y %H:%M")
    return value.strftime("%d.%m.%Y")


def _model_plural(name):
    model = model_for(name) if isinstance(name, str) and "." in name else None
    text = str(model._meta.verbose_name_plural) if model is not None else str(name)
    return text[:1].upper() + text[1:]


def _structure(value):
    """Dicts and lists (JSON fields) as a sentence: model labels by their Russian names, never Python repr."""
    if isinstance(value, dict):
        return "; ".join(f"{_model_plural(k)}: {_structure(v)}" for k, v in value.items()) or "нет"
    if isinstance(value, (list, tuple)):
        if len(value) == 2 and isinstance(value[0], str) and isinstance(value[1], (list, tuple)):
            return f"{value[0]} ({_structure(value[1]) or 'нет'})"  # a [name, [items]] pair
        nested = any(isinstance(item, (list, tuple, dict)) for item in value)
        return ("; " if nested else ", ").join(_structure(item) for item in value) or "нет"
    if isinstance(value, bool):
        return "да" if value else "нет"
    return str(value)


def value_text(field, value, related=None):
    """One stored value as a person reads it. `related(model, pk)` names a linked record."""
    if isinstance(value, (dict, list, tuple)):
        return _structure(value)
    if value in (None, ""):
        return EMPTY if not isinstance(field, models.BooleanField) else "неизвестно"
    if value == MASK:
        return "скрыто"
    if isinstance(field, models.BooleanField) or isinstance(value, bool):
        return "да" if value in (True, "True") else "нет"
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        name = related(field.related_model, value) if related else None
        return name or f"№{value}"
    if isinstance(field, (models.DateTimeField, models.DateField)) and isinstance(value, str):
        try:
            parsed = (
                datetime.fromisoformat(value) if isinstance(field, models.DateTimeField) else date.fromisoformat(value)
            )
        except ValueError:
            return value
        return _when(parsed)
    if isinstance(value, (datetime, date)):
        return _when(value)
    return str(value)


def change_line(model, name, old, new, related=None):
    field = field_of(model, name)
    title = label(field, name)
    if MASK in (old, new):
        return f"{title}: изменено (значение скрыто)"
    before, after = value_text(field, old, related), value_text(field, new, related)
    return f"{title}: {before} → {after}"


class _Names:
    """Names of linked records, one query per record, remembered for the page."""

    def __init__(self):
        self.cache = {}

    def __call__(self, model, pk):
        key = (model._meta.label_lower, str(pk))
        if key not in self.cache:
            obj = model._default_manager.filter(pk=pk).first()
            self.cache[key] = str(getattr(obj, "audit_label", obj)) if obj is not None else None
        return self.cache[key]


def describe(entries):
    """Give each entry `who` and `lines` (plain Russian sentences); returns the entries as a list."""
    entries = list(entries)
    names = _Names()
    for entry in entries:
        entry.who = who(entry)
        model = model_for(entry.object_type)
        changes = (entry.details or {}).get("changes") or {}
        if entry.action == "create":
            entry.lines = ["Запись создана"]
        elif entry.action == "delete":
            entry.lines = ["Запись удалена"]
        elif changes:
            entry.lines = [change_line(model, k, v[0], v[1], names) for k, v in changes.items()]
        else:
            entry.lines = []
        if note := (entry.details or {}).get("note"):
            entry.lines.append(str(note))
    return entries
