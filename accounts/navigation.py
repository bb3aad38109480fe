"""The staff menu: each item shows only to roles with its capability."""

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
    ("Территории", "territories:list", "territories.view"),
    ("Каталог помощи", "catalog:list", "catalog.view"),
    ("Журнал действий", "audit:list", "audit.view"),
    ("Показатели «Алло, волонтёр!»", "phone:kpi", "reports.menu"),
    ("Отчёт по опеке", "guardianship:reports", "reports.menu"),
    # --- support centres (#16) ---
    ("Центры поддержки", "centres:list", "centres.view"),
    ("Итоги центров поддержки", "centres:list", "centres.analyst_menu"),
    ("Оценки «Доступность заботы»", "assessments:heat_map", "reports.menu"),
]


def items_for(user):
    items = [
        {"label": label, "url": reverse(url_name), "name": url_name}
        for label, url_name, capability in ITEMS
        if can(user, capability)
    ]
    if user.is_staff:
        items.append({"label": "Администрирование", "url": reverse("admin:index"), "name": "admin"})
    return items
