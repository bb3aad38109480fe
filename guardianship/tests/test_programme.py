from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from catalog.models import ServiceCategory
from exports.testing import fetched
from guardianship import services
from guardianship.models import FamilyLink, Guardian, Guardianship
from people.models import Household

JPEG = b"\xff\xd8\xff\xe0" + b"0" * 100


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


@pytest.fixture
def family(region):
    """A second serviceman's family in A1 that needs groceries and child leisure."""
    household = Household.objects.create(name="Семья Петровых", territory=region.a1, is_serviceman_family=True)
    services.application_create(household=household, source="onf_hotline", actor=None)
    services.mark_household(
        household=household, needs=ServiceCategory.objects.filter(code__in=["groceries", "child_leisure"])
    )
    return household


def test_it_runs_the_whole_path_from_application_to_termination(region, family, client):
    response = client.post(
        reverse("guardianship_public:apply"),
        {
            "name": "Колледж «Надежда»",
            "kind": "education",
            "locality": "посёлок а1",
            "contact_name": "Ольга",
            "phone": "8 910 222-33-44",
            "capabilities": [c.pk for c in ServiceCategory.objects.filter(code__in=["groceries", "child_leisure"])],
            "max_families": "1",
            "consent": "on",
        },
    )
    assert "Заявка принята" in response.content.decode()
    guardian = Guardian.objects.get(name="Колледж «Надежда»")
    assert guardian.status == "applied" and guardian.phone == "+79102223344" and guardian.source == "public"

    hq = region.client("coordinator")
    action = lambda name, **data: hq.post(reverse("guardianship:guardian_action", args=[guardian.pk, name]), data)  # noqa: E731
    action("approve")
    assert Guardian.objects.get(pk=guardian.pk).status == "applied"  # not before interview, instruction, training
    for step in ("interview", "instruction", "training"):
        action("step", step=step, day=str(timezone.localdate()), by="Штаб")
    action("approve")
    guardian.refresh_from_db()
    assert guardian.status == "approved" and guardian.organization.verified_at is not None
    pdf = SimpleUploadedFile("agreement.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    hq.post(
        reverse("guardianship:guardian_action", args=[guardian.pk, "agreement"]),
        {"number": "МВ-12", "day": "2026-11-20", "file": pdf},
    )
    guardian.refresh_from_db()
    assert guardian.agreement_number == "МВ-12" and guardian.agreement_file

    registry = fetched(hq, reverse("guardianship:guardians"), {"status": "approved", "format": "xlsx"})
    assert registry.content[:2] == b"PK"

    page = hq.get(reverse("guardianship:match", args=[family.pk])).content.decode()
    assert "Колледж «Надежда»" in page
    hq.post(reverse("guardianship:match", args=[family.pk]), {"guardian": guardian.pk})
    match = Guardianship.objects.get(household=family)
    assert match.status == "matched"

    at = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    hq.post(reverse("guardianship:action", args=[match.pk, "contact"]), {"at": at, "hq_present": "Смирнова О."})
    match.refresh_from_db()
    assert match.status == "active" and match.hq_present == "Смирнова О."
    assert sorted(round((c.due_at - match.first_contact_at).days) for c in match.calls.all()) == [14, 30]
    assert not services.connection_overdue(family, timezone.now() + timedelta(days=5))

    hq.post(reverse("guardianship:action", args=[match.pk, "help"]), {"what": "Привезли продукты"})
    assert match.help_entries.get().what == "Привезли продукты"

    report = hq.get(reverse("guardianship:reports")).context
    assert report["total"]["constant_help"] == 2 and ("Образовательная организация", 1) in report["by_kind"]

    hq.post(reverse("guardianship:action", args=[match.pk, "terminate"]), {"reason": "other"})
    assert Guardianship.objects.get(pk=match.pk).status == "active"  # «Другое» needs a text
    hq.post(reverse("guardianship:action", args=[match.pk, "terminate"]), {"reason": "all_met"})
    match.refresh_from_db()
    family.refresh_from_db()
    assert match.status == "terminated" and family.needs_guardianship_since is None


def test_it_respects_a_guardians_capacity(region, family):
    region.guardian_a.capabilities.add(ServiceCategory.objects.get(code="child_leisure"))
    region.guardian_a.max_families = 1  # it already looks after household_a
    region.guardian_a.save()
    assert [s.helper.id for s in services.suggestions(family)] == []
    with pytest.raises(ValidationError):
        services.match(household=family, guardian=region.guardian_a, actor=None)
    region.guardian_a.max_families = 2
    region.guardian_a.save()
    assert services.match(household=family, guardian=region.guardian_a, actor=None).status == "matched"


@pytest.mark.parametrize("hours, overdue", [(71.9, False), (72.1, True)])
def test_it_tracks_three_days_from_the_marker_to_first_contact(family, hours, overdue):
    assert services.connection_overdue(family, family.needs_guardianship_since + timedelta(hours=hours)) is overdue


