"""A public form keeps what was typed on the device until the request is accepted (the server may be down)."""

import pytest

pytestmark = pytest.mark.browser


def test_it_restores_typed_text_after_a_failed_visit_and_forgets_it_once_accepted(
    transactional_db, live_server, browser, artifacts
):
    from conftest import Region

    Region()
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU")
    page = context.new_page()
    url = f"{live_server.url}/help/"
    page.goto(url)
    page.get_by_label("Опишите ситуацию").fill("Нужны дрова на зиму, сама не справляюсь")
    page.get_by_label("Фамилия, имя, отчество того, кому нужна помощь").fill("Анна Петровна")
    # The server was unreachable; she comes back to the form later in the same tab.
    page.goto(f"{live_server.url}/")
    page.goto(url)
    assert page.get_by_label("Опишите ситуацию").input_value() == "Нужны дрова на зиму, сама не справляюсь"
    assert page.get_by_text("Восстановлен текст, который вы вводили").is_visible()
    page.screenshot(path=str(artifacts / "public-form-restored-360.png"), full_page=True)
    # Once a request is accepted the stored text is forgotten.
    page.goto(f"{live_server.url}/")
    page.evaluate("document.body.setAttribute('data-form-accepted', '')")
    page.add_script_tag(url="/static/zabota/keep_form.js")
    page.goto(url)
    assert page.get_by_label("Опишите ситуацию").input_value() == ""
    context.close()


def test_it_answers_a_database_outage_with_a_russian_page(rf):
    from django.db import OperationalError

    from core.middleware import DatabaseUnavailable

    response = DatabaseUnavailable(lambda r: None).process_exception(rf.get("/"), OperationalError("down"))
    page = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "120"
    assert "Сервис временно недоступен" in page and "введённый текст сохранён" in page
    assert DatabaseUnavailable(lambda r: None).process_exception(rf.get("/"), ValueError("x")) is None
