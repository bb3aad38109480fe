from django.urls import reverse

from audit.models import AuditEntry


def test_it_hides_another_municipalitys_person_and_audits_the_attempt(region):
    client = region.client("coordinator")
    response = client.get(reverse("people:detail", args=[region.person_b.pk]))
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()
    denied = AuditEntry.objects.get(action="denied")
    assert denied.username == "coordinator" and denied.object_id == str(region.person_b.pk)


def test_it_hides_another_municipalitys_territory_by_api_and_audits_it(region):
    response = region.api("coordinator").get(f"/api/v1/territories/{region.b1.pk}")
    assert response.status_code == 404 and response.json() == {"detail": "Запись не найдена."}
    assert AuditEntry.objects.filter(action="denied", object_id=str(region.b1.pk)).exists()


def test_it_lists_only_people_of_the_own_territory(region):
    page = region.client("coordinator").get(reverse("people:list")).content.decode()
    assert "Иванова Анна Петровна" in page and "Петров Борис Ильич" not in page


def test_it_keeps_personal_data_from_analysts_and_audits_the_refusal(region):
    response = region.client("analyst").get(reverse("people:detail", args=[region.person_a.pk]))
    assert response.status_code == 403 and "Нет доступа" in response.content.decode()
    assert AuditEntry.objects.filter(action="denied", username="analyst").exists()


def test_it_lists_people_without_extra_queries_per_row(region, django_assert_max_num_queries):
    from people.models import Beneficiary

    for i in range(30):
        Beneficiary.objects.create(full_name=f"Подопечный {i}", territory=region.a1)
    client = region.client("operator")
    with django_assert_max_num_queries(10):  # 8 + the read log: its entry and the ids shown (#11)
        client.get(reverse("people:list"))
