import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from assessments import protocol
from assessments.models import ProtocolTemplate
from exports.testing import fetched


def _template_with(extra):
    document = Document(io.BytesIO(protocol.default_docx_template()))
    document.add_paragraph(extra)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _upload(client, region, data, name="protocol.docx"):
    return client.post(
        reverse("assessments:protocol_template"),
        {"territory": region.a.pk, "file": SimpleUploadedFile(name, data)},
    )


def test_it_fills_the_protocol_from_an_uploaded_template(region):
    client = region.client("coordinator")
    response = _upload(client, region, _template_with("Утверждаю: {{ head_name }} для {{ territory }}"))
    assert response.status_code == 302
    region.session_a.head_name = "И.И. Иванова"
    region.session_a.save()
    data = fetched(client, reverse("assessments:protocol_docx", args=[region.session_a.pk])).content  # worker (#12)
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "Утверждаю: И.И. Иванова для Район А" in text
    other = client.get(reverse("assessments:protocol_docx", args=[region.session_b.pk]))
    assert other.status_code == 404


def test_it_refuses_a_file_that_is_not_a_docx_or_too_big_or_broken(region):
    client = region.client("coordinator")
    body = _upload(client, region, b"%PDF-1.4 not a docx").content.decode()
    assert "Это не документ Word (.docx)." in body
    body = _upload(client, region, b"x" * (2 * 1024 * 1024 + 1)).content.decode()
    assert "Файл больше 2 МБ." in body
    body = _upload(client, region, _template_with("{{ broken ")).content.decode()
    assert "Шаблон не заполняется" in body
    assert not ProtocolTemplate.objects.filter(territory=region.a).exists()


def test_it_offers_the_built_in_template_for_editing(region):
    response = region.client("coordinator").get(reverse("assessments:protocol_template_default"))
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "{%p for r in results %}" in text and "{{ head_name }}" in text


def test_it_refuses_a_template_that_reaches_for_python_internals(region):
    client = region.client("coordinator")
    body = _upload(client, region, _template_with("{{ title.__class__.__mro__ }}")).content.decode()
    assert "метки обращаются к служебным данным" in body
    assert not ProtocolTemplate.objects.filter(territory=region.a).exists()


def test_the_worker_prints_the_protocol_as_pdf_named_as_before(region):
    from pypdf import PdfReader

    answer = fetched(region.client("coordinator"), reverse("assessments:protocol_pdf", args=[region.session_a.pk]))
    assert answer["Content-Type"] == "application/pdf"
    assert "экспертной сессии «Доступность заботы»" in " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(answer.content)).pages
    )
    assert "%D0%9F%D1%80%D0%BE%D1%82%D0%BE%D0%BA%D0%BE%D0%BB" in answer["Content-Disposition"]  # «Протокол …»
