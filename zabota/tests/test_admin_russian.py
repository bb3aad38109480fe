"""The administration speaks Russian: third-party apps, grammar around model names, the holidays table (#9)."""

from django.urls import reverse

from phone.models import Holiday


def _admin(region):
    return region.client("admin")


def test_it_names_third_party_apps_and_models_in_russian(region):
    page = _admin(region).get("/admin/").content.decode()
    assert "Защита от подбора паролей" in page and "Фоновые задачи" in page
    for english in ("Axes", "Tasks Database Backend", "Task Results", "Access attempts"):
        assert english not in page
    assert "Группы" not in page  # access follows roles, not Django groups
    tasks = _admin(region).get("/admin/django_tasks_database/dbtaskresult/").content.decode()
    assert (
        "Выберите для просмотра: фоновая задача" in tasks
        and "В очереди" in tasks
        and "> status<" not in tasks
        and "состояние" in tasks
    )


def test_it_phrases_the_user_pages_grammatically(region):
    client = _admin(region)
    listing = client.get("/admin/accounts/user/").content.decode()
    assert "Выберите пользователь" not in listing and "Добавить пользователь" not in listing
    assert "Выберите для изменения: пользователь" in listing
    assert "Удалить выбранные пользователи" not in listing
    change = client.get(f"/admin/accounts/user/{region.users['operator'].pk}/change/").content.decode()
    assert "Изменить пользователь" not in change and "Изменение: пользователь" in change


def test_administrators_edit_the_holidays_table_with_checked_dates(region):
    client = _admin(region)
    assert "Праздники для поздравлений" in client.get("/admin/").content.decode()
    bad = client.post("/admin/phone/holiday/add/", {"name": "Нет такого дня", "day": 31, "month": 2})
    assert bad.status_code == 200 and "Такого дня в этом месяце нет." in bad.content.decode()
    assert not Holiday.objects.filter(name="Нет такого дня").exists()
    ok = client.post("/admin/phone/holiday/add/", {"name": "День пожилых людей", "day": 1, "month": 10})
    assert ok.status_code == 302 and Holiday.objects.filter(name="День пожилых людей", day=1, month=10).exists()
    assert region.client("coordinator").get("/admin/phone/holiday/").status_code == 302  # administrators only
    assert reverse("admin:phone_holiday_changelist") == "/admin/phone/holiday/"
