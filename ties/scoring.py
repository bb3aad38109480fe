"""Isolation risk (риск одиночества): a pure function of plain facts about one person.

Each fact adds (or, for a protective one, takes away) points; the sum decides the level. The weights
and thresholds are `settings.ISOLATION_RISK`, passed in as `config` (the README section «Социальные связи
и риск одиночества» explains each). Every point comes with a sentence, so the level is always explained: «живёт одна»,
«нет контакта 21 день».
"""

from dataclasses import dataclass, field

from core.plural import count

LOW, MEDIUM, HIGH = 0, 1, 2
LEVEL_NAMES = {LOW: "низкий", MEDIUM: "средний", HIGH: "высокий"}


@dataclass(frozen=True)
class Facts:
    lives_alone: bool | None = None
    mobility: str = ""  # people.Mobility value, "" when unknown
    age: int | None = None
    active_ties: int = 0
    days_since_contact: int | None = None  # None: no successful contact recorded
    bereavement: bool = False  # a close person died recently (a tie ended so, or a call note says so)
    hospital: bool = False  # recently in hospital (a pause in calls, or a call note)
    refused_help: bool = False  # refused the phone service or closed a request by refusal
    relative_nearby: bool = False
    regular_calls: bool = False  # enrolled in «Алло, волонтёр!» with a volunteer
    daily_contact: bool = False  # a tie with daily contact
    female: bool | None = None  # only for the wording («живёт одна»)


@dataclass(frozen=True)
class Result:
    score: int
    level: int
    factors: list = field(default_factory=list)  # [(code, points, sentence)], heaviest first

    @property
    def level_name(self):
        return LEVEL_NAMES[self.level]

    @property
    def sentences(self):
        return [sentence for _, _, sentence in self.factors]


def _by_gender(female, feminine, masculine, unknown):
    return unknown if female is None else feminine if female else masculine


def female_by_name(full_name):
    """Gender for the wording only, from the patronymic («…вна» / «…ич»); None when it is not clear."""
    parts = (full_name or "").split()
    last = parts[-1].lower() if len(parts) >= 3 else ""
    if last.endswith(("вна", "чна", "кызы")):
        return True
    if last.endswith(("ич", "оглы")):
        return False
    return None


def score(facts, config):
    """Level and explaining factors for one person; `config` is `settings.ISOLATION_RISK`."""
    w = config["weights"]
    factors = []

    def add(code, sentence, points=None):
        points = w[code] if points is None else points
        if points:
            factors.append((code, points, sentence))

    if facts.lives_alone:
        add("lives_alone", "живёт " + _by_gender(facts.female, "одна", "один", "один(а)"))
    mobility = {
        "limited": ("mobility_limited", "передвигается с трудом"),
        "homebound": ("mobility_homebound", "не выходит из дома"),
        "bedridden": ("mobility_bedridden", "не встаёт с постели"),
    }.get(facts.mobility)
    if mobility:
        add(*mobility)
    if facts.active_ties <= 0:
        add("no_ties", "нет ни одной активной связи")
    elif facts.active_ties == 1:
        add("one_tie", "всего одна активная связь")
    if facts.days_since_contact is None:
        add("no_contact", "успешных контактов не записано", config["never_contacted"])
    else:
        points = 0
        for days, value in config["no_contact_days"]:
            if facts.days_since_contact >= days:
                points = value
        add("no_contact", "нет контакта " + count(facts.days_since_contact, "день", "дня", "дней"), points)
    if facts.age is not None and facts.age >= 90:
        add("age_90", count(facts.age, "год", "года", "лет"))
    elif facts.age is not None and facts.age >= 80:
        add("age_80", count(facts.age, "год", "года", "лет"))
    if facts.bereavement:
        add(
            "bereavement",
            "недавно " + _by_gender(facts.female, "потеряла", "потерял", "потерял(а)") + " близкого человека",
        )
    if facts.hospital:
        add("hospital", "недавно " + _by_gender(facts.female, "была", "был", "был(а)") + " в больнице")
    if facts.refused_help:
        add("refused_help", "отказывается от помощи")
    if facts.relative_nearby:
        add("relative_nearby", "рядом живёт родственник")
    if facts.regular_calls:
        add("regular_calls", "регулярные звонки «Алло, волонтёр!»")
    if facts.daily_contact:
        add("daily_contact", "ежедневный контакт с близкими")
    total = sum(points for _, points, _ in factors)
    thresholds = config["thresholds"]
    level = HIGH if total >= thresholds["high"] else MEDIUM if total >= thresholds["medium"] else LOW
    factors.sort(key=lambda f: -f[1])
    return Result(total, level, factors)
