import pytest
from django.core.cache import cache
from django.urls import reverse

from catalog.models import ServiceCategory
from directory.models import Organization, OrganizationService
from helprequests.models import HelpRequest


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


@pytest.fixture
def listed(region):
    """Three publicly listed organizations around the settlement A1."""
    groceries = ServiceCategory.objects.get(code="groceries")
    OrganizationService.objects.create(organization=region.org_a, category=groceries)
    regional = Organization.objects.create(
        name="Областной фонд",
        kind="ngo",
        territory=region.region,
        lat=56.5,
        lon=41.5,
        verified_at=region.org_a.verified_at,
        last_confirmed_at=region.org_a.last_confirmed_at,
    )
    regional.served_territories.set([region.region])
    OrganizationService.objects.create(organization=regional, category=groceries)
    far = Organization.objects.create(
        name="Дальняя НКО",
        kind="ngo",
        territory=region.b1,
        lat=54.5,
        lon=39.5,
        verified_at=region.org_a.verified_at,
        last_confirmed_at=region.org_a.last_confirmed_at,
    )
    OrganizationService.objects.create(organization=far, category=groceries)
    return region


def test_it_finds_help_by_locality_and_need_without_javascript(listed, client):
    page = client.get(reverse("home"), {"locality": "поселок а1", "need": "groceries"}).content.decode()
    order = [page.index(name) for name in ("НКО Района А", "Областной фонд", "Дальняя НКО")]
    assert order == sorted(order)
    assert "Помогает в вашем населённом пункте" in page and "км от вас" in page
    assert 'href="tel:+74912550101"' in page


def test_it_says_plainly_when_the_locality_is_unknown(listed, client):
    page = client.get(reverse("home"), {"locality": "Атлантида"}).content.decode()
    assert "Не нашли населённый пункт «Атлантида»" in page


def test_it_suggests_localities_for_autocomplete(listed, client):
    from territories.models import Territory

    Territory.objects.create(name="Озёрск", kind="settlement", parent=listed.a)
    for typed in ("озе", "Озрск", "г. озерск"):
        page = client.get(reverse("public:localities"), {"locality": typed}).content.decode()
        assert '<option value="Озёрск">Озёрск, Район А</option>' in page, typed


def test_it_shows_an_organization_page_with_services_and_contacts(listed, client):
    page = client.get(reverse("public:organization", args=[listed.org_a.pk])).content.decode()
    assert "НКО Района А" in page and "Продукты" in page and "бесплатно" in page and "+74912550101" in page


def _report(region, **overrides):
    data = {
        "full_name": "",
        "locality": "Посёлок А1",
        "address": "ул. Лесная, 5",
        "needs": [],
        "description": "Соседка не выходит из дома неделю, продукты кончились",
        "reporter_name": "Ирина",
        "reporter_phone": "8 910 555-44-33",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def test_it_turns_a_neighbours_report_into_a_new_request_with_a_number(listed, client):
    data = _report(listed, needs=[ServiceCategory.objects.get(code="groceries").pk])
    response = client.post(reverse("public:report"), data, follow=True)
    request = HelpRequest.objects.get(channel="neighbour")
    assert request.number in response.content.decode()
    assert request.status == "new" and request.reporter_phone == "+79105554433"
    assert request.reporter_consent_at is not None and request.territory == listed.a1
    assert request.beneficiary.full_name == "Имя не указано"
    assert [n.code for n in request.needs.all()] == ["groceries"]
    queue = listed.client("operator").get(reverse("helprequests:list")).content.decode()
    assert request.number in queue


def test_it_records_the_persons_consent_when_asking_for_oneself(listed, client):
    data = {
        "for_whom": "self",
        "full_name": "Сидорова Вера",
        "age": "81",
        "phone": "+7 910 123-45-67",
        "locality": "Посёлок А1",
        "address": "д. 3",
        "description": "Нужна помощь по дому",
        "consent": "on",
    }
    client.post(reverse("public:need_help"), data)
    request = HelpRequest.objects.get(channel="website")
    assert request.beneficiary.consents.get().purpose == "personal_data"


def test_it_requires_the_applicants_contacts_when_asking_for_a_relative(listed, client):
    data = {
        "for_whom": "relative",
        "full_name": "Сидорова Вера",
        "locality": "Посёлок А1",
        "address": "д. 3",
        "description": "Нужна помощь",
        "consent": "on",
    }
    page = client.post(reverse("public:need_help"), data).content.decode()
    assert "Ваше имя (если обращаетесь за другого): Укажите, как к вам обращаться." in page
    assert not HelpRequest.objects.exclude(channel="hotline").exists()


def test_it_refuses_without_consent_or_with_bad_fields(listed, client):
    page = client.post(reverse("public:report"), _report(listed, consent="", reporter_phone="12", locality="Атлантида"))
    text = page.content.decode()
    assert "Без согласия на обработку данных" in text
    assert "Ваш телефон: Телефон не распознан" in text
    assert "Населённый пункт: Не нашли такой населённый пункт" in text
    assert not HelpRequest.objects.exclude(channel="hotline").exists()


def test_it_drops_bots_that_fill_the_honeypot(listed, client):
    client.post(reverse("public:report"), _report(listed, website="http://spam.example"))
    assert not HelpRequest.objects.exclude(channel="hotline").exists()


def test_it_limits_submissions_from_one_address(listed, client):
    for _ in range(5):
        client.post(reverse("public:report"), _report(listed))
    response = client.post(reverse("public:report"), _report(listed))
    assert response.status_code == 429 and "Слишком много заявок" in response.content.decode()
    assert HelpRequest.objects.filter(channel="neighbour").count() == 5


def test_it_rejects_a_forged_confirmation_link(client, db):
    assert client.get(reverse("public:sent", args=["forged"])).status_code == 404
