"""#МЫВМЕСТЕ.ОПЕКА as the seed prescribes: selection and the marker, the agreement before matching, the
3-day limit escalated once, calls at 2 weeks and 1 month, feedback at the end, reports and the story package."""

import io
import zipfile
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit.models import AuditEntry
from catalog.models import ServiceCategory
from exports.testing import fetched
from guardianship import periodic, selectors, services
from guardianship.models import Call, FamilyApplication, FamilyLink, Guardian, Guardianship, Story
from people.models import Household

YEAR = (date(2000, 1, 1), date(2100, 1, 1))


def _groceries():
    return ServiceCategory.objects.filter(code="groceries")


def _family(region, name="Семья Орловых", serviceman=True, source="onf_hotline", email=""):
    household = Household.objects.create(
        name=name, territory=region.a1, is_serviceman_family=serviceman, contact_phone="+79107770000"
    )
    services.application_create(household=household, source=source, actor=None, contact_email=email)
    return household


def _marked(region, **kwargs):
    household = _family(region, **kwargs)
    services.mark_household(household=household, needs=_groceries(), actor=region.users["coordinator"])
    household.refresh_from_db()
    return household


def _contacted(region, household, at=None):
    match = services.match(household=household, guardian=region.guardian_a, actor=None)
    return services.first_contact(guardianship=match, at=at or timezone.now(), hq_present="Штаб", actor=None)


# --- selection and the marker ---


def test_a_non_serviceman_family_cannot_be_marked_without_an_override(region):
    household = _family(region, serviceman=False)
    with pytest.raises(ValidationError, match="семьям военнослужащих"):
        services.mark_household(household=household, needs=_groceries())
    household.refresh_from_db()
    assert household.needs_guardianship_since is None

    coordinator = region.users["coordinator"]
    services.mark_household(
        household=household, needs=_groceries(), override_reason="Семья добровольца", actor=coordinator
    )
    application = household.guardianship_applications.get()
    assert household.needs_guardianship_since and application.status == "selected"
    assert application.override_reason == "Семья добровольца"
    assert AuditEntry.objects.filter(object_id=str(household.pk), object_type="people.household", user=coordinator)
    assert services.is_override(household)


def test_the_override_is_a_coordinators_decision_on_the_selection_page(region):
    household = _family(region, serviceman=False)
    url = reverse("guardianship:mark", args=[household.pk])
    data = {"needs": [c.pk for c in _groceries()], "contact_name": "Ирина", "contact_phone": "89101112233"}
    page = region.client("coordinator").post(url, data)
    assert page.status_code == 200 and "семьям военнослужащих" in page.content.decode()
    household.refresh_from_db()
    assert household.needs_guardianship_since is None  # nothing half-saved
    region.client("coordinator").post(url, {**data, "override_reason": "Решение штаба"})
    household.refresh_from_db()
    assert household.needs_guardianship_since is not None
    assert region.client("operator").post(url, data).status_code == 403


def test_the_marker_comes_after_an_application_and_its_selection(region):
    household = Household.objects.create(name="Семья Гусевых", territory=region.a1, is_serviceman_family=True)
    with pytest.raises(ValidationError, match="заявку семьи"):
        services.mark_household(household=household, needs=_groceries())
    hq = region.client("coordinator")
    assert hq.get(reverse("guardianship:mark", args=[household.pk])).url.endswith(f"/families/{household.pk}/apply/")
    form = hq.post(reverse("guardianship:family_apply", args=[household.pk]), {"source": "other"})
    assert "уточните, откуда заявка" in form.content.decode()
    hq.post(
        reverse("guardianship:family_apply", args=[household.pk]),
        {"source": "onf_hotline", "request_text": "Помочь с продуктами"},
    )
    application = household.guardianship_applications.get()
    assert application.get_source_display() == "Горячая линия ОНФ.Помощь" and application.status == "new"
    dashboard = hq.get(reverse("guardianship:dashboard")).content.decode()
    assert "Заявки семей на отбор" in dashboard and "Семья Гусевых" in dashboard


def test_a_family_not_selected_is_declined_with_a_reason(region):
    hq = region.client("coordinator")
    url = reverse("guardianship:application_decline", args=[region.application_new.pk])
    hq.post(url, {"reason": ""})
    assert FamilyApplication.objects.get(pk=region.application_new.pk).status == "new"
    hq.post(url, {"reason": "Помощь оказывает соцзащита"})
    declined = FamilyApplication.objects.get(pk=region.application_new.pk)
    assert declined.status == "declined" and declined.decision_note == "Помощь оказывает соцзащита"
    out_of_scope = reverse("guardianship:application_decline", args=[region.application_b.pk])
    assert hq.post(out_of_scope, {"reason": "x"}).status_code == 404


