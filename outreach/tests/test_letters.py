"""Letters by template: declined greeting and address in the DOCX and the PDF, the register, contacts."""

import io
import zipfile

import pypdf
from django.urls import reverse

from communities.models import Interaction
from exports.testing import attachment_name, fetched
from outreach.models import Contact, Letter, LetterTemplate


def _merge(region, contacts, template_code="authorities", **extra):
    template = LetterTemplate.objects.get(code=template_code)
    return region.client("coordinator").post(
        reverse("outreach:merge", kwargs={"pk": template.pk}),
        {"contacts": [c.pk for c in contacts], "date": "2026-12-07", **extra},
    )


def _docx_text(data):
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def _pdf_text(data):
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_it_merges_a_letter_to_the_minister_with_the_declined_greeting_in_docx_and_pdf(region):
    region.contact_a.organization = region.org_a
    region.contact_a.save()
    response = _merge(region, [region.contact_a], paragraph="Просим принять участие в сессии 15 декабря.")
    assert response.status_code == 302
    letter = Letter.objects.exclude(pk=region.letter_a.pk).get()
    assert letter.number == "ТРЦ-2026/002" and not letter.check_declension
    docx = _docx_text(bytes(letter.docx))
    assert "Уважаемый Иван Петрович!" in docx
    assert "Министру социального развития Тестовой области" in docx and "Иванову Ивану Петровичу" in docx
    assert "Просим принять участие в сессии 15 декабря." in docx
    assert "{" not in docx
    pdf = _pdf_text(bytes(letter.pdf))
    assert "Уважаемый Иван Петрович!" in pdf and "Иванову Ивану Петровичу" in pdf
    assert Interaction.objects.filter(
        organization=region.org_a, format="letter", topic__contains="ТРЦ-2026/002"
    ).exists()
    file = region.client("coordinator").get(reverse("outreach:letter_file", kwargs={"pk": letter.pk, "fmt": "pdf"}))
    assert file["Content-Type"] == "application/pdf" and file.content.startswith(b"%PDF")


def test_it_makes_one_docx_and_one_pdf_per_recipient_and_a_zip(region):
    anna = Contact.objects.create(
        kind="media",
        last_name="Сергеева",
        first_name="Анна",
        middle_name="Сергеевна",
        position="Главный редактор",
        outlet="Вести Района А",
        territory=region.a1,
    )
    assert _merge(region, [region.contact_a, anna], template_code="media").status_code == 302
    letters = list(Letter.objects.exclude(pk=region.letter_a.pk).order_by("number"))
    assert [x.greeting for x in letters] == ["Уважаемый Иван Петрович!", "Уважаемая Анна Сергеевна!"]
    assert letters[1].address_lines == "Главному редактору\nВести Района А\nСергеевой Анне Сергеевне"
    url = reverse("outreach:letter_zip", kwargs={"batch": letters[0].batch})
    archive = fetched(region.client("coordinator"), url)  # built by the worker (#12)
    names = zipfile.ZipFile(io.BytesIO(archive.content)).namelist()
    assert len(names) == 4 and sum(n.endswith(".pdf") for n in names) == 2
    assert attachment_name(archive) == f"pisma-{letters[0].date:%Y-%m-%d}.zip"
    assert region.client(region.coordinator_b).get(url).status_code == 404  # another district's letters


def test_it_flags_letters_whose_names_the_library_cannot_decline(region):
    smith = Contact.objects.create(
        kind="media", last_name="Smith", first_name="John", outlet="Times", territory=region.a
    )
    _merge(region, [smith], template_code="media")
    letter = Letter.objects.get(contact=smith)
    assert letter.check_declension and letter.address_lines.endswith("Smith John")
    page = region.client("coordinator").get(reverse("outreach:letters"), {"batch": letter.batch}).content.decode()
    assert "проверить склонение" in page


def test_it_refuses_a_merge_without_recipients_and_unknown_template_fields(region):
    response = _merge(region, [])
    assert response.status_code == 422 and "Выберите хотя бы одного адресата." in response.content.decode()
    template = LetterTemplate.objects.get(code="media")
    response = region.client("coordinator").post(
        reverse("outreach:template_edit", kwargs={"pk": template.pk}),
        {
            "name": template.name,
            "kind": template.kind,
            "subject": template.subject,
            "body": "Текст {регион} и {фамилия}",
            "number_prefix": "ТРЦ",
        },
    )
    assert response.status_code == 422 and "Неизвестные поля: {фамилия}" in response.content.decode()
    template.refresh_from_db()
    assert "{фамилия}" not in template.body


def test_it_edits_a_template_in_the_browser_form(region):
    template = LetterTemplate.objects.get(code="communities")
    response = region.client("coordinator").post(
        reverse("outreach:template_edit", kwargs={"pk": template.pk}),
        {
            "name": template.name,
            "kind": template.kind,
            "subject": template.subject,
            "body": "Приглашаем, {имя_отчество}, в {регион}.\n\n{абзац}",
            "region": "Тестовая область",
            "head_name": "О. И. Смирнова",
            "number_prefix": "ТРЦ",
        },
    )
    assert response.status_code == 302
    _merge(region, [region.contact_a], template_code="communities")
    letter = Letter.objects.filter(template=template).get()
    assert "Приглашаем, Иван Петрович, в Тестовая область." in _docx_text(bytes(letter.docx))


def test_it_keeps_contacts_scoped_searchable_and_exportable(region):
    client = region.client("coordinator")
    page = client.get(reverse("outreach:contacts"), {"q": "Иван"}).content.decode()
    assert "Иванов Иван Петрович" in page and "Борисова" not in page
    assert client.get(reverse("outreach:contact_edit", kwargs={"pk": region.contact_b.pk})).status_code == 404
    export = fetched(client, reverse("outreach:contact_export"))  # built by the worker (#12)
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[0][0].startswith("Территория: Район А") and rows[1][0] == "ФИО"
    assert len(rows) == 3 and rows[2][0] == "Иванов Иван Петрович"


def test_it_asks_a_journalists_outlet_and_the_consent_date(region):
    response = region.client("coordinator").post(
        reverse("outreach:contact_create"),
        {"kind": "media", "last_name": "Петрова", "first_name": "Ольга", "territory": region.a1.pk},
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "Для журналиста укажите издание." in page and "Укажите дату согласия" in page
    assert not Contact.objects.filter(last_name="Петрова").exists()


def test_it_lists_media_outlets_for_the_territory(region):
    from outreach.selectors import media_outlets

    Contact.objects.create(kind="media", last_name="А", first_name="Б", outlet="Радио А", territory=region.a1)
    assert media_outlets(region.users["coordinator"]) == ["Радио А"]


def test_it_refuses_a_merge_while_the_template_lacks_its_region(region):
    LetterTemplate.objects.filter(code="authorities").update(region="")
    response = _merge(region, [region.contact_a])
    assert response.status_code == 422 and "Заполните в шаблоне: регион." in response.content.decode()
    assert Letter.objects.count() == 1


def test_it_leaves_out_a_sentence_whose_optional_field_is_empty(region):
    from outreach.letters import compose

    template = LetterTemplate.objects.get(code="authorities")
    template.centre_contacts = ""
    context = compose(template, region.contact_a, date=__import__("datetime").date(2026, 12, 7), number="1")
    text = " ".join(context["paragraphs"])
    assert "Контакты для связи" not in text and "Тестовая область" in text
