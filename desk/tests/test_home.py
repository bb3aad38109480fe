"""#9: «Рабочий стол» says what needs me today, per role, each count linking to its queue."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from accounts.navigation import GROUP_OF, ITEMS, groups_for
from catalog.models import ServiceCategory
from desk.home import blocks_for
from directory.models import Organization
from helprequests.models import HelpRequest
from helprequests.services import request_create
from people.models import Household


def _counts(user):
    return {
        (block["title"], i["label"]): (i["count"], i["url"])
        for block in blocks_for(user, timezone.now())
        for i in block["items"]
    }


def _known_set(r):
    groceries = list(ServiceCategory.objects.filter(code="groceries"))
    now = timezone.now()
    late = request_create(
        beneficiary=r.person_a, channel="hotline", needs=groceries, received_at=now - timedelta(days=4)
    )
    soon = request_create(
        beneficiary=r.person_a, channel="hotline", needs=groceries, received_at=now - timedelta(hours=60)
    )
    request_create(beneficiary=r.person_b, channel="hotline", needs=groceries)  # territory B: not counted in A
    Organization.objects.create(name="Новая НКО в А1", kind="ngo", territory=r.a1)
    waiting = Household.objects.create(name="Семья Петровых", territory=r.a1, is_serviceman_family=True)
    Household.objects.filter(pk=waiting.pk).update(needs_guardianship_since=now)
    return late, soon


def test_it_counts_the_operators_queues_on_a_known_set(region):
    late, soon = _known_set(region)
    counts = _counts(region.users["operator"])
    queue = reverse("helprequests:list")
    assert counts[("Обращения", "Новые")] == (2, f"{queue}?queue=new")
    assert counts[("Обращения", "Просрочены")] == (1, f"{queue}?queue=overdue")
    assert counts[("Обращения", "Срок истекает за сутки")] == (1, f"{queue}?queue=soon")
    assert counts[("Обращения", "Контрольные звонки сегодня")][0] == 1
    assert counts[("Обращения", "Контрольные звонки опаздывают")][0] == 0
    assert not any(title == "Алло, волонтёр!" for title, _ in counts)
    page = region.client("operator").get(reverse("staff_home")).content.decode()
    assert f'href="{queue}?queue=overdue"' in page and late.number in page


def test_it_adds_the_coordinators_programme_counts(region):
    _known_set(region)
    counts = _counts(region.users["coordinator"])
    assert counts[("Алло, волонтёр!", "Тревоги: не дозвонились")] == (1, reverse("phone:dashboard"))
    assert counts[("Организации", "Ждут проверки")] == (1, reverse("directory:list") + "?verified=no")
    assert counts[("Опека", "Семьи ждут опекуна")] == (1, reverse("guardianship:dashboard"))
    assert ("Обращения", "Новые") in counts


def test_it_shows_helpers_their_tasks_by_urgency(region):
    counts = _counts(region.users["org_staff"])
    assert counts[("Мои задачи", "Ждут ответа")] == (1, reverse("helprequests:mine"))
    volunteer = _counts(region.users["volunteer"])
    assert volunteer[("Мои задачи", "Ждут ответа")][0] == 0
    assert volunteer[("Звонки", "Мои подопечные")] == (1, reverse("phone:mine"))


def test_it_shows_analysts_figures_without_names(region):
    _known_set(region)
    page = region.client("analyst").get(reverse("staff_home")).content.decode()
    assert "Обращения на территории (только числа)" in page
    assert region.person_a.full_name not in page
    open_count = HelpRequest.objects.exclude(status="closed").count()
    assert _counts(region.users["analyst"])[("Обращения на территории (только числа)", "Открыты")][0] == open_count


def test_it_groups_the_menu_and_puts_unknown_items_in_programmes(region):
    groups = [label for label, _ in groups_for(region.users["coordinator"])]
    assert groups == [
        "Обращения и люди",
        "Программы",
        "Справочник",
        "Отчёты",
        "Администрирование",
    ]  # «Статистика» (#18)
    assert all(len(item) == 3 for item in ITEMS)
    unknown = {"label": "Новое", "url": "/new/", "name": "somewhere:new"}
    assert "somewhere:new" not in GROUP_OF
    assert groups_for(region.users["coordinator"], [unknown]) == [("Программы", [unknown])]


def test_it_shows_the_volunteer_only_what_they_use(region):
    page = region.client("volunteer").get(reverse("staff_home")).content.decode()
    for label in ("Мои задачи", "Звонки на сегодня", "Мои подопечные"):
        assert f">{label}</a>" in page
    assert ">Территории</a>" not in page and ">Каталог помощи</a>" not in page
    assert "Обращения и люди" not in page  # a short menu stays flat
