"""Import of organizations and volunteers: every row is checked before anything is written.

`validate(kind, rows, lookups)` is pure: it turns rows of text into clean values or row/column errors.
"""

import re
from dataclasses import dataclass, field
from datetime import time
from functools import lru_cache

from django.core.exceptions import ValidationError
from rapidfuzz import fuzz

from core.phones import normalize_phone
from territories.matching import normalize as _normalize

# #12: kinds, territories and services repeat from row to row — each distinct text is normalized once
normalize = lru_cache(maxsize=8192)(_normalize)

ORG_COLUMNS = [
    ("Название", True, "Полное название организации"),
    (
        "Вид",
        True,
        "НКО, ТОС, Инициативная группа, ТРЦ, Орган власти, Бюджетное учреждение / КЦСОН, Бизнес, "
        "Добро.Центр, Площадка социализации, Образовательная организация, ИП с командой",
    ),
    ("Территория", True, "Населённый пункт или район, где организация находится"),
    ("Обслуживает", False, "Территории через «;» — организация помогает и во всём, что в них входит"),
    ("Услуги", False, "Услуги из каталога через «;», например: Продукты; Лекарства"),
    ("Адрес", False, "Улица, дом"),
    ("Широта", False, "Например 54.63"),
    ("Долгота", False, "Например 39.74"),
    ("Телефон", False, "Любой российский формат: 8 (4912) 55-01-01"),
    ("Эл. почта", False, ""),
    ("Часы работы", False, "Например: пн–пт 9:00–18:00"),
    ("Ёмкость", False, "Сколько обращений организация может вести одновременно (число)"),
]
ORG_EXAMPLE = [
    "АНО «Добрые соседи»",
    "НКО",
    "Озёрск",
    "Озёрский район",
    "Продукты; Лекарства",
    "ул. Мира, 1",
    "54.85",
    "40.1",
    "8 (49133) 5-01-01",
    "info@example.ru",
    "пн–пт 9:00–18:00",
    "15",
]

VOLUNTEER_COLUMNS = [
    ("ФИО", True, "Фамилия Имя Отчество"),
    ("Телефон", False, "Любой российский формат"),
    ("Эл. почта", False, ""),
    ("Возрастная группа", True, "серебряный, молодёжь или взрослый"),
    ("Постоянный", False, "да или нет"),
    ("Навыки", False, "Услуги из каталога через «;»"),
    ("Территория", True, "Населённый пункт"),
    ("Широта", False, ""),
    ("Долгота", False, ""),
    ("Дни", False, "Например: пн, ср, пт"),
    ("Часы", False, "Например: 10:00-14:00"),
    ("Обучение", False, "Какое обучение пройдено"),
    ("Организация", False, "Название организации из справочника"),
    ("Максимум задач", False, "Число, по умолчанию 3"),
]
VOLUNTEER_EXAMPLE = [
    "Петрова Галина Ивановна",
    "+7 910 000-00-00",
    "",
    "серебряный",
    "да",
    "Телефонное общение",
    "Заречный",
    "",
    "",
    "пн, ср",
    "10:00-14:00",
    "Школа волонтёра",
    "",
    "3",
]

AGE_GROUPS = {
    "серебряный": "silver",
    "серебряный волонтёр": "silver",
    "silver": "silver",
    "55+": "silver",
    "молодёжь": "youth",
    "молодежь": "youth",
    "youth": "youth",
    "взрослый": "adult",
    "adult": "adult",
}
WEEKDAY_NAMES = {"пн": 1, "вт": 2, "ср": 3, "чт": 4, "пт": 5, "сб": 6, "вс": 7}
YES = {"да", "yes", "1", "true", "постоянный"}
DUPLICATE_SCORE = 90


@dataclass
class Lookups:
    """Plain data the validator needs: all from the database, none of it queried row by row."""

    territories: dict  # normalized name → [territory id, ...]
    categories: dict  # normalized name or code → code
    kinds: dict  # normalized label or code → code
    organizations: dict = field(default_factory=dict)  # normalized name → organization id
    existing_orgs: list = field(default_factory=list)  # [(id, name, territory_id)]


