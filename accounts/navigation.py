"""The staff menu: each item shows only to roles with its capability, grouped for the header.

Other apps append (label, url name, capability) to ITEMS and, optionally, their group to GROUP_OF;
an item without a group goes to «Программы».
"""

from django.urls import reverse

from accounts.access import can

ITEMS = [
    ("Рабочий стол", "staff_home", "staff_home"),
    ("Подопечные", "people:list", "people.view"),
    ("Семьи", "people:households", "people.view"),
    ("Обращения", "helprequests:list", "requests.view"),
    ("Мои задачи", "helprequests:mine", "requests.helper"),
    ("Звонки на сегодня", "phone:today", "phone.today"),
    ("Алло, волонтёр!", "phone:dashboard", "phone.dashboard"),
    ("Опека", "guardianship:dashboard", "guardianship.manage"),
    ("Мои семьи", "guardianship:mine", "guardianship.mine"),
    ("Организации", "directory:list", "directory.view"),
    ("Волонтёры", "volunteers:list", "volunteers.view"),
    ("Сообщества", "communities:desk", "communities.desk"),
    ("Лидеры", "communities:leaders", "leaders.view"),
    # --- expert sessions and practices (#15) ---
    ("Экспертные сессии", "assessments:sessions", "assessments.view"),
    ("База практик", "practices:manage", "practices.change"),
    ("Карта", "directory:map", "map.view"),
    ("Территории", "territories:list", "reference.menu"),
    ("Каталог помощи", "catalog:list", "reference.menu"),
    ("Журнал действий", "audit:list", "audit.view"),
    ("Уничтожение ПДн", "people:destructions", "people.destruction"),  # 152-FZ art. 21 (#11)
    ("Показатели «Алло, волонтёр!»", "phone:kpi", "reports.menu"),
    ("Отчёт по опеке", "guardianship:reports", "reports.menu"),
    # --- support centres (#16) ---
    ("Центры поддержки", "centres:list", "centres.view"),
    ("Итоги центров поддержки", "centres:list", "centres.analyst_menu"),
    ("Оценки «Доступность заботы»", "assessments:heat_map", "reports.menu"),
    ("Мои подопечные", "phone:mine", "phone.today"),
    ("Пользователи", "accounts:users", "users.manage"),
    # --- statistics for decisions (#18) ---
    ("Статистика", "stats:dashboard", "stats.view"),
    # --- social ties and isolation risk (#17) ---
    ("Под риском одиночества", "ties:worklist", "ties.worklist"),
    ("Риск одиночества: свод", "ties:counts", "ties.counts"),
    ("Нуждаются в телефонной помощи", "phone:identified", "phone.identify"),
    # --- outreach kit (#14): one item; letters and contacts are tabs of its pages ---
    ("Анкеты и письма", "outreach:questionnaires", "outreach.view"),
    # --- background exports (#12): the files asked for, built by the worker ---
    ("Мои выгрузки", "exports:list", "exports.menu"),
]

PEOPLE, PROGRAMMES, REFERENCE, REPORTS, ADMIN = (
    "Обращения и люди",
    "Программы",
    "Справочник",
    "Отчёты",
    "Администрирование",
)
GROUPS = [PEOPLE, PROGRAMMES, REFERENCE, REPORTS, ADMIN]
GROUP_OF = {
    "people:list": PEOPLE,
    "people:households": PEOPLE,
    "helprequests:list": PEOPLE,
    "helprequests:mine": PEOPLE,
    "phone:today": PEOPLE,
    "phone:mine": PEOPLE,
    "guardianship:mine": PEOPLE,
    "phone:dashboard": PROGRAMMES,
    "guardianship:dashboard": PROGRAMMES,
    "communities:leaders": PROGRAMMES,
    "directory:list": REFERENCE,
    "volunteers:list": REFERENCE,
    "directory:map": REFERENCE,
    "territories:list": REFERENCE,
    "catalog:list": REFERENCE,
    "phone:kpi": REPORTS,
    "guardianship:reports": REPORTS,
    "audit:list": ADMIN,
    "people:destructions": ADMIN,
    "accounts:users": ADMIN,
    "admin": ADMIN,
    "communities:desk": PROGRAMMES,
    "assessments:sessions": PROGRAMMES,
    "practices:manage": REFERENCE,
    "assessments:heat_map": REPORTS,
    "centres:list": PROGRAMMES,
    # Two items may share a url; the label decides then (analysts read the centres' results as a report).
    "Итоги центров поддержки": REPORTS,
    # --- statistics for decisions (#18) ---
    "stats:dashboard": REPORTS,
    # --- social ties and isolation risk (#17) ---
    "ties:worklist": PEOPLE,
    "ties:counts": REPORTS,
    "phone:identified": PEOPLE,
    # --- outreach kit (#14) ---
    "outreach:questionnaires": PROGRAMMES,
    # --- background exports (#12) ---
    "exports:list": REPORTS,
}
# Up to this many items the menu is one flat row (a volunteer, an analyst see only what they use).
FLAT_UP_TO = 7


def items_for(user):
    items = [
        {"label": label, "url": reverse(url_name), "name": url_name}
        for label, url_name, capability in ITEMS
        if can(user, capability)
    ]
    if user.is_staff:
        items.append({"label": "Панель администратора", "url": reverse("admin:index"), "name": "admin"})
    return items


def groups_for(user, items=None):
    """[(group label, [items])] in GROUPS order; «Рабочий стол» stays outside the groups."""
    items = items_for(user) if items is None else items
    grouped = {}
    for item in items:
        if item["name"] == "staff_home":
            continue
        group = GROUP_OF.get(item["label"]) or GROUP_OF.get(item["name"], PROGRAMMES)
        grouped.setdefault(group, []).append(item)
    return [(label, grouped[label]) for label in GROUPS if label in grouped]
