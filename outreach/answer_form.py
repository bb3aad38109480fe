"""The answering form (personal link and paper entry): questions as render-ready dicts, grouped by section."""

from itertools import groupby

from outreach import questions as q
from outreach.models import MAX_OTHER, MAX_TEXT


def plain_questions(questionnaire):
    return [
        x.as_plain() | {"help_text": x.help_text, "scale_low": x.scale_low, "scale_high": x.scale_high}
        for x in questionnaire.questions.all()
    ]


def posted(data, plain):
    """What the person typed, to show it again next to the errors."""
    values = {}
    for x in plain:
        name = q.field(x)
        values[name] = data.getlist(name) if x["kind"] in ("single", "multiple") else data.get(name, "")
        values[name + "_other"] = data.get(name + "_other", "")
    return values


def sections(plain, values=None, errors=None):
    values, errors = values or {}, errors or {}
    items = []
    for number, x in enumerate(plain, start=1):
        name = q.field(x)
        value = values.get(name, [] if x["kind"] in ("single", "multiple") else "")
        picked = set(value) if isinstance(value, list) else {value}
        item = dict(x)
        item.update(
            number=number,
            name=name,
            value=value if isinstance(value, str) else "",
            other=values.get(name + "_other", ""),
            other_checked=q.OTHER in picked,
            errors=errors.get(name, []),
            options=[(str(i), label, str(i) in picked) for i, label in enumerate(x["choices"])],
            scale=[(str(i), str(i) in picked) for i in q.SCALE],
            max_text=MAX_TEXT,
            max_other=MAX_OTHER,
        )
        items.append(item)
    return [(title, list(group)) for title, group in groupby(items, key=lambda i: i["section"])]
