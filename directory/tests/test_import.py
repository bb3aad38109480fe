import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from audit.models import AuditEntry
from directory import importing
from directory.models import ImportJob, Organization
from volunteers.models import Volunteer

ORG_HEADERS = [
    "Название*",
    "Вид*",
    "Территория*",
    "Обслуживает",
    "Услуги",
    "Адрес",
    "Широта",
    "Долгота",
    "Телефон",
    "Эл. почта",
    "Часы работы",
    "Ёмкость",
]


def xlsx(headers, rows):
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.name = "orgs.xlsx"
    buffer.seek(0)
    return buffer


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """Uploads a file; the background check runs when the request's transaction commits."""

    def run(client, file, kind="organizations", **extra):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("directory:import"), {"kind": kind, "file": file, **extra})
        return ImportJob.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))

    return run


@pytest.fixture
def confirm(django_capture_on_commit_callbacks):
    def run(client, job):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("directory:import_confirm", args=[job.pk]))
        job.refresh_from_db()

    return run


def test_it_checks_every_row_and_writes_nothing_when_one_is_bad(region, upload, confirm):
    client = region.client("coordinator")
    file = xlsx(
        ORG_HEADERS,
        [
            [
                "Фонд «Опора»",
                "НКО",
                "Посёлок А1",
                "Район А",
                "Продукты; Лекарства",
                "",
                "55.1",
                "40.1",
                "8 (4912) 55-12-34",
            ],
            ["", "Клуб", "Село Б1", "", "Полёты на Луну", "", "95", "40", "12345", "nope", "", "-3"],
        ],
    )
    job = upload(client, file)
    assert job.state == "invalid"
    errors = {(row, column) for row, column, _ in job.errors}
    assert errors == {
        (3, "Название"),
        (3, "Вид"),
        (3, "Территория"),
        (3, "Услуги"),
        (3, "Широта"),
        (3, "Телефон"),
        (3, "Эл. почта"),
        (3, "Ёмкость"),
    }
    assert not Organization.objects.filter(name="Фонд «Опора»").exists()
    page = client.get(reverse("directory:import_job", args=[job.pk])).content.decode()
    assert "Ничего не записано" in page and "Территория «Село Б1» не найдена в вашей зоне ответственности." in page


def test_it_imports_all_rows_after_confirmation_with_phones_normalized(region, upload, confirm):
    client = region.client("coordinator")
    file = xlsx(
        ORG_HEADERS,
        [
            [
                "Фонд «Опора»",
                "НКО",
                "Посёлок А1",
                "Район А",
                "Продукты; medicines",
                "ул. Мира, 1",
                "55.1",
                "40.1",
                "8 (4912) 55-12-34",
                "opora@example.ru",
                "пн–пт",
                "12",
            ],
            [
                "Клуб «Ветеран»",
                "площадка социализации",
                "посёлок а1",
                "",
                "Мастер-классы",
                "",
                "",
                "",
                "+7 910 111-22-33",
            ],
        ],
    )
    job = upload(client, file, mark_verified="on")
    assert job.state == "ready" and job.total_rows == 2
    assert not Organization.objects.filter(name="Фонд «Опора»").exists()  # nothing before confirmation
    confirm(client, job)
    assert job.state == "done" and job.created_count == 2
    opora = Organization.objects.get(name="Фонд «Опора»")
    assert opora.phone == "+74912551234" and opora.capacity == 12 and opora.verified_at is not None
    assert sorted(s.category.code for s in opora.services.all()) == ["groceries", "medicines"]
    assert [t.name for t in opora.served_territories.all()] == ["Район А"]
    club = Organization.objects.get(name="Клуб «Ветеран»")
    assert club.kind == "social_site" and [t.name for t in club.served_territories.all()] == ["Посёлок А1"]
    entry = AuditEntry.objects.filter(
        action="create", object_type="directory.organization", object_id=str(club.pk)
    ).get()
    assert entry.username == "coordinator" and entry.details["fields"]["name"] == "Клуб «Ветеран»"
    # #12: written in bulk, one entry per organization with the fields and the services created with it
    created = AuditEntry.objects.filter(action="create", username="coordinator", object_type="directory.organization")
    assert created.count() == 2
    assert created.get(object_id=str(opora.pk)).details["services"] == ["groceries", "medicines"]


