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


def reasons(new, old):
    found = []
    shared = set(filter(None, new.phones)) & set(filter(None, old.phones))
    if shared:
        found.append("тот же телефон")
    same_name = normalize(new.full_name) == normalize(old.full_name)
    if same_name and new.birth_date and new.birth_date == old.birth_date:
        found.append("те же ФИО и дата рождения")
    elif new.territory_id == old.territory_id and (
        same_name or fuzz.token_sort_ratio(normalize(new.full_name), normalize(old.full_name)) >= SIMILAR_NAME
    ):
        found.append("похожие ФИО в том же населённом пункте")
    return found


def find(new, existing):
    """[(record, [reasons])] for every existing record that is likely the same person."""
    return [(old, r) for old in existing if old.id != new.id and (r := reasons(new, old))]
