"""History lines read naturally in Russian: names instead of logins, Russian field names, values humanised (#9)."""

from django.urls import reverse

from audit import log as audit_log
from audit.models import AuditEntry
from audit.readable import change_line, describe
from directory.models import Organization
from helprequests.models import HelpRequest
from people.models import Beneficiary


def test_it_names_fields_in_russian_and_humanises_values(db):
    assert change_line(HelpRequest, "status", "new", "assigned") == "Статус: Новая → Направлена"
    assert change_line(Beneficiary, "lives_alone", None, True) == "Живёт один: неизвестно → да"
    assert change_line(Beneficiary, "mobility", "", "homebound") == "Подвижность: не указано → Не выходит из дома"
    assert change_line(Beneficiary, "phone", "•••", "•••") == "Телефон: изменено (значение скрыто)"
    line = change_line(Organization, "verified_at", None, "2026-12-07 09:30:00+00:00")
    assert line.startswith("Проверена: не указано → 07.12.2026 ")
    assert change_line(Organization, "capacity", 10, 7) == "Сколько обращений может вести одновременно: 10 → 7"


def test_it_names_linked_records_and_the_user_by_full_name(region):
    user = region.users["coordinator"]
    user.first_name, user.last_name = "Ольга", "Смирнова"
    user.save()
    org = region.org_a
    org.territory = region.a
    org.capacity = 3
    from audit.context import acting_as

    with acting_as(user):
        org.save()
    entry = describe(AuditEntry.objects.filter(object_type="directory.organization", action="update")[:1])[0]
    assert entry.who == "Ольга Смирнова"
    assert "Территория: Посёлок А1 → Район А" in entry.lines
    assert "Сколько обращений может вести одновременно: 10 → 3" in entry.lines or any(
        line.startswith("Сколько обращений может вести одновременно:") for line in entry.lines
    )


def test_the_history_block_and_the_journal_read_naturally(region):
    user = region.users["coordinator"]
    user.first_name, user.last_name = "Ольга", "Смирнова"
    user.save()
    client = region.client("coordinator")
    person = region.person_a
    from audit.context import acting_as

    with acting_as(user):
        person.lives_alone = True
        person.mobility = "homebound"
        person.save()
    page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "<strong>Ольга Смирнова</strong>" in page
    assert "Подвижность: не указано → Не выходит из дома" in page and "<code>" not in page
    journal = client.get(reverse("audit:list")).content.decode()
    assert "Ольга Смирнова" in journal and "Живёт один:" in journal
    assert journal.count("<code>") == 0
    assert len(audit_log.history_of(person)) >= 1


def test_request_history_lines_name_the_person_and_do_not_repeat_the_status(region):
    user = region.users["operator"]
    user.first_name, user.last_name = "Анна", "Кузнецова"
    user.save()
    from helprequests import services

    region.reset_request_a("new")
    request = HelpRequest.objects.get(pk=region.request_a.pk)
    services.request_triage(help_request=request, actor=user)
    page = region.client("operator").get(reverse("helprequests:detail", args=[request.pk])).content.decode()
    assert "<strong>Анна Кузнецова</strong>: На разборе" in page
    assert "Обращение получено" in page
    assert "Направлена (" not in page


def test_it_renders_destruction_records_and_categories_without_python_repr(db):
    from people.models import Destruction

    erased = change_line(Destruction, "erased", {}, {"helprequests.helprequest": 1, "people.beneficiary": 2})
    assert erased == "Записей обработано: нет → Обращения: 1; Подопечные: 2"
    categories = [["Обращения", ["описание", "адрес"]], ["Звонки", ["заметка"]]]
    line = change_line(Destruction, "categories", [], categories)
    assert line == "Категории данных: нет → Обращения (описание, адрес); Звонки (заметка)"
    assert not any(mark in erased + line for mark in "{}[]'")
