"""The canvas workbook (appendix 3 of the methodology): blocks, guiding questions, rules, diff.

Pure data and functions: no database here, so the rules are unit-tested without one.
"""

import difflib
from dataclasses import dataclass

FULL = "full"
MINIMUM = "minimum"
KINDS = {FULL: "Канва – схема «Сообщество» (полная)", MINIMUM: "«Минимально жизнеспособное» сообщество"}


@dataclass(frozen=True)
class Block:
    code: str
    label: str
    question: str
    group: str = ""


# The full canvas: 17 blocks in the seed's order, with the seed's guiding questions («Три кита»).
FULL_BLOCKS = [
    Block("purpose", "Цель", "Зачем существует сообщество?", "Идентичность"),
    Block("identity", "Идентичность участников", "Для кого предназначено сообщество?", "Идентичность"),
    Block("values", "Ценности", "Что важно для нас как для сообщества?", "Идентичность"),
    Block("success", "Определение успеха", "Как сообщество определяет успех?", "Идентичность"),
    Block("brand", "Бренд", "Как сообщество выражает себя во внешнем мире?", "Идентичность"),
    Block("selection", "Отбор участников", "Как люди вступают в сообщество?", "Опыт"),
    Block("experience", "Совместный опыт", "Какой опыт участники переживают совместно?", "Опыт"),
    Block("rituals", "Ритуалы", "Какие ритуалы происходят регулярно?", "Опыт"),
    Block("content", "Контент", "Какой контент имеет ценность для участников?", "Опыт"),
    Block("rules", "Правила", "Какие правила существуют в сообществе?", "Опыт"),
    Block("roles", "Роли", "Какие роли могут исполнять участники в рамках сообщества?", "Опыт"),
    Block("organization", "Организация", "Кто управляет сообществом?", "Структура"),
    Block("governance", "Управление", "Каким образом в сообществе принимаются решения?", "Структура"),
    Block(
        "funding",
        "Финансирование и ресурсы",
        "Какой у сообщества план по созданию финансовой устойчивости?",
        "Структура",
    ),
    Block(
        "channels",
        "Каналы и платформы",
        "Какие каналы использует сообщество для коммуникации и встреч?",
        "Структура",
    ),
    Block("data", "Управление данными", "Каким образом сообщество управляет данными своих участников?", "Структура"),
    Block("exit", "Выход участников", "Как участники сообщества могут из него выйти?", "Структура"),
]

# «Минимально жизнеспособное» сообщество: 9 sections. Values and metrics are structured (see below).
MINIMUM_BLOCKS = [
    Block("purpose", "1. Цель", "Зачем существует сообщество?"),
    Block("identity", "2. Идентичность", "Для кого сообщество, и каков в него отбор?"),
    Block("values", "3. Ценности", "Какие 3 принципа нам важны?"),
    Block("success", "4. Определение успеха", "Каковы 3 метрики, которые определят наш успех в следующие 12 месяцев?"),
    Block(
        "experience",
        "5. Опыт",
        "Что происходит в нашем сообществе на повторяющейся основе, что позволяет нам достичь наших целей "
        "и отразить наши ценности?",
    ),
    Block(
        "roles",
        "6. Роли",
        "Какие различные роли могут принимать члены в нашем сообществе? Какие взаимоотношения между ними?",
    ),
    Block(
        "rules", "7. Правила", "Какие принципы и ограничения помогают нам достичь нашей цели и отразить наши ценности?"
    ),
    Block("governance", "8. Управление", "Как мы принимаем решения? Кто что решает?"),
    Block(
        "interaction",
        "9. Взаимодействие",
        "Каковы простейшие каналы для нашего взаимодействия? Как мы видим нашу здоровую коммуникацию?",
    ),
]
# Sections whose answer is not free text but a list: values (exactly 3) and metrics (3, each with a target).
STRUCTURED = {MINIMUM: {"values", "success"}, FULL: set()}
VALUES_COUNT = 3
METRICS_COUNT = 3


def blocks(kind):
    return FULL_BLOCKS if kind == FULL else MINIMUM_BLOCKS


def text_blocks(kind):
    return [b for b in blocks(kind) if b.code not in STRUCTURED[kind]]


def validate(kind, answers, values=(), metrics=()):
    """Errors by field (Russian), empty when the version may be saved.

    The minimum canvas has exactly 3 values and up to 3 metrics, each with a 12-month target.
    """
    errors = {}
    if kind == FULL:
        if not any((answers.get(b.code) or "").strip() for b in FULL_BLOCKS):
            errors["__all__"] = ["Заполните хотя бы один блок канвы."]
        return errors
    values = [v.strip() for v in values if v and v.strip()]
    if len(values) > VALUES_COUNT:
        errors["values"] = [f"Ценностей должно быть ровно {VALUES_COUNT}: уберите лишние ({len(values)} указано)."]
    elif values and len(values) < VALUES_COUNT:
        errors["values"] = [f"Ценностей должно быть ровно {VALUES_COUNT}: указано {len(values)}."]
    named = [m for m in metrics if (m.get("name") or "").strip()]
    if len(named) > METRICS_COUNT:
        errors["metrics"] = [f"Метрик успеха не больше {METRICS_COUNT}."]
    for index, metric in enumerate(metrics, start=1):
        name = (metric.get("name") or "").strip()
        target = metric.get("target")
        if name and (target is None or str(target).strip() == ""):
            errors.setdefault("metrics", []).append(
                f"Метрика {index} «{name}»: укажите целевое значение через 12 месяцев."
            )
        if not name and target not in (None, ""):
            errors.setdefault("metrics", []).append(f"Метрика {index}: укажите название метрики.")
    if not any((answers.get(b.code) or "").strip() for b in text_blocks(MINIMUM)) and not values:
        errors.setdefault("__all__", []).append("Заполните хотя бы один раздел канвы.")
    return errors


def is_complete(kind, answers, values=(), metrics=()):
    filled = all((answers.get(b.code) or "").strip() for b in text_blocks(kind))
    if kind == MINIMUM:
        return filled and len(values) == VALUES_COUNT and len(metrics) == METRICS_COUNT
    return filled


def as_sections(kind, answers, values=(), metrics=()):
    """Rows for pages and documents: block, question and the answer as text."""
    rows = []
    for b in blocks(kind):
        if b.code == "values" and kind == MINIMUM:
            answer = "\n".join(f"{i}. {v}" for i, v in enumerate(values, start=1))
        elif b.code == "success" and kind == MINIMUM:
            answer = "\n".join(
                f"{i}. {m['name']} — цель через 12 месяцев: {m['target']}" for i, m in enumerate(metrics, start=1)
            )
        else:
            answer = (answers.get(b.code) or "").strip()
        rows.append({"code": b.code, "label": b.label, "question": b.question, "answer": answer, "group": b.group})
    return rows


def diff(kind, old, new):
    """Per-block differences between two versions (each a dict from `as_sections` rows by code).

    Returns rows with the block label and the changed lines marked «+»/«−»; unchanged blocks are left out.
    """
    changes = []
    for b in blocks(kind):
        before = (old.get(b.code) or "").splitlines()
        after = (new.get(b.code) or "").splitlines()
        if before == after:
            continue
        lines = []
        for line in difflib.ndiff(before, after):
            if line.startswith("- "):
                lines.append(("removed", line[2:]))
            elif line.startswith("+ "):
                lines.append(("added", line[2:]))
            elif line.startswith("  "):
                lines.append(("same", line[2:]))
        changes.append({"code": b.code, "label": b.label, "lines": lines})
    return changes