def test_it_warns_about_likely_duplicates(region, upload, confirm):
    file = xlsx(ORG_HEADERS, [["НКО района А", "НКО", "Посёлок А1"], ["нко  района А", "НКО", "Посёлок А1"]])
    job = upload(region.client("coordinator"), file)
    assert [(d[0], d[2]) for d in job.duplicates] == [(2, region.org_a.pk), (3, region.org_a.pk)]
    assert job.errors == [[3, "Название", "Повторяет строку 2 этого файла."]]


def test_it_reads_csv_in_windows_1251_with_semicolons(region, upload, confirm):
    text = "ФИО;Возрастная группа;Территория;Навыки;Дни;Часы;Организация\n"
    text += "Сёмина Анна;серебряный;Посёлок А1;Телефонное общение;пн, чт;10:00-12:00;НКО Района А\n"
    file = io.BytesIO(text.encode("cp1251"))
    file.name = "v.csv"
    client = region.client("coordinator")
    job = upload(client, file, kind="volunteers")
    assert job.state == "ready", job.errors
    confirm(client, job)
    volunteer = Volunteer.objects.get(full_name="Сёмина Анна")
    assert volunteer.weekdays == [1, 4] and volunteer.organization == region.org_a
    assert [s.code for s in volunteer.skills.all()] == ["phone_companionship"]


def test_it_refuses_a_file_without_required_columns(region, upload, confirm):
    job = upload(region.client("coordinator"), xlsx(["Что-то"], [["x"]]))
    assert job.state == "invalid" and "нет обязательных столбцов: Название, Вид, Территория" in job.message


def test_it_offers_templates_that_its_own_check_accepts(region, upload, confirm):
    client = region.client("coordinator")
    response = client.get(reverse("directory:import_template"), {"kind": "organizations"})
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book["Данные"][1]][:3] == ["Название*", "Вид*", "Территория*"]
    assert "Подсказки" in book.sheetnames


def test_it_shows_progress_while_a_job_runs(region, upload, confirm):
    job = ImportJob.objects.create(
        kind="organizations",
        file_name="big.xlsx",
        data=b"",
        created_by=region.users["coordinator"],
        total_rows=5000,
        processed_rows=1200,
    )
    page = region.client("coordinator").get(reverse("directory:import_job", args=[job.pk]), HTTP_HX_REQUEST="true")
    text = page.content.decode()
    assert "Проверено 1200 из 5000 строк (24%)" in text and 'hx-trigger="every 1s"' in text
    assert "<html" not in text  # only the partial is sent to htmx


@pytest.mark.parametrize(
    "name, data",
    [
        ("broken.xlsx", b"PK\x03\x04 not really a workbook"),
        ("one-column.csv", "Название Вид Территория\nНКО Ромашка нко Посёлок А1\n".encode()),
        ("binary.csv", bytes(range(256)) * 4),
    ],
)
def test_it_ends_the_check_of_an_unreadable_file_with_its_error(region, upload, name, data):
    """#9: a file that cannot be parsed ends the job with «файл не читается: …», never an endless check."""
    file = io.BytesIO(data)
    file.name = name
    job = upload(region.client("coordinator"), file)
    assert job.state == "invalid"
    assert job.message.startswith("Файл не читается")
    page = region.client("coordinator").get(f"/organizations/import/{job.pk}/").content.decode()
    assert "Файл не читается" in page


def _foreign_row(territory):
    return ["Фонд «Чужой»", "НКО", territory, "", "Продукты", "", "", "", "", "", "", ""]


def test_it_refuses_a_row_for_a_territory_outside_the_importers_scope_and_writes_nothing(region, upload):
    client = region.client("coordinator")
    job = upload(client, xlsx(ORG_HEADERS, [_foreign_row("Посёлок А1"), _foreign_row("Село Б1")]))
    assert job.state == "invalid"
    assert [(row, column) for row, column, _ in job.errors] == [(3, "Территория")]
    assert "не найдена в вашей зоне ответственности" in job.errors[0][2]
    assert not Organization.objects.filter(name="Фонд «Чужой»").exists()


