"""Russian declension for letters, through pytrovich (a maintained port of the Petrovich rules).

Pure functions: the greeting («Уважаемый Иван Петрович!») and the dative address line
(«Министру социального развития … Иванову Ивану Петровичу»). The gender comes from the patronymic
(pytrovich's detector), then from the first name, unless set by hand. When the library cannot decline
a name (Latin letters, an unknown name left unchanged, an error) the name stays as written and the
result is flagged for a person to check.
"""

import re
from dataclasses import dataclass, field

MALE, FEMALE = "m", "f"
CYRILLIC = re.compile(r"^[А-Яа-яЁё\- ]+$")

# Job titles are not names: their first word(s) in the dative, for the common titles of the letters.
POSITION_DATIVE = [
    ("заместитель", "заместителю"),
    ("первый заместитель", "первому заместителю"),
    ("министр", "министру"),
    ("глава", "главе"),
    ("губернатор", "губернатору"),
    ("руководитель", "руководителю"),
    ("директор", "директору"),
    ("генеральный директор", "генеральному директору"),
    ("исполнительный директор", "исполнительному директору"),
    ("председатель", "председателю"),
    ("начальник", "начальнику"),
    ("главный редактор", "главному редактору"),
    ("редактор", "редактору"),
    ("шеф-редактор", "шеф-редактору"),
    ("корреспондент", "корреспонденту"),
    ("журналист", "журналисту"),
    ("обозреватель", "обозревателю"),
    ("координатор", "координатору"),
    ("президент", "президенту"),
    ("уполномоченный", "уполномоченному"),
    ("депутат", "депутату"),
    ("старший", "старшему"),
]


@dataclass
class Declined:
    greeting: str
    dative_name: str
    address: str
    gender: str | None
    flags: list[str] = field(default_factory=list)

    @property
    def needs_check(self):
        return bool(self.flags)


def detect_gender(first_name="", middle_name=""):
    """m / f from the patronymic (then the first name); None when the library cannot tell."""
    from pytrovich.detector import PetrovichGenderDetector
    from pytrovich.enums import Gender

    detector = PetrovichGenderDetector()
    for kwargs in ({"middlename": middle_name}, {"firstname": first_name}):
        value = next(iter(kwargs.values()))
        if not value or not CYRILLIC.match(value):
            continue
        try:
            gender = detector.detect(**kwargs)
        except Exception:  # noqa: BLE001 — the library fails on odd input; treat as unknown
            continue
        if gender == Gender.MALE:
            return MALE
        if gender == Gender.FEMALE:
            return FEMALE
    return None


def _decline(part, gender, text, flags, what):
    """One name part in the dative; unchanged and flagged when the library cannot decline it."""
    from pytrovich.enums import Case, Gender, NamePart
    from pytrovich.maker import PetrovichDeclinationMaker

    if not text:
        return ""
    if not CYRILLIC.match(text):
        flags.append(f"{what} «{text}» не склоняется автоматически (не кириллица) — оставлено как есть.")
        return text
    g = Gender.MALE if gender == MALE else Gender.FEMALE if gender == FEMALE else Gender.ANDROGYNOUS
    parts = {"last": NamePart.LASTNAME, "first": NamePart.FIRSTNAME, "middle": NamePart.MIDDLENAME}
    try:
        result = PetrovichDeclinationMaker().make(parts[part], g, Case.DATIVE, text)
    except Exception:  # noqa: BLE001
        result = None
    if not result:
        flags.append(f"{what} «{text}» не удалось просклонять — оставлено как есть.")
        return text
    if result == text:
        flags.append(f"{what} «{text}» не изменяется в дательном падеже — проверьте.")
    return result


def position_dative(position):
    """«Министр социального развития …» → «Министру социального развития …»; None when unknown."""
    text = (position or "").strip()
    if not text:
        return ""
    lower = text.lower()
    for nominative, dative in sorted(POSITION_DATIVE, key=lambda p: -len(p[0])):
        if lower == nominative or lower.startswith(nominative + " "):
            head = dative[0].upper() + dative[1:] if text[0].isupper() else dative
            return head + text[len(nominative) :]
    return None


def declension(*, last_name, first_name, middle_name="", gender="", position="", position_dative_text="", org=""):
    """Greeting and dative address for a letter; `gender` overrides detection ("m"/"f")."""
    flags = []
    gender = gender or detect_gender(first_name, middle_name)
    if gender is None:
        flags.append("Пол не определился по отчеству и имени — укажите его в карточке контакта.")
    name = " ".join(p for p in (first_name, middle_name) if p)
    word = {MALE: "Уважаемый", FEMALE: "Уважаемая"}.get(gender, "Уважаемый(ая)")
    greeting = f"{word} {name}!"
    dative = " ".join(
        p
        for p in (
            _decline("last", gender, last_name, flags, "Фамилия"),
            _decline("first", gender, first_name, flags, "Имя"),
            _decline("middle", gender, middle_name, flags, "Отчество"),
        )
        if p
    )
    pos = (position_dative_text or "").strip()
    if not pos and position:
        pos = position_dative(position)
        if pos is None:
            flags.append(f"Должность «{position}» не склоняется автоматически — впишите её в дательном падеже.")
            pos = position
    lines = [line for line in (pos, org, dative) if line]
    return Declined(greeting=greeting, dative_name=dative, address="\n".join(lines), gender=gender, flags=flags)