def test_a_feedback_link_works_once_and_only_for_its_own_family(region, client):
    url = reverse("guardianship_public:feedback", args=[region.feedback_link.token])
    answer = {"satisfaction": "5", "helped": "Продукты", "continue_help": "yes"}
    assert "Как вам помогает опекун" in client.get(url).content.decode()
    client.post(url, answer)
    link = FamilyLink.objects.get(pk=region.feedback_link.pk)
    assert link.answers["satisfaction"] == 5 and link.used_at
    second = client.post(url, {**answer, "satisfaction": "1"}).content.decode()
    assert "Анкета уже заполнена" in second
    assert FamilyLink.objects.get(pk=link.pk).answers["satisfaction"] == 5
    wrong_purpose = reverse("guardianship_public:feedback", args=[region.needs_link.token])
    assert client.get(wrong_purpose).status_code == 404


def test_the_family_updates_its_needs_through_its_link(region, client):
    url = reverse("guardianship_public:needs", args=[region.needs_link.token])
    pets = ServiceCategory.objects.get(code="pet_care")
    client.post(url, {"needs": [pets.pk], "note": "Собаку выгулять по утрам"})
    region.household_a.refresh_from_db()
    assert [n.code for n in region.household_a.guardianship_needs.all()] == ["pet_care"]
    assert region.household_a.needs_note == "Собаку выгулять по утрам"


def test_it_checks_uploads_by_type_and_size_before_saving_anything(region):
    g = region.guardianship_a
    fake = SimpleUploadedFile("photo.jpg", b"not really a jpeg", content_type="image/jpeg")
    good = SimpleUploadedFile("ok.jpg", JPEG, content_type="image/jpeg")
    with pytest.raises(ValidationError, match="не соответствует"):
        services.add_story(
            guardianship=g, actor=None, title="T", text="X", files=[good, fake], publication_consent=True
        )
    exe = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(ValidationError, match="допустимы"):
        services.add_story(guardianship=g, actor=None, title="T", text="X", files=[exe], publication_consent=True)
    with pytest.raises(ValidationError, match="согласия семьи"):
        services.add_story(guardianship=g, actor=None, title="T", text="X", files=[good])
    assert g.stories.count() == 1  # only the fixture's story
    big = SimpleUploadedFile("big.jpg", JPEG + b"0" * (11 * 1024 * 1024), content_type="image/jpeg")
    with pytest.raises(ValidationError, match="больше 10 МБ"):
        services.add_story(guardianship=g, actor=None, title="T", text="X", files=[big], publication_consent=True)
    story = services.add_story(
        guardianship=g,
        actor=None,
        title="Ремонт",
        text="Починили кран",
        files=[good],
        publication_consent=True,
        consent_by="мама",
    )
    assert story.media.get().kind == "photo"


def test_guardian_staff_see_only_their_families(region):
    other_org_guardian = Guardian.objects.create(
        name="Чужой опекун",
        kind="ngo",
        territory=region.a1,
        contact_name="X",
        phone="+79100000002",
        status="approved",
        organization=region.org_b,
    )
    other_family = Household.objects.create(name="Семья Сидоровых", territory=region.a1)
    theirs = Guardianship.objects.create(household=other_family, guardian=other_org_guardian)
    staff = region.client("org_staff")
    page = staff.get(reverse("guardianship:mine")).content.decode()
    assert "Семья Ивановых" in page and "Семья Сидоровых" not in page
    assert staff.get(reverse("guardianship:detail", args=[theirs.pk])).status_code == 404
    assert staff.get(reverse("guardianship:detail", args=[region.guardianship_a.pk])).status_code == 200
    assert staff.get(reverse("guardianship:media", args=[region.media_a.pk])).status_code == 200


def test_reports_contain_no_personal_data_for_analysts(region):
    page = region.client("analyst").get(reverse("guardianship:reports")).content.decode()
    assert "Район А" in page and "Семья Ивановых" not in page and "Иван" not in page.split("<main")[1]


def test_signed_agreements_download_only_for_those_entitled(region):
    from django.urls import reverse

    from audit.models import AuditEntry

    agreement = reverse("guardianship:document", args=["agreement", region.guardian_a.pk])
    family = reverse("guardianship:document", args=["family-agreement", region.guardianship_a.pk])
    coordinator = region.client("coordinator")
    response = coordinator.get(agreement)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.7 agreement"
    assert response["Cache-Control"] == "no-store"
    assert AuditEntry.objects.filter(action="view", object_id=str(region.guardian_a.pk)).exists()
    assert region.client("org_staff").get(agreement).status_code == 403  # the guardian card is the HQ one
    assert region.client("org_staff").get(family).status_code == 200
    assert region.client("operator").get(family).status_code == 403
    page = coordinator.get(reverse("guardianship:guardian", args=[region.guardian_a.pk])).content.decode()
    assert "скачать соглашение" in page


def test_it_scrolls_the_guardians_checks_table_inside_its_own_box(region):
    # the bare checks table made the guardian's page 416 px wide on a 360 px phone
    page = region.client("coordinator").get(f"/guardianship/guardians/{region.guardian_a.pk}/").content.decode()
    assert '<div class="table-wrap"><table class="compact"><tbody>\n<tr><th>Собеседование' in page