def test_a_foundation_can_be_a_guardian(region):
    guardian = Guardian.objects.create(
        name="Фонд «Рядом»", kind="foundation", territory=region.a1, contact_name="Анна", phone="+79100000009"
    )
    assert guardian.get_kind_display() == "Фонд"


# --- the agreement with the regional headquarters before matching ---


def test_matching_is_refused_before_the_agreement(region):
    household = _marked(region)
    region.guardian_a.agreement_number, region.guardian_a.agreement_date = "", None
    region.guardian_a.save()
    assert services.suggestions(household) == []
    with pytest.raises(ValidationError, match="соглашение"):
        services.match(household=household, guardian=region.guardian_a, actor=None)

    hq = region.client("coordinator")
    page = hq.get(reverse("guardianship:match", args=[household.pk])).content.decode()
    assert "без соглашения" in page and "НКО Района А" in page
    hq.post(reverse("guardianship:match", args=[household.pk]), {"guardian": region.guardian_a.pk})
    assert not Guardianship.objects.filter(household=household).exists()
    api = region.api("coordinator").post(
        "/api/v1/guardianship/matches",
        {"household_id": household.pk, "guardian_id": region.guardian_a.pk},
        content_type="application/json",
    )
    assert api.status_code == 422 and "соглашение" in api.json()["errors"]["guardian"][0]

    services.save_agreement(guardian=region.guardian_a, number="МВ-9", day=timezone.localdate(), actor=None)
    assert services.match(household=household, guardian=region.guardian_a, actor=None).status == "matched"


def test_the_agreement_form_is_available_only_after_approval(region):
    guardian = Guardian.objects.create(
        name="Школа №3", kind="education", territory=region.a1, contact_name="Олег", phone="+79100000003"
    )
    with pytest.raises(ValidationError, match="одобренным"):
        services.save_agreement(guardian=guardian, number="1", day=timezone.localdate(), actor=None)
    page = region.client("coordinator").get(reverse("guardianship:guardian", args=[guardian.pk])).content.decode()
    assert "Сохранить соглашение" not in page and "после одобрения" in page


# --- the 3-day limit, matched families waiting, calls ---


def test_a_matched_family_without_contact_is_counted_as_needing_guardianship(region):
    household = _marked(region)
    services.match(household=household, guardian=region.guardian_a, actor=None)
    figures = selectors.figures(region.users["coordinator"], region.a, *YEAR)
    assert figures["needing"] == 1 and figures["matched_waiting"] == 1
    page = region.client("coordinator").get(reverse("guardianship:dashboard")).content.decode()
    assert "Семья Орловых" in page and "ждёт первого контакта" in page
    services.first_contact(guardianship=household.guardianships.get(), at=timezone.now(), hq_present="Штаб", actor=None)
    figures = selectors.figures(region.users["coordinator"], region.a, *YEAR)
    assert figures["needing"] == 0 and figures["constant_help"] == 2  # with household_a
    waiting = region.client("coordinator").get(reverse("guardianship:dashboard")).context["waiting"]
    assert household.pk not in [h.pk for h, _ in waiting]


def test_the_escalation_is_e_mailed_once(region, settings):
    settings.CONNECT_LIMIT_HOURS = 72
    region.users["coordinator"].email = "hq@example.org"
    region.users["coordinator"].save()
    household = _marked(region)
    services.match(household=household, guardian=region.guardian_a, actor=None)  # matched, no first contact
    soon = household.needs_guardianship_since + timedelta(hours=71)
    assert periodic.escalate_guardianship(soon) == "эскалаций по опеке: 0"
    later = household.needs_guardianship_since + timedelta(hours=73)
    assert periodic.escalate_guardianship(later) == "эскалаций по опеке: 1"
    assert periodic.escalate_guardianship(later + timedelta(hours=1)) == "эскалаций по опеке: 0"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["hq@example.org"]
    assert "первого контакта нет" in mail.outbox[0].body and "Орлов" not in mail.outbox[0].body


def test_the_limit_is_read_from_the_help_request_settings(region, settings):
    household = _marked(region)
    settings.CONNECT_LIMIT_HOURS = 24
    assert services.connection_overdue(household, household.needs_guardianship_since + timedelta(hours=25))
    settings.CONNECT_LIMIT_HOURS = 72
    assert not services.connection_overdue(household, household.needs_guardianship_since + timedelta(hours=25))