@dataclass
class Result:
    rows: list  # [(row_number, clean dict)]
    errors: list  # [(row_number, column, message)]
    duplicates: list  # [(row_number, name, existing id, existing name)]


def _split(text):
    return [p.strip() for p in re.split(r"[;,\n]", text or "") if p.strip()]


def _territory(value, lookups, errors, number, column, required=True):
    if not value:
        if required:
            errors.append((number, column, "Обязательное поле."))
        return None
    ids = lookups.territories.get(normalize(value), [])
    if not ids:
        errors.append((number, column, f"Территория «{value}» не найдена в вашей зоне ответственности."))
        return None
    if len(ids) > 1:
        errors.append((number, column, f"Территорий с названием «{value}» несколько: уточните район."))
        return None
    return ids[0]


def _float(value, errors, number, column, low, high):
    if not value:
        return None
    try:
        result = float(value.replace(",", "."))
    except ValueError:
        errors.append((number, column, "Ожидается число, например 54.63."))
        return None
    if not low <= result <= high:
        errors.append((number, column, f"Число должно быть от {low} до {high}."))
        return None
    return result


def _int(value, errors, number, column, default):
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        errors.append((number, column, "Ожидается целое число больше нуля."))
        return default
    return int(value)


def _phone(value, errors, number, column):
    try:
        return normalize_phone(value)
    except ValidationError as exc:
        errors.append((number, column, exc.messages[0]))
        return ""


def _codes(value, lookups, errors, number, column):
    codes = []
    for part in _split(value):
        code = lookups.categories.get(normalize(part))
        if code is None:
            errors.append((number, column, f"Услуги «{part}» нет в каталоге."))
        else:
            codes.append(code)
    return codes


def _required(row, column, errors, number, max_length):
    value = row.get(column, "").strip()
    if not value:
        errors.append((number, column, "Обязательное поле."))
    elif len(value) > max_length:
        errors.append((number, column, f"Слишком длинно: не больше {max_length} символов."))
    return value


def _organization_row(number, row, lookups, errors):
    clean = {"name": _required(row, "Название", errors, number, 300)}
    kind = lookups.kinds.get(normalize(row.get("Вид", "")))
    if kind is None:
        errors.append((number, "Вид", "Неизвестный вид организации; допустимые — см. лист «Подсказки»."))
    clean["kind"] = kind
    clean["territory_id"] = _territory(row.get("Территория", ""), lookups, errors, number, "Территория")
    served = [_territory(v, lookups, errors, number, "Обслуживает") for v in _split(row.get("Обслуживает"))]
    clean["served_ids"] = [t for t in served if t]
    clean["codes"] = _codes(row.get("Услуги"), lookups, errors, number, "Услуги")
    clean["address"] = row.get("Адрес", "")[:300]
    clean["lat"] = _float(row.get("Широта", ""), errors, number, "Широта", -90, 90)
    clean["lon"] = _float(row.get("Долгота", ""), errors, number, "Долгота", -180, 180)
    if (clean["lat"] is None) != (clean["lon"] is None) and not any(
        e[0] == number and e[1] in ("Широта", "Долгота") for e in errors
    ):
        errors.append((number, "Долгота", "Укажите и широту, и долготу — или ни то, ни другое."))
    clean["phone"] = _phone(row.get("Телефон", ""), errors, number, "Телефон")
    clean["email"] = row.get("Эл. почта", "")
    if clean["email"] and "@" not in clean["email"]:
        errors.append((number, "Эл. почта", "Адрес эл. почты указан неверно."))
    clean["opening_hours"] = row.get("Часы работы", "")[:300]
    clean["capacity"] = _int(row.get("Ёмкость", ""), errors, number, "Ёмкость", 10)
    return clean


