import copy
import os
from datetime import time, timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db.models import FileField
from django.test import Client
from django.utils import timezone

from accounts.models import ApiToken, Role, User
from catalog import data as catalog
from catalog.models import ServiceCategory
from communities.models import CommunityLeader
from directory.models import ImportJob, Organization
from guardianship.models import FamilyLink, Guardian, Guardianship, Story, StoryMedia
from helprequests.models import FollowUp, HelpRequest
from helprequests.services import request_create
from people.models import Beneficiary, Consent, Household
from phone.models import Alert, CalendarToken, Call, Enrolment, Identification
from territories.models import Territory
from volunteers.models import Volunteer

ARTIFACTS = Path(__file__).parent / "test-artifacts"
ROLES = ["anon", "coordinator", "operator", "org_staff", "volunteer", "analyst", "admin"]


class Region:
    """Region R with municipalities A and B, a settlement in each; staff of every role in A."""

    def __init__(self):
        catalog.load(ServiceCategory)  # transactional tests flush the migration-loaded catalog
        T = Territory.Kind
        self.region = Territory.objects.create(name="Тестовая область", kind=T.REGION, lat=55.0, lon=40.0)
        self.a = Territory.objects.create(name="Район А", kind=T.DISTRICT, parent=self.region, lat=55.1, lon=40.1)
        self.b = Territory.objects.create(name="Район Б", kind=T.DISTRICT, parent=self.region, lat=54.9, lon=39.9)
        self.a1 = Territory.objects.create(name="Посёлок А1", kind=T.SETTLEMENT, parent=self.a, lat=55.12, lon=40.12)
        self.b1 = Territory.objects.create(name="Село Б1", kind=T.SETTLEMENT, parent=self.b, lat=54.88, lon=39.88)
        now = timezone.now()
        self.org_a = Organization.objects.create(
            name="НКО Района А",
            kind="ngo",
            territory=self.a1,
            lat=55.121,
            lon=40.121,
            phone="+74912550101",
            verified_at=now,
            last_confirmed_at=now,
        )
        self.org_a.served_territories.set([self.a])
        self.org_b = Organization.objects.create(name="НКО Района Б", kind="ngo", territory=self.b1)
        self.person_a = Beneficiary.objects.create(
            full_name="Иванова Анна Петровна", territory=self.a1, phone="+79101112233"
        )
        self.person_b = Beneficiary.objects.create(full_name="Петров Борис Ильич", territory=self.b1)
        self.consent_a = Consent.objects.create(beneficiary=self.person_a, purpose=Consent.Purpose.PERSONAL_DATA)
        self.users = {
            "coordinator": self._user("coordinator", Role.COORDINATOR, self.a),
            "operator": self._user("operator", Role.OPERATOR, self.a),
            "org_staff": self._user("org_staff", Role.ORG_STAFF, self.a1, self.org_a),
            "volunteer": self._user("volunteer", Role.VOLUNTEER, self.a1, self.org_a),
            "analyst": self._user("analyst", Role.ANALYST, self.region),
            "admin": self._user("admin", Role.ADMIN, self.region),
        }
        self.coordinator_b = self._user("coordinator_b", Role.COORDINATOR, self.b)
        self.volunteer_a = Volunteer.objects.create(
            full_name="Волонтёрова Вера",
            age_group="silver",
            territory=self.a1,
            organization=self.org_a,
            user=self.users["volunteer"],
            lat=55.12,
            lon=40.12,
        )
        self.leader_a = CommunityLeader.objects.create(full_name="Лидерова Лидия", community="Совет", territory=self.a1)
        self.request_a = request_create(
            beneficiary=self.person_a, channel="hotline", needs=list(ServiceCategory.objects.filter(code="groceries"))
        )
        self.reset_request_a()
        self.followup_a = FollowUp.objects.create(request=self.request_a, kind="14d", due_at=now)
        self.household_a = Household.objects.create(name="Семья Ивановых", territory=self.a1)
        self.person_a2 = Beneficiary.objects.create(full_name="Иванова Анна", territory=self.a1)
        self.enrolment_a = Enrolment.objects.create(
            beneficiary=self.person_a,
            volunteer=self.volunteer_a,
            weekdays=[1, 3, 5],
            window_start=time(10),
            window_end=time(12),
        )
        self.call_a = Call.objects.create(
            enrolment=self.enrolment_a, volunteer=self.volunteer_a, reached=True, wellbeing=2, notes="Болит спина"
        )
        self.alert_a = Alert.objects.create(enrolment=self.enrolment_a)
        self.calendar_token = CalendarToken.objects.create(volunteer=self.volunteer_a).token
        # #17: person_a2 identified as needing telephone help, not yet enrolled.
        self.identification_a = Identification.objects.create(
            beneficiary=self.person_a2, identified_by="Соцработник Петрова", institution="КЦСОН района А"
        )
        self._guardianship()
        self.import_job = ImportJob.objects.create(
            kind="organizations", file_name="x.csv", data=b"", created_by=self.users["coordinator"]
        )
        self._centres()
        self._communities()
        self._assessments()
        self._ties()
        self._outreach()

    def _guardianship(self):
        """org_a is an approved guardian of household_a (serviceman's family in A1) that needs groceries."""
        groceries = ServiceCategory.objects.filter(code="groceries")
        self.guardian_a = Guardian.objects.create(
            name="НКО Района А",
            kind="ngo",
            territory=self.a1,
            contact_name="Иван",
            phone="+79100000001",
            status="approved",
            organization=self.org_a,
            max_families=2,
            interview_at=timezone.localdate(),
            instruction_at=timezone.localdate(),
            training_at=timezone.localdate(),
            agreement_number="МВ-1",
            agreement_date=timezone.localdate(),
        )
        self.guardian_a.capabilities.set(groceries)
        self.household_a.is_serviceman_family = True
        self.household_a.needs_guardianship_since = timezone.now()
        self.household_a.save()
        self.household_a.guardianship_needs.set(groceries)
        self.guardian_a.agreement_file.save("soglashenie.pdf", ContentFile(b"%PDF-1.7 agreement"), save=True)
        self.guardianship_a = Guardianship.objects.create(
            household=self.household_a, guardian=self.guardian_a, status="active", first_contact_at=timezone.now()
        )
        self.guardianship_a.family_agreement_file.save("semya.pdf", ContentFile(b"%PDF-1.7 family"), save=True)
        self.feedback_link = FamilyLink.objects.create(
            household=self.household_a, guardianship=self.guardianship_a, purpose="feedback"
        )
        self.needs_link = FamilyLink.objects.create(household=self.household_a, purpose="needs")
        # #18g: household_a was selected from an ОНФ.Помощь application; a new family in A1 waits for selection,
        # and one in B (out of scope for A's staff).
        from guardianship.models import FamilyApplication

        FamilyApplication.objects.create(household=self.household_a, source="onf_hotline", status="selected")
        self.household_new = Household.objects.create(
            name="Семья Новиковых", territory=self.a1, is_serviceman_family=True
        )
        self.application_new = FamilyApplication.objects.create(household=self.household_new, source="regional_hq")
        self.household_b = Household.objects.create(
            name="Семья Борисовых", territory=self.b1, is_serviceman_family=True
        )
        self.application_b = FamilyApplication.objects.create(household=self.household_b, source="other")
        story = Story.objects.create(guardianship=self.guardianship_a, title="Помогли с ремонтом", text="Текст")
        self.media_a = StoryMedia.objects.create(
            story=story, kind="photo", file=ContentFile(b"\xff\xd8\xff\xe0fakejpeg", name="photo.jpg")
        )

    def _centres(self):
        """Support centre (#16) of org_a in A1 with a visit, an event, a care entry and a volunteer candidate."""
        from centres.models import CareEntry, Centre, CentreService, Event, Visit

        leaf = ServiceCategory.objects.get
        self.centre_a = Centre.objects.create(
            organization=self.org_a,
            name="Центр А1",
            territory=self.a1,
            address="ул. Центральная, 1",
            phone="+74912550101",
        )
        CentreService.objects.create(centre=self.centre_a, category=leaf(code="groceries"))
        CentreService.objects.create(centre=self.centre_a, category=leaf(code="document_printing"), price=10)
        self.centre_b = Centre.objects.create(
            organization=self.org_b, name="Центр Б1", territory=self.b1, address="д. 1"
        )
        self.visit_a = Visit.objects.create(
            centre=self.centre_a, beneficiary=self.person_a, service=leaf(code="groceries")
        )
        self.event_a = Event.objects.create(
            centre=self.centre_a,
            kind="master_class",
            title="Мастер-класс по вязанию",
            starts_at=timezone.now() + timedelta(days=2),
            capacity=10,
        )
        self.care_a = CareEntry.objects.create(centre=self.centre_a, beneficiary=self.person_a)
        self.candidate_a = Volunteer.objects.create(
            full_name="Кандидатова Кира",
            age_group="youth",
            territory=self.a1,
            organization=self.org_a,
            status="candidate",
            is_active=False,
        )

    def _communities(self):
        """Community workspace (#13): a community in A1 with a minimum canvas, an interaction and a roadmap step."""
        from communities import services as cs

        coordinator = self.users["coordinator"]
        self.community_a = cs.community_create(
            name="Совет дома на Садовой",
            form="mkd_council",
            territory=self.a1,
            responsible=coordinator,
            actor=coordinator,
        )
        self.community_b = cs.community_create(name="ТОС «Б1»", form="tos", territory=self.b1, actor=None)
        cs.canvas_save(
            community=self.community_a,
            kind="minimum",
            answers={"purpose": "Никто из старших не одинок"},
            values=["Доверие", "Соседство", "Забота"],
            metrics=[{"name": "Участников встреч", "target": "30"}],
            actor=coordinator,
        )
        self.interaction_a = cs.interaction_create(
            community=self.community_a,
            format="meeting",
            topic="Знакомство",
            next_step="Позвонить",
            actor=coordinator,
            due_date=timezone.localdate(),
        )
        self.step_a = cs.roadmap_step_create(territory=self.a, title="Провести сессию", actor=coordinator)

    def _assessments(self):
        """#15: an expert session of district A (scored, with a proposal and a task), one of B; practices."""
        from assessments import services as assessments
        from assessments.models import Participant, ProtocolTemplate
        from practices.models import Photo, Practice

        coordinator = self.users["coordinator"]
        self.session_a = assessments.session_create(actor=coordinator, territory=self.a, held_on=timezone.localdate())
        assessments.scores_save(session=self.session_a, rows={1: {"value": "3"}, 4: {"value": "nr"}}, actor=coordinator)
        self.participant_a = Participant.objects.create(session=self.session_a, group="authority", name="Министерство")
        self.proposal_a = assessments.proposal_create(session=self.session_a, text="Обучить НКО", actor=coordinator)
        self.task_a = assessments.task_add(session=self.session_a, text="Масштабировать практики", actor=coordinator)
        self.session_b = assessments.session_create(
            actor=self.coordinator_b, territory=self.b, held_on=timezone.localdate()
        )
        self.protocol_template_a = ProtocolTemplate.objects.create(territory=self.a1, file_name="t.docx", data=b"")
        self.practice = Practice.objects.create(
            title="Центр поддержки",
            organization_name="Фонд",
            region="Пермский край",
            description="Текст",
            is_published=True,
            published_at=timezone.now(),
        )
        self.practice_draft = Practice.objects.create(
            title="Черновик практики", organization_name="НКО", region="Тестовая область", description="Текст"
        )
        self.practice_photo = Photo.objects.create(
            practice=self.practice, alt="Вывеска центра", file=ContentFile(b"\xff\xd8\xff\xe0fakejpeg", name="p.jpg")
        )

    def _ties(self):
        """Social ties (#17): a relative of person_a2 (A1) and a neighbour of person_b (B1), a task, risk levels."""
        from ties import services as ties_services
        from ties.models import Task

        self.tie_a = ties_services.tie_save(
            beneficiary=self.person_a2, actor=None, kind="relative", contact_name="Дочь Ирина", phone="+79105550011"
        )
        self.tie_b = ties_services.tie_save(
            beneficiary=self.person_b, actor=None, kind="neighbour", contact_name="Сосед Борис"
        )
        self.task_a = Task.objects.create(beneficiary=self.person_a, text="Позвонить дочери")
        ties_services.risk_recompute([self.person_a.pk, self.person_a2.pk, self.person_b.pk])

    def _outreach(self):
        """#14: a questionnaire of A sent to org_a (answered) and community_a (waiting); a contact and a letter."""
        from communities.models import Interaction
        from outreach import seed
        from outreach import services as outreach
        from outreach.models import Contact, Letter, LetterTemplate, Question, Questionnaire

        seed.load(Questionnaire, Question, LetterTemplate)  # transactional tests flush the migration's rows
        LetterTemplate.objects.update(region="Тестовая область")
        coordinator = self.users["coordinator"]
        self.questionnaire_a = outreach.questionnaire_create(
            title="Анкета района А", territory=self.a, actor=coordinator
        )
        self.question_a = outreach.question_save(
            questionnaire=self.questionnaire_a,
            kind="scale",
            text="Оцените активность",
            required=True,
            actor=coordinator,
        )
        outreach.question_save(questionnaire=self.questionnaire_a, kind="text", text="Что мешает?", actor=coordinator)
        self.sending_a = outreach.sending_create(
            questionnaire=self.questionnaire_a,
            title="Рассылка А",
            territory=self.a,
            organizations=[self.org_a],
            communities_=[self.community_a],
            actor=coordinator,
        )
        self.answered_a = self.sending_a.recipients.get(organization=self.org_a)
        outreach.answers_save(recipient=self.answered_a, data={f"q{self.question_a.pk}": "4"}, submit=True)
        self.waiting_a = self.sending_a.recipients.get(community=self.community_a)
        self.sending_b = outreach.sending_create(
            questionnaire=self.questionnaire_a,
            title="Рассылка Б",
            territory=self.b,
            organizations=[self.org_b],
            actor=self.coordinator_b,
        )
        # Sent (and answered) yesterday: today's interaction_a stays the newest of the community workspace.
        Interaction.objects.filter(format="survey").update(held_on=timezone.localdate() - timedelta(days=1))
        self.contact_a = Contact.objects.create(
            kind="regional",
            last_name="Иванов",
            first_name="Иван",
            middle_name="Петрович",
            position="Министр социального развития Тестовой области",
            territory=self.a,
            consent_at=timezone.localdate(),
        )
        self.contact_b = Contact.objects.create(
            kind="media", last_name="Борисова", first_name="Бэлла", outlet="Вести Б", territory=self.b
        )
        self.letter_a = Letter.objects.create(
            template=LetterTemplate.objects.get(code="authorities"),
            batch="batcha",
            number="ТРЦ-2026/001",
            contact=self.contact_a,
            recipient="Иванов Иван Петрович",
            greeting="Уважаемый Иван Петрович!",
            address_lines="Министру социального развития Тестовой области\nИванову Ивану Петровичу",
            territory=self.a,
            docx=b"PK",
            pdf=b"%PDF-1.7",
        )

    def reset_request_a(self, status="assigned"):
        """request_a sent to org_a (whose staff is then its helper), as if just assigned."""
        HelpRequest.objects.filter(pk=self.request_a.pk).update(
            status=status,
            helper_organization=self.org_a if status == "assigned" else None,
            helper_volunteer=None,
            assigned_at=timezone.now() if status == "assigned" else None,
            closed_at=None,
            close_reason="",
        )
        self.request_a.refresh_from_db()

    @staticmethod
    def _user(username, role, territory, organization=None):
        user = User(username=username, role=role, territory=territory, organization=organization)
        user.set_password("secret-pass-1")
        user.save()
        return user

    def client(self, role):
        client = Client()
        if role != "anon":
            client.force_login(self.users.get(role, role))
        return client

    def api(self, role):
        """A client whose requests carry the role's bearer token (none for anon)."""
        if role == "anon":
            return Client()
        user = self.users[role] if isinstance(role, str) else role
        return Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(user)}")


