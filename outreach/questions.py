"""Pure functions of questionnaires: reading a respondent's form and summarizing answers.

An answer is stored by question id (a string) as: text → str; number → int | float; scale → int 1–5;
single / multiple → {"choices": [label, ...], "other": str}. Fed plain dicts (`Question.as_plain()`).
"""

from statistics import mean, median

from outreach.models import MAX_NUMBER, MAX_OTHER, MAX_TEXT

OTHER = "other"
SCALE = range(1, 6)
REQUIRED = "Ответьте на этот вопрос — он обязательный."


def field(question):
    return f"q{question['id']}"


def _number(raw):
    text = raw.strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None, "Введите число, например 12 или 3,5."
    if value != value or abs(value) > MAX_NUMBER:  # NaN or absurd
        return None, f"Число должно быть не больше {MAX_NUMBER:,} по модулю.".replace(",", " ")
    return (int(value) if value.is_integer() else value), None


def read(questions, data, *, final):
    """(answers, errors) from POST-like data (`getlist`/`get`); `final` also demands the required answers.

    Unknown fields are ignored; each error is a Russian message under the question's field name.
    """
    answers, errors = {}, {}
    for q in questions:
        name = field(q)
        kind = q["kind"]
        value, error = None, None
        if kind == "text":
            text = (data.get(name) or "").strip()
            if len(text) > MAX_TEXT:
                error = f"Ответ не длиннее {MAX_TEXT} знаков (сейчас {len(text)})."
            elif text:
                value = text
        elif kind == "number":
            raw = data.get(name) or ""
            if raw.strip():
                value, error = _number(raw)
        elif kind == "scale":
            raw = (data.get(name) or "").strip()
            if raw:
                if raw.isdigit() and int(raw) in SCALE:
                    value = int(raw)
                else:
                    error = "Оценка — целое число от 1 до 5."
        else:
            picked = data.getlist(name) if hasattr(data, "getlist") else list(data.get(name) or [])
            picked = [p for p in picked if p != ""]
            other = (data.get(name + "_other") or "").strip()
            choices = q["choices"]
            labels, bad = [], False
            for p in dict.fromkeys(picked):
                if p == OTHER and q["allow_other"]:
                    continue
                if p.isdigit() and int(p) < len(choices):
                    labels.append(choices[int(p)])
                else:
                    bad = True
            chose_other = OTHER in picked and q["allow_other"]
            if bad:
                error = "Выберите вариант из списка."
            elif kind == "single" and len(labels) + chose_other > 1:
                error = "Выберите один вариант."
            elif len(other) > MAX_OTHER:
                error = f"Свой вариант — не длиннее {MAX_OTHER} знаков."
            elif chose_other and not other:
                error = "Вы выбрали «Другое» — напишите свой вариант."
            elif labels or chose_other:
                value = {"choices": labels, "other": other if chose_other else ""}
        if error:
            errors[name] = [error]
        elif value is not None:
            answers[str(q["id"])] = value
        elif final and q["required"]:
            errors[name] = [REQUIRED]
    return answers, errors


def initial(questions, answers):
    """Form values for a saved draft: {field: str | [str]}, and {field_other: str}."""
    values = {}
    for q in questions:
        value = answers.get(str(q["id"]))
        if value is None:
            continue
        name = field(q)
        if isinstance(value, dict):
            picked = [str(q["choices"].index(c)) for c in value.get("choices", []) if c in q["choices"]]
            if value.get("other"):
                picked.append(OTHER)
                values[name + "_other"] = value["other"]
            values[name] = picked
        else:
            values[name] = str(value).replace(".", ",") if isinstance(value, float) else str(value)
    return values


def display(question, value):
    """One answer as text (for the respondent's page and the XLSX)."""
    if value is None:
        return ""
    if isinstance(value, dict):
        parts = list(value.get("choices", []))
        if value.get("other"):
            parts.append(f"Другое: {value['other']}")
        return "; ".join(parts)
    if isinstance(value, float):
        return str(value).replace(".", ",")
    return str(value)


def _pct(part, whole):
    return round(part * 100 / whole, 1) if whole else 0.0


def summarize(questions, answer_sets):
    """Per question: how many answered and the figures for its kind.

    choices → rows [{label, count, pct}] (pct of those who answered), plus «Другое» with its texts;
    scale → distribution over 1..5, mean (one decimal); number → mean, median, min, max; text → texts.
    """
    result = []
    for q in questions:
        key = str(q["id"])
        values = [a[key] for a in answer_sets if a.get(key) is not None]
        item = {"question": q, "n": len(values), "kind": q["kind"]}
        if q["kind"] in ("single", "multiple"):
            counts = dict.fromkeys(q["choices"], 0)
            others = []
            for v in values:
                for label in v.get("choices", []):
                    counts[label] = counts.get(label, 0) + 1
                if v.get("other"):
                    others.append(v["other"])
            rows = [{"label": label, "count": c, "pct": _pct(c, len(values))} for label, c in counts.items()]
            if q["allow_other"] or others:
                rows.append({"label": "Другое", "count": len(others), "pct": _pct(len(others), len(values))})
            item.update(rows=rows, others=others)
        elif q["kind"] == "scale":
            distribution = [sum(1 for v in values if v == point) for point in SCALE]
            item.update(
                rows=[
                    {"label": str(point), "count": c, "pct": _pct(c, len(values))}
                    for point, c in zip(SCALE, distribution, strict=True)
                ],
                distribution=distribution,
                mean=round(mean(values), 1) if values else None,
            )
        elif q["kind"] == "number":
            item.update(
                mean=round(mean(values), 1) if values else None,
                median=median(values) if values else None,
                min=min(values) if values else None,
                max=max(values) if values else None,
            )
        else:
            item.update(texts=values)
        result.append(item)
    return result


def response_rates(rows, key):
    """rows: [{key: label, "answered": bool}] → [{label, sent, answered, pct}] sorted by label; plus the total."""
    groups = {}
    for row in rows:
        g = groups.setdefault(row[key] or "—", [0, 0])
        g[0] += 1
        g[1] += 1 if row["answered"] else 0
    table = [
        {"label": label, "sent": sent, "answered": answered, "pct": _pct(answered, sent)}
        for label, (sent, answered) in sorted(groups.items())
    ]
    sent = sum(r["sent"] for r in table)
    answered = sum(r["answered"] for r in table)
    return table, {"label": "Всего", "sent": sent, "answered": answered, "pct": _pct(answered, sent)}
