"""Programme figures as labelled rows for the dashboard, XLSX, PDF and API: masked, «нет данных» for a
missing source, each beside the previous period."""

from stats.figures import SMALL, change, mask

# (key, title, [(figure, label, masked as a count of people)], [(breakdown, caption, value labels)])
SECTIONS = [
    (
        "phone",
        "Телефонная служба «Алло, волонтёр!»",
        [
            ("identified", "Выявлено нуждающихся в телефонной помощи, человек", True),
            ("turned", "Из них обратились к волонтёрам (включены в службу)", True),
            ("turned_pct", "Обратились к волонтёрам / выявлено, %", False),
            ("enrolled", "Участников службы в периоде", True),
            ("reached", "Охвачено звонками (дозвонились хотя бы раз)", True),
            ("reached_pct", "Доля охваченных среди участников, %", False),
            ("calls", "Разговоров (услуг телефонной помощи)", True),
            ("satisfaction_pct", "Удовлетворены услугой, % людей", False),
            ("active_volunteers", "Волонтёров звонили", True),
            ("alerts_raised", "Тревог поднято", True),
        ],
        [],
    ),
    (
        "guardianship",
        "#МЫВМЕСТЕ.ОПЕКА",
        [
            ("needing", "Семей «Требуется опека» (вкл. ожидающих первого контакта)", True),
            ("matched_waiting", "Подобран опекун, ждут первого контакта", True),
            ("constant_help", "Семей получают постоянную помощь", True),
            ("new_marked", "Отмечено «Требуется опека» за период", True),
            ("applications", "Заявок семей", True),
            ("help_entries", "Записей о помощи", True),
            ("families_helped", "Семей получили помощь", True),
            ("satisfaction_avg", "Оценка семей (1–5), средняя", False),
        ],
        [],
    ),
    (
        "volunteers",
        "Волонтёры",
        [
            ("total", "Действующих волонтёров", True),
            ("permanent", "Постоянных", True),
            ("occasional", "Разовых", True),
            ("new", "Новых за период", True),
            ("active", "Активны в периоде (звонки, визиты, мероприятия, заявки)", True),
        ],
        [("by_age_group", "Волонтёры по возрасту", "volunteers.Volunteer.AgeGroup")],
    ),
    (
        "organizations",
        "Помогающие организации",
        [
            ("total", "Организаций в справочнике", False),
            ("verified", "Проверены", False),
            ("fresh", "Сведения подтверждены за 6 месяцев", False),
        ],
        [
            ("by_kind", "Организации по виду", "directory.Organization.Kind"),
            ("by_care_level", "Организации по уровню заботы", "directory.CareLevel"),
        ],
    ),
    (
        "communities",
        "Местные сообщества",
        [("total", "Действующих сообществ", False), ("new", "Новых за период", False)],
        [
            ("by_form", "Сообщества по форме", "communities.Form"),
            ("by_engagement", "Сообщества по уровню вовлечения", "communities.Engagement"),
        ],
    ),
    (
        "events",
        "Мероприятия центров",
        [
            ("held", "Проведено мероприятий", False),
            ("planned", "Запланировано (не проведено)", False),
            ("attended", "Посещений", True),
            ("attended_avg", "В среднем пришли на мероприятие", False),
            ("attendance_pct", "Пришли из записавшихся, %", False),
        ],
        [],
    ),
    (
        "assessments",
        "Экспертные сессии «Доступность заботы»",
        [
            ("sessions", "Сессий проведено", False),
            ("score_avg", "Средняя согласованная оценка (1–5)", False),
            ("criteria_scored", "Оценено критериев", False),
            ("low_scores", "Критериев с оценкой 1–2", False),
        ],
        [],
    ),
]


def _choices(dotted):
    """Value labels of "app.Class[.Inner]" choices in the app's models module."""
    from importlib import import_module

    app, *names = dotted.split(".")
    found = import_module(f"{app}.models")
    for name in names:
        found = getattr(found, name)
    return dict(found.choices)


# A share of 1–2 people would give the count away: hidden while its base is masked.
SHARE_OF = {
    "phone.turned_pct": "identified",
    "phone.reached_pct": "enrolled",
    "phone.satisfaction_pct": "satisfaction_people",
    "guardianship.satisfaction_avg": "feedback",
}
HIDDEN = "скрыто (< 3 чел.)"


def _share(key, value, figures):
    base = SHARE_OF.get(key)
    if base and value is not None and mask(figures.get(base)) == SMALL:
        return HIDDEN
    return value


def _row(key, label, current, previous, masked):
    if masked:
        current, previous = mask(current), mask(previous)
    hidden = {SMALL, HIDDEN}
    difference = None if hidden & {current, previous} else change(_number(current), _number(previous))
    return {"key": key, "label": label, "current": current, "previous": previous, "change": difference}


def _number(value):
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def sections(data):
    """[{key, title, available, rows, groups}]; rows hold None for «нет данных» when the source is missing."""
    result = []
    for key, title, figures, breakdowns in SECTIONS:
        found = data.get(key)
        current = found["current"] if found else {}
        previous = found["previous"] if found else {}
        rows = [
            _row(
                f"{key}.{name}",
                label,
                _share(f"{key}.{name}", current.get(name), current),
                _share(f"{key}.{name}", previous.get(name), previous),
                masked,
            )
            for name, label, masked in figures
        ]
        groups = []
        for name, caption, choices in breakdowns:
            labels = _choices(choices)
            now, before = current.get(name) or {}, previous.get(name) or {}
            values = list(now) + [v for v in before if v not in now]
            masked = key == "volunteers"
            groups.append(
                {
                    "key": f"{key}.{name}",
                    "label": caption,
                    "rows": [_row(v, labels.get(v, v), now.get(v, 0), before.get(v, 0), masked) for v in values],
                }
            )
        result.append({"key": key, "title": title, "available": bool(found), "rows": rows, "groups": groups})
    return result