def test_calls_are_reminded_once_and_missed_calls_are_listed(region, settings):
    settings.FOLLOWUP_DAYS = (14, 30)
    settings.FOLLOWUP_MISSED_AFTER_DAYS = 3
    region.users["coordinator"].email = "hq@example.org"
    region.users["coordinator"].save()
    household = _marked(region)
    start = timezone.now() - timedelta(days=20)
    g = _contacted(region, household, at=start)
    assert sorted((c.kind, (c.due_at - start).days) for c in g.calls.all()) == [("14d", 14), ("30d", 30)]
    assert periodic.remind_guardianship_calls() == "напоминаний о звонках семьям: 1"
    assert periodic.remind_guardianship_calls() == "напоминаний о звонках семьям: 0"
    coordinator = region.users["coordinator"]
    assert [c.guardianship_id for c in selectors.calls(coordinator, "missed")] == [g.pk]
    page = region.client("coordinator").get(reverse("guardianship:calls"), {"queue": "missed"}).content.decode()
    assert "Пропущенные звонки (1)" in page and "Семья Орловых" in page
    services.record_call(call=g.calls.get(kind="14d"), actor=coordinator, notes="Всё хорошо")
    assert not selectors.calls(coordinator, "missed").exists()


# --- feedback «по итогам взаимодействия» ---


def test_the_feedback_link_is_created_only_at_the_end_or_at_the_one_month_call(region):
    household = _marked(region, email="mama@example.org")
    g = _contacted(region, household)
    feedback = FamilyLink.objects.filter(guardianship=g, purpose="feedback")
    assert not feedback.exists()  # not at the first contact
    services.record_call(call=g.calls.get(kind="14d"), actor=None, notes="")
    assert not feedback.exists()  # not at 2 weeks
    services.record_call(call=g.calls.get(kind="30d"), actor=None, notes="")
    link = feedback.get()
    assert link.sent_at and "эл. почта" in link.sent_how
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["mama@example.org"] and link.token in mail.outbox[0].body
    services.terminate(guardianship=g, actor=None, reason="all_met")
    assert feedback.count() == 1 and len(mail.outbox) == 1  # one link, sent once


def test_terminating_creates_the_feedback_link_and_staff_mark_it_sent(region):
    household = _marked(region)
    g = _contacted(region, household)
    services.terminate(guardianship=g, actor=None, reason="no_resources")
    link = FamilyLink.objects.get(guardianship=g, purpose="feedback")
    assert link.sent_at is None and not mail.outbox  # no e-mail known: the page offers an SMS
    hq = region.client("coordinator")
    page = hq.get(reverse("guardianship:detail", args=[g.pk])).content.decode()
    assert "sms:+79107770000" in page
    hq.post(reverse("guardianship:action", args=[g.pk, "link_sent"]), {"link": link.pk, "how": "SMS"})
    link.refresh_from_db()
    assert link.sent_at and link.sent_how == "SMS"


def test_feedback_answers_feed_the_report(region, client):
    client.post(
        reverse("guardianship_public:feedback", args=[region.feedback_link.token]),
        {"satisfaction": "4", "continue_help": "yes"},
    )
    figures = selectors.figures(region.users["analyst"], None, *YEAR)
    assert figures["feedback"] == 1 and figures["satisfaction_avg"] == 4.0


# --- reports and the story package ---


