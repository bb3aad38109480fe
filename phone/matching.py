"""Choosing a volunteer for an older person: silver-age first, then language, territory and load."""

from dataclasses import dataclass

from core.geo import covers


@dataclass(frozen=True)
class PhoneVolunteer:
    id: int
    name: str
    is_silver: bool
    languages: frozenset[str]
    territory_path: str
    load: int
    max_load: int


def rank(person_path, language, volunteers):
    """Volunteers with a free place, best first, each with its reasons."""
    language = (language or "").strip().lower()
    ranked = []
    for v in volunteers:
        if v.load >= v.max_load:
            continue
        speaks = not language or language in v.languages
        nearby = covers((v.territory_path,), person_path) or covers((person_path,), v.territory_path)
        reasons = [
            "серебряный волонтёр" if v.is_silver else "не серебряного возраста",
            f"говорит: {language}" if speaks else f"не говорит: {language}",
            "та же территория" if nearby else "другая территория",
            f"звонит {v.load} из {v.max_load}",
        ]
        ranked.append(((not v.is_silver, not speaks, not nearby, v.load / v.max_load, v.name), v, reasons))
    ranked.sort(key=lambda item: item[0])
    return [(v, reasons) for _, v, reasons in ranked]
