from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from practices import seed
from practices.models import Practice, Tag


def test_it_preloads_the_two_seed_practices(db):
    perm = Practice.objects.get(title="Центр социальной и информационной поддержки жителей")
    yugra = Practice.objects.get(title__contains="«Алло, волонтер!»")
    assert perm.is_published and yugra.is_published
    assert perm.region == "Пермский край" and perm.dates == "01.11.2023 – 01.05.2024"
    assert "50 волонтеров вовлечено, из них 20 на постоянной основе" in perm.result_lines()
    assert sorted(t.name for t in perm.tags.filter(kind="topic")) == ["Взаимопомощь", "Забота рядом", "Связь поколений"]
    assert "25 000 рублей" in perm.resources
    assert "99,6 %" in yugra.results and "https://t.me/+ldNB171FWCtlZjEy" in yugra.contacts
    seed.load(Practice, Tag)
    assert Practice.objects.filter(title=perm.title).count() == 1


def test_it_keeps_unpublished_practices_off_the_public_pages(region):
    anon = region.client("anon")
    library = anon.get(reverse("practices:library")).content.decode()
    assert "Центр поддержки" in library and "Черновик практики" not in library
    assert anon.get(reverse("practices:detail", args=[region.practice_draft.pk])).status_code == 404
    assert anon.get(reverse("practices:library"), {"q": "Черновик"}).content.decode().count("Черновик практики") == 0
    assert (
        region.client("coordinator").get(reverse("practices:detail", args=[region.practice_draft.pk])).status_code
        == 200
    )


def test_it_publishes_and_unpublishes(region):
    coordinator, anon = region.client("coordinator"), region.client("anon")
    url = reverse("practices:detail", args=[region.practice_draft.pk])
    coordinator.post(reverse("practices:publish", args=[region.practice_draft.pk]), {"publish": "1"})
    assert anon.get(url).status_code == 200
    coordinator.post(reverse("practices:publish", args=[region.practice_draft.pk]), {"publish": "0"})
    assert anon.get(url).status_code == 404


def test_it_searches_by_tag_region_audience_and_words(db):
    def anon_get(params):
        return Client().get(reverse("practices:library"), params)

    topic = Tag.objects.get(name="Телефонная помощь")
    audience = Tag.objects.get(name="Люди с инвалидностью")
    assert "Алло, волонтер" in anon_get({"tag": topic.pk}).content.decode()
    assert "Центр социальной" not in anon_get({"tag": topic.pk}).content.decode()
    assert "Центр социальной" in anon_get({"audience": audience.pk}).content.decode()
    assert "Алло, волонтер" not in anon_get({"region": "Пермский край"}).content.decode()
    assert "Центр социальной" in anon_get({"q": "дров"}).content.decode()
    assert "не нашлось" in anon_get({"q": "космонавтика"}).content.decode()


def test_it_lets_staff_create_a_card_as_a_draft_with_tags(region):
    client = region.client("coordinator")
    response = client.post(
        reverse("practices:create"),
        {
            "title": "Школа ухода",
            "organization_name": "НКО Района А",
            "region": "Тестовая область",
            "description": "Учим родственников уходу",
            "started_on": "2025-02-01",
            "ended_on": "2025-01-01",
            "topics": "Обучение, Уход",
            "audiences": "Родственники",
        },
    )
    assert "Окончание не может быть раньше начала." in response.content.decode()
    assert not Practice.objects.filter(title="Школа ухода").exists()
    response = client.post(
        reverse("practices:create"),
        {
            "title": "Школа ухода",
            "organization_name": "НКО Района А",
            "region": "Тестовая область",
            "description": "Учим родственников уходу",
            "topics": "Обучение, Уход",
            "audiences": "Родственники",
        },
    )
    practice = Practice.objects.get(title="Школа ухода")
    assert response.status_code == 302 and not practice.is_published
    assert sorted((t.kind, t.name) for t in practice.tags.all()) == [
        ("audience", "Родственники"),
        ("topic", "Обучение"),
        ("topic", "Уход"),
    ]


def test_it_checks_photos_by_size_and_content(region):
    client = region.client("coordinator")
    url = reverse("practices:photos", args=[region.practice.pk])
    fake = client.post(url, {"alt": "Вывеска", "file": SimpleUploadedFile("a.jpg", b"not an image")})
    assert "Загрузите фото в формате JPEG, PNG или WebP." in fake.content.decode()
    ok = client.post(url, {"alt": "Вывеска", "file": SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20)})
    assert ok.status_code == 302 and region.practice.photos.count() == 2