def _transactional(item):
    """The test runs outside a transaction (live server, races): pytest-django's own rule for ordering tests."""
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


class _SharedRegion:
    """One Region per test module, built inside a transaction that stays open while the module's tests run.

    Each test runs in its own savepoint inside that transaction (pytest-django's TestCase atomic), so what a
    test writes is rolled back before the next one; the test gets a deep copy of the Region's objects (as
    Django's setUpTestData does), so changes to the Python objects do not leak either. Files the Region
    stored are written back when a test deleted them. Transactional tests (live server, races) never see the
    shared transaction: it is rolled back before they start, and they build a fresh Region as before.
    """

    def __init__(self):
        self.atomic = None
        self.region = None
        self.files = {}
        self.item = None  # the test being set up (pytest_runtest_setup below)

    def open(self, blocker):
        from django.db import transaction

        self.blocker = blocker
        with blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic._from_testcase = True  # a durable atomic in the code under test stays allowed
            self.atomic.__enter__()
            self.region = Region()
            for obj in vars(self.region).values():
                for field in getattr(getattr(obj, "_meta", None), "fields", ()):
                    if isinstance(field, FileField) and getattr(obj, field.attname):
                        file = getattr(obj, field.attname)
                        with file.storage.open(file.name, "rb") as f:
                            self.files[file.name] = (file.storage, f.read())

    def close(self):
        if self.atomic is None:
            return
        from django.db import transaction

        atomic, self.atomic, self.region, self.files = self.atomic, None, None, {}
        with self.blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)

    def copy(self):
        """The Region for one test: its files back in storage, its objects deep-copied."""
        for name, (storage, data) in self.files.items():
            if not storage.exists(name):
                storage.save(name, ContentFile(data))
        return copy.deepcopy(self.region)