def test_the_report_by_territory_adds_up_and_leaves_out_the_overrides(region):
    _marked(region, name="Семья Орловых")
    other = Household.objects.create(name="Семья Б", territory=region.b1, is_serviceman_family=True)
    services.application_create(household=other, source="regional_hq", actor=None)
    services.mark_household(household=other, needs=_groceries())
    exception = _family(region, name="Семья Исключение", serviceman=False)
    services.mark_household(household=exception, needs=_groceries(), override_reason="Решение координатора")

    analyst = region.client("analyst")
    response = analyst.get(reverse("guardianship:reports"), {"territory": region.region.pk})
    report = response.context
    rows = dict(report["rows"])
    assert rows["Район А"]["needing"] == 1 and rows["Район Б"]["needing"] == 1
    assert report["total"]["needing"] == 2 and report["total"]["excluded_override"] == 1
    assert report["total"]["constant_help"] == 1  # household_a
    page = response.content.decode()
    assert "Семья Орловых" not in page and "Исключение" not in page
    district = analyst.get(reverse("guardianship:reports"), {"territory": region.a.pk}).context
    assert dict(district["rows"])["Посёлок А1"]["needing"] == 1

    xlsx = fetched(analyst, reverse("guardianship:reports"), {"territory": region.region.pk, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][1] == "Требуется опека (на сегодня)"
    assert values[3][:2] == ["Итого: Тестовая область", 2]


def test_the_report_api_answers_figures_only(region):
    answer = region.api("analyst").get(f"/api/v1/guardianship/report?territory_id={region.a.pk}").json()
    assert answer["constant_help"] == 1 and answer["territory_id"] == region.a.pk and "Ивановых" not in str(answer)
    assert (
        region.api(region.coordinator_b).get(f"/api/v1/guardianship/report?territory_id={region.a.pk}").status_code
        == 404
    )


def test_stories_with_consent_go_to_the_federal_headquarters_as_a_package(region):
    story = Story.objects.get(guardianship=region.guardianship_a)
    hq = region.client("coordinator")
    assert "Помогли с ремонтом" not in hq.get(reverse("guardianship:stories")).content.decode()  # no consent
    story.publication_consent, story.consent_by = True, "мама"
    story.save()
    Story.objects.create(guardianship=region.guardianship_a, title="Без согласия", text="Т")
    assert "Помогли с ремонтом" in hq.get(reverse("guardianship:stories")).content.decode()
    package = fetched(hq, reverse("guardianship:stories_package"))  # built by the worker (#12)
    assert package["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(package.content)).namelist()
    assert "opis.csv" in names and any(n.endswith("/istoriya.txt") for n in names)
    assert any(n.endswith("/soglasie.txt") for n in names) and any("/photo-1-" in n for n in names)
    assert len([n for n in names if n.endswith("istoriya.txt")]) == 1
    hq.post(reverse("guardianship:stories_sent"), {"id": [story.pk]})
    story.refresh_from_db()
    assert story.sent_to_federal_at is not None
    page = hq.get(reverse("guardianship:stories"), {"sent": "yes"}).content.decode()
    assert "передано в федеральный штаб" in page
    assert region.client("analyst").get(reverse("guardianship:stories_package")).status_code == 403


def test_the_api_takes_a_family_from_application_to_marker(region):
    household = Household.objects.create(name="Семья Апи", territory=region.a1, is_serviceman_family=False)
    api = region.api("coordinator")
    created = api.post(
        "/api/v1/guardianship/family-applications",
        {"household_id": household.pk, "source": "regional_hq"},
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["status"] == "new"
    url = f"/api/v1/guardianship/families/{household.pk}/mark"
    refused = api.post(url, {"need_codes": ["groceries"]}, content_type="application/json")
    assert refused.status_code == 422 and "override_reason" in refused.json()["errors"]
    ok = api.post(url, {"need_codes": ["groceries"], "override_reason": "Решение"}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["need_codes"] == ["groceries"]


def test_call_days_come_from_settings(region, settings):
    settings.FOLLOWUP_DAYS = (10, 20)
    g = _contacted(region, _marked(region))
    assert sorted((c.due_at - g.first_contact_at).days for c in Call.objects.filter(guardianship=g)) == [10, 20]


def test_withdrawing_a_members_consent_erases_the_familys_application_text(region):
    from people.models import Beneficiary
    from people.services import consent_give, consent_withdraw

    household = _family(region)
    household.guardianship_applications.update(request_text="Бабушке нужна помощь с лекарствами")
    member = Beneficiary.objects.create(full_name="Орлова Нина", territory=region.a1, household=household)
    consent = consent_give(beneficiary=member, purpose="personal_data", actor=None)
    consent_withdraw(consent=consent, actor=None)
    assert household.guardianship_applications.get().request_text == ""


def test_it_says_the_family_already_has_a_guardian_instead_of_offering_one(region):
    url = reverse("guardianship:match", args=[region.household_a.pk])
    page = region.client("coordinator").get(url).content.decode()
    assert "У семьи уже есть опекун" in page
    assert reverse("guardianship:detail", args=[region.guardianship_a.pk]) in page
    assert "Взять под опеку этим опекуном" not in page


def test_it_offers_no_second_guardian_while_the_first_awaits_contact(region):
    household = _marked(region)
    services.match(household=household, guardian=region.guardian_a, actor=None)
    page = region.client("coordinator").get(reverse("guardianship:match", args=[household.pk])).content.decode()
    assert "Опекун подобран" in page and "Взять под опеку этим опекуном" not in page