def test_it_refuses_at_the_write_too_when_a_foreign_territory_got_past_the_file_check(
    region, upload, confirm, monkeypatch
):
    """The write goes through directory.services.organizations_import, which checks the scope again: even a
    check that let another district through (here: lookups without the scope) writes nothing."""
    from directory import tasks

    unscoped = tasks.lookups_for(region.users["admin"])
    monkeypatch.setattr(tasks, "lookups_for", lambda user: unscoped)
    client = region.client("coordinator")
    job = upload(client, xlsx(ORG_HEADERS, [_foreign_row("Посёлок А1"), _foreign_row("Село Б1")]))
    assert job.state == "ready"
    confirm(client, job)
    assert job.state == "invalid"
    assert job.errors == [[3, "Территория", "Территория вне вашей зоны ответственности."]]
    assert not Organization.objects.filter(name="Фонд «Чужой»").exists()
    page = client.get(reverse("directory:import_job", args=[job.pk])).content.decode()
    assert "Ничего не записано" in page and "Территория вне вашей зоны ответственности." in page


# --- the rows are checked once (#12): the write reuses the check's clean rows while the file and what they were
# checked against are unchanged, and checks again otherwise ---

ONCE_ROWS = [
    [
        "Фонд «Опора»",
        "НКО",
        "Посёлок А1",
        "Район А",
        "Продукты; medicines",
        "ул. Мира, 1",
        "55.1",
        "40.1",
        "8 (4912) 55-12-34",
        "opora@example.ru",
        "пн–пт",
        "12",
    ],  # fmt: skip
    ["Клуб «Ветеран»", "площадка социализации", "посёлок а1", "", "Мастер-классы", "", "", "", "+7 910 111-22-33"],
]


def _counting(monkeypatch):
    calls = []
    real = importing.validate

    def counted(*args, **kwargs):
        calls.append(kwargs.get("duplicates", True))
        return real(*args, **kwargs)

    monkeypatch.setattr(importing, "validate", counted)
    return calls


def test_it_checks_the_rows_once_and_writes_what_the_check_found(region, upload, confirm, monkeypatch):
    calls = _counting(monkeypatch)
    client = region.client("coordinator")
    job = upload(client, xlsx(ORG_HEADERS, ONCE_ROWS))
    assert job.state == "ready" and len(job.checked_rows) == 2
    confirm(client, job)
    assert calls == [True], "the write checked every row again"
    assert job.state == "done" and job.created_count == 2
    opora = Organization.objects.get(name="Фонд «Опора»")
    assert opora.phone == "+74912551234" and opora.capacity == 12
    assert sorted(s.category.code for s in opora.services.all()) == ["groceries", "medicines"]
    assert [t.name for t in opora.served_territories.all()] == ["Район А"]
    assert job.checked_rows is None and job.checked_key == ""  # not kept after the import


def test_it_checks_again_when_a_territory_changed_after_the_check(region, upload, confirm, monkeypatch):
    calls = _counting(monkeypatch)
    client = region.client("coordinator")
    job = upload(client, xlsx(ORG_HEADERS, ONCE_ROWS))
    assert job.state == "ready"
    region.a1.name = "Посёлок А1-новый"
    region.a1.save(update_fields=["name"])
    confirm(client, job)
    assert calls == [True, False]
    assert job.state == "invalid"
    assert (2, "Территория") in {(row, column) for row, column, _ in job.errors}
    assert not Organization.objects.filter(name="Фонд «Опора»").exists()


def test_it_keeps_a_volunteers_hours_through_the_stored_check(region, upload, confirm, monkeypatch):
    calls = _counting(monkeypatch)
    text = "ФИО;Возрастная группа;Территория;Навыки;Дни;Часы;Организация\n"
    text += "Сёмина Анна;серебряный;Посёлок А1;Телефонное общение;пн, чт;10:00-12:30;НКО Района А\n"
    file = io.BytesIO(text.encode("cp1251"))
    file.name = "v.csv"
    client = region.client("coordinator")
    job = upload(client, file, kind="volunteers")
    assert job.state == "ready", job.errors
    confirm(client, job)
    assert calls == [True] and job.state == "done"
    volunteer = Volunteer.objects.get(full_name="Сёмина Анна")
    assert (volunteer.hours_from.isoformat(), volunteer.hours_to.isoformat()) == ("10:00:00", "12:30:00")
    assert volunteer.weekdays == [1, 4] and volunteer.organization == region.org_a


def test_it_does_not_list_the_stored_rows_with_the_jobs(region, upload):
    from directory import selectors

    job = upload(region.client("coordinator"), xlsx(ORG_HEADERS, ONCE_ROWS))
    listed = selectors.import_jobs(region.users["coordinator"]).get(pk=job.pk)
    assert {"data", "checked_rows"} <= listed.get_deferred_fields()
    assert ImportJob.objects.get(pk=job.pk).checked_rows is not None