def _shares_region(item):
    return item is not None and "region" in getattr(item, "fixturenames", ()) and not _transactional(item)


_shared_region = _SharedRegion()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Within each module and each of pytest-django's groups (in a transaction, transactional, no database),
    the tests that share the Region run first, so the others never see it and it is built once."""

    def group(item):
        if _transactional(item):
            return 1
        return 0 if "db" in getattr(item, "fixturenames", ()) or item.get_closest_marker("django_db") else 2

    first = {}
    for index, item in enumerate(items):
        first.setdefault((group(item), item.nodeid.split("::")[0]), index)
    items.sort(key=lambda item: (first[(group(item), item.nodeid.split("::")[0])], not _shares_region(item)))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if not _shares_region(item):
        _shared_region.close()  # a test without the Region (or one that commits) must not run inside it
    _shared_region.item = item


@pytest.fixture(scope="module")
def _region_module(django_db_setup, django_db_blocker):
    """Builds the module's shared Region before the first (non-transactional) test that asks for it."""
    if _shares_region(_shared_region.item):
        _shared_region.open(django_db_blocker)
    yield
    _shared_region.close()


@pytest.fixture
def region(_region_module, request, db):
    if _shared_region.region is None or _transactional(request.node):
        return Region()  # a transactional test, or a module whose shared transaction a transactional test closed
    return _shared_region.copy()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: cached figures (the phone dashboard's KPI strip, limiter counters)
    are keyed by ids that the next test's region reuses, so a cached value would belong to another test."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (STACK.md recipe; never `playwright install`)."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


def browser_login(page, base, username, password="secret-pass-1"):
    """Log in through the real login form and wait for the staff desk."""
    page.goto(base + "/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(base + "/staff/")


def browser_menu(page, label):
    """Click a staff menu item: opens «Меню» (below 768 px) and the item's group first when they are closed."""
    link = page.locator("header").get_by_role("link", name=label, exact=True)
    menu = page.locator("header details[data-nav-menu]")
    if not link.is_visible() and menu.count() and menu.get_attribute("open") is None:
        menu.locator("summary").first.click()
    if not link.is_visible():
        group = page.locator("header details[data-nav-group]", has=page.locator(f'a:text-is("{label}")'))
        if group.count():
            group.locator("summary").click()
    link.click()
