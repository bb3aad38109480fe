"""Likely duplicates of a person: the same phone; the same name and birth date; a similar name in the
same settlement. Pure: fed plain records."""

from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz

from territories.matching import normalize

SIMILAR_NAME = 85


@dataclass(frozen=True)
class PersonRecord:
    id: int | None
    full_name: str
    birth_date: date | None
    phones: tuple[str, ...]
    territory_id: int


def similar_names(a, b):
    """A small typo («Марья»/«Мария»), or one name is the other without the patronymic."""
    a, b = normalize(a), normalize(b)
    if a == b or fuzz.token_sort_ratio(a, b) >= SIMILAR_NAME:
        return True
    ta, tb = set(a.split()), set(b.split())
    return min(len(ta), len(tb)) >= 2 and (ta <= tb or tb <= ta)


def reasons(new, old):
    found = []
    shared = set(filter(None, new.phones)) & set(filter(None, old.phones))
    if shared:
        found.append("тот же телефон")
    same_name = normalize(new.full_name) == normalize(old.full_name)
    if same_name and new.birth_date and new.birth_date == old.birth_date:
        found.append("те же ФИО и дата рождения")
    elif new.territory_id == old.territory_id and similar_names(new.full_name, old.full_name):
        found.append("похожие ФИО в том же населённом пункте")
    return found


def find(new, existing):
    """[(record, [reasons])] for every existing record that is likely the same person."""
    return [(old, r) for old in existing if old.id != new.id and (r := reasons(new, old))]
