from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from volunteers.models import Volunteer


def application(**changes):
    data = {
        "full_name": "Иванова Анна Петровна",
        "phone": "8 910 111-22-33",
        "locality": "Посёлок А1",
        "age_group": "silver",
        "abilities": "Могу ходить в аптеку и звонить одиноким",
        "availability": "будни после 15:00",
        "consent": "on",
    }
    data.update(changes)
    return data


def test_a_resident_finds_upcoming_events_with_how_to_sign_up(region, client):
    text = client.get("/events/", {"locality": "поселок а1"}).content.decode()
    assert "Мастер-класс по вязанию" in text
    assert "Как записаться:" in text and "tel:+74912550101" in text
    region.event_a.starts_at = timezone.now() - timedelta(days=1)
    region.event_a.save()
    assert "Мастер-класс по вязанию" not in client.get("/events/", {"locality": "Посёлок А1"}).content.decode()


def test_the_volunteer_form_creates_a_candidate_marking_a_former_beneficiary(region, client):
    cache.clear()
    response = client.post("/volunteer/", application())
    assert response.status_code == 302
    candidate = Volunteer.objects.get(full_name="Иванова Анна Петровна")
    assert candidate.status == "candidate" and not candidate.is_active
    assert candidate.former_beneficiary == region.person_a  # same phone +79101112233
    assert candidate.organization == region.org_a  # the centre in her locality
    assert candidate.consent_at is not None and candidate.source == "public_form"
    page = region.client("org_staff").get("/centres/candidates/").content.decode()
    assert "Иванова Анна Петровна" in page and "бывший подопечный" in page


def test_the_volunteer_form_needs_consent_and_refuses_bad_input(region, client):
    cache.clear()
    before = Volunteer.objects.count()
    response = client.post("/volunteer/", application(consent="", phone="123", locality="Несуществующий"))
    text = response.content.decode()
    assert response.status_code == 422
    assert "Без согласия на обработку данных мы не сможем принять анкету." in text
    assert "Телефон не распознан" in text and "Не нашли такой населённый пункт" in text
    assert Volunteer.objects.count() == before


def test_the_volunteer_form_is_throttled(region, client):
    cache.clear()
    for _ in range(5):
        assert client.post("/volunteer/", application()).status_code == 302
    assert client.post("/volunteer/", application()).status_code == 429


def test_staff_activate_a_candidate(region):
    client = region.client("org_staff")
    response = client.post(f"/centres/candidates/{region.candidate_a.pk}/activate/", {"is_permanent": "on"})
    assert response.status_code == 302
    region.candidate_a.refresh_from_db()
    assert region.candidate_a.status == "active" and region.candidate_a.is_active and region.candidate_a.is_permanent
    assert client.post(f"/centres/candidates/{region.candidate_a.pk}/activate/").status_code == 404