def _hours(value, errors, number):
    if not value:
        return None, None
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})\s*[-–—]\s*(\d{1,2})[:.](\d{2})", value)
    if not match or int(match[1]) > 23 or int(match[3]) > 23:
        errors.append((number, "Часы", "Укажите часы так: 10:00-14:00."))
        return None, None
    return time(int(match[1]), int(match[2])), time(int(match[3]), int(match[4]))


def _volunteer_row(number, row, lookups, errors):
    clean = {"full_name": _required(row, "ФИО", errors, number, 200)}
    clean["phone"] = _phone(row.get("Телефон", ""), errors, number, "Телефон")
    clean["email"] = row.get("Эл. почта", "")
    group = AGE_GROUPS.get(row.get("Возрастная группа", "").strip().lower())
    if group is None:
        errors.append((number, "Возрастная группа", "Укажите: серебряный, молодёжь или взрослый."))
    clean["age_group"] = group
    clean["is_permanent"] = row.get("Постоянный", "да").strip().lower() in YES
    clean["codes"] = _codes(row.get("Навыки"), lookups, errors, number, "Навыки")
    clean["territory_id"] = _territory(row.get("Территория", ""), lookups, errors, number, "Территория")
    clean["lat"] = _float(row.get("Широта", ""), errors, number, "Широта", -90, 90)
    clean["lon"] = _float(row.get("Долгота", ""), errors, number, "Долгота", -180, 180)
    days = []
    for part in _split(row.get("Дни")):
        day = WEEKDAY_NAMES.get(part.lower()[:2])
        if day is None:
            errors.append((number, "Дни", f"Неизвестный день «{part}»: пишите пн, вт, ср, чт, пт, сб, вс."))
        else:
            days.append(day)
    clean["weekdays"] = sorted(set(days))
    clean["hours_from"], clean["hours_to"] = _hours(row.get("Часы", "").strip(), errors, number)
    clean["training"] = row.get("Обучение", "")[:300]
    org_name = row.get("Организация", "")
    clean["organization_id"] = None
    if org_name:
        clean["organization_id"] = lookups.organizations.get(normalize(org_name))
        if clean["organization_id"] is None:
            errors.append((number, "Организация", f"Организация «{org_name}» не найдена в справочнике."))
    clean["max_load"] = _int(row.get("Максимум задач", ""), errors, number, "Максимум задач", 3)
    return clean


def _duplicates(rows, lookups):
    """Likely duplicates of existing organizations: the same territory and a similar name."""
    by_territory = {}  # compare only within a territory: rows × its organizations, not × all of them
    for org_id, org_name, territory_id in lookups.existing_orgs:
        by_territory.setdefault(territory_id, []).append((org_id, org_name, normalize(org_name)))
    found = []
    for number, clean in rows:
        name = normalize(clean["name"])
        for org_id, org_name, normalized in by_territory.get(clean["territory_id"], ()):
            if fuzz.token_sort_ratio(name, normalized) >= DUPLICATE_SCORE:
                found.append((number, clean["name"], org_id, org_name))
                break
    return found


def validate(kind, rows, lookups, progress=None, *, duplicates=True):
    """rows: [(row_number, {header: text})]. Nothing is written here. `duplicates=False`: without the warnings
    about likely duplicates of existing organizations (the write checks the rows again and needs no warnings)."""
    validate_row = _organization_row if kind == "organizations" else _volunteer_row
    clean_rows, errors = [], []
    for index, (number, row) in enumerate(rows, start=1):
        clean_rows.append((number, validate_row(number, row, lookups, errors)))
        if progress and index % 200 == 0:
            progress(index)
    if kind == "organizations":
        seen = {}
        for number, clean in clean_rows:
            key = (normalize(clean["name"]), clean["territory_id"])
            if key in seen:
                errors.append((number, "Название", f"Повторяет строку {seen[key]} этого файла."))
            seen.setdefault(key, number)
    found = _duplicates(clean_rows, lookups) if kind == "organizations" and duplicates else []
    return Result(clean_rows, sorted(errors), found)
