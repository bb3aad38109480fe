"""Demo help requests in every state, some overdue, some with follow-up calls due."""

from datetime import timedelta

from django.utils import timezone

from accounts.selectors import user_by_username
from catalog.selectors import catalog_all
from directory.selectors import organizations
from helprequests import services
from helprequests.models import FollowUp, HelpRequest, StatusChange
from helprequests.queues import all_requests
from helprequests.selectors import request_fresh
from people.selectors import live_people, live_person
from people.services import beneficiary_update, contact_create, household_create
from volunteers.selectors import volunteers

# (person, channel, needs, urgency, description, hours ago, target state, helper name, close reason)
REQUESTS = [
    (
        "Захарова Мария Ивановна",
        "hotline",
        ["groceries", "medicines"],
        "urgent",
        "Живёт одна, не может выйти за продуктами и лекарствами",
        2,
        "new",
        None,
        None,
    ),
    (
        "Павлова Зинаида Михайловна",
        "neighbour",
        ["firewood"],
        "within_3_days",
        "Соседка сообщила: кончаются дрова, печное отопление",
        90,
        "new",
        None,
        None,
    ),
    (
        "Новикова Валентина Фёдоровна",
        "social_worker",
        ["snow_clearing"],
        "within_3_days",
        "Занесло снегом крыльцо",
        60,
        "triage",
        None,
        None,
    ),
    (
        "Соколов Николай Петрович",
        "hotline",
        ["groceries"],
        "within_3_days",
        "Нужна доставка продуктов раз в неделю",
        30,
        "assigned",
        "АНО «Серебряный возраст»",
        None,
    ),
    (
        "Лебедева Антонина Сергеевна",
        "website",
        ["home_care"],
        "planned",
        "Помощь по дому после больницы",
        100,
        "assigned",
        "КЦСОН Озёрского района",
        None,
    ),
    (
        "Морозов Виктор Алексеевич",
        "phone_volunteer",
        ["firewood"],
        "within_3_days",
        "Нужно наколоть дрова",
        50,
        "declined",
        "Волонтёрский отряд «Лесные добровольцы»",
        None,
    ),
    (
        "Волков Геннадий Степанович",
        "walk_in",
        ["leisure"],
        "planned",
        "Хочет ходить в клуб, нужен провожатый",
        40,
        "accepted",
        "Клуб активного долголетия «Вдохновение»",
        None,
    ),
    (
        "Фёдорова Людмила Андреевна",
        "hotline",
        ["repairs"],
        "within_3_days",
        "Течёт кран, нужен мелкий ремонт",
        24 * 16,
        "connected",
        "ИП Крылов А. В. (бригада «Тёплый дом»)",
        None,
    ),
    (
        "Захарова Мария Ивановна",
        "hotline",
        ["phone_companionship"],
        "planned",
        "Одиноко, хочет, чтобы ей звонили",
        24 * 35,
        "in_progress",
        "Добро.Центр Заречного",
        None,
    ),
    (
        "Захарова Мария Ивановна",
        "phone_volunteer",
        ["groceries"],
        "within_3_days",
        "Попросила купить хлеб и молоко",
        20,
        "accepted",
        "Петрова Галина Сергеевна",
        None,
    ),
    (
        "Соколов Николай Петрович",
        "hotline",
        ["legal_aid"],
        "planned",
        "Вопрос о субсидии на ЖКУ",
        24 * 40,
        "closed",
        "Ресурсный центр «Забота рядом»",
        "satisfied",
    ),
    (
        "Новикова Валентина Фёдоровна",
        "social_worker",
        ["home_care"],
        "within_3_days",
        "Нужен постоянный уход",
        24 * 20,
        "closed",
        None,
        "handed_over",
    ),
]


def load(places):
    """Idempotent: requests are created once, on the first run."""
    if all_requests().filter(description=REQUESTS[0][4]).exists():
        return
    now = timezone.now()
    coordinator = user_by_username("coordinator")
    people = {b.full_name: b for b in live_people(coordinator)}
    categories = {c.code: c for c in catalog_all()}
    helpers = {o.name: ("organization", o.pk) for o in organizations()}
    helpers |= {v.full_name: ("volunteer", v.pk) for v in volunteers()}
    for name, channel, needs, urgency, text, hours, state, helper, reason in REQUESTS:
        received = now - timedelta(hours=hours)
        request = services.request_create(
            beneficiary=people[name],
            channel=channel,
            needs=[categories[code] for code in needs],
            actor=None,
            urgency=urgency,
            description=text,
            received_at=received,
            reporter_name="Соседка Ирина" if channel == "neighbour" else "",
        )
        _advance(request, state, helpers.get(helper), reason, received)
    _households_and_contacts(people, places, coordinator)


def _advance(request, state, helper, reason, received):
    step = received

    def at(hours):  # noqa: E306 - the demo story moves forward in small steps
        nonlocal step
        step = step + timedelta(hours=hours)
        return step

    if state == "triage":
        services.request_triage(help_request=request, actor=None)
    if state in ("assigned", "declined", "accepted", "connected", "in_progress", "closed") and helper:
        services.request_assign(help_request=request, helper_type=helper[0], helper_id=helper[1], actor=None)
    if state == "declined":
        services.request_decline(
            help_request=_fresh(request), actor=None, reason="Нет свободных добровольцев на этой неделе"
        )
    if state in ("accepted", "connected", "in_progress", "closed") and helper:
        services.request_accept(help_request=_fresh(request), actor=None)
    if state in ("connected", "in_progress", "closed") and helper:
        services.request_connect(help_request=_fresh(request), actor=None)
    if state == "in_progress":
        services.request_start(help_request=_fresh(request), actor=None)
    if state == "closed":
        institution = "КЦСОН Озёрского района (долговременный уход)" if reason == "handed_over" else ""
        services.request_close(help_request=_fresh(request), actor=None, reason_code=reason, institution=institution)
    # Spread the story over time: the services stamp «now»; narrow updates move the history, the request's
    # timestamps and its follow-up calls to believable moments after receipt.
    for change in StatusChange.objects.filter(request=request).exclude(status="new").order_by("id"):
        StatusChange.objects.filter(pk=change.pk).update(at=at(3))
    r = _fresh(request)
    updates = {f: at(0) for f in ("assigned_at", "accepted_at", "connected_at", "closed_at") if getattr(r, f)}
    HelpRequest.objects.filter(pk=r.pk).update(**updates)
    if r.connected_at:
        connected = updates["connected_at"]
        for item in r.followups.all():
            days = 14 if item.kind == FollowUp.Kind.TWO_WEEKS else 30
            FollowUp.objects.filter(pk=item.pk).update(due_at=connected + timedelta(days=days))


def _fresh(request):
    return request_fresh(request.pk)


def _households_and_contacts(people, places, actor):
    family = household_create(
        name="Семья Волковых",
        territory=places["Сосновка"],
        address="ул. Мира, 30",
        is_serviceman_family=True,
        actor=actor,
    )
    grandfather = live_person(actor, people["Волков Геннадий Степанович"].pk)
    beneficiary_update(beneficiary=grandfather, changes={"household": family, "household_role": "дедушка"}, actor=actor)
    contact_create(
        beneficiary=people["Захарова Мария Ивановна"],
        relation="relative",
        name="Захаров Олег (сын, живёт в Москве)",
        phone="+79161234567",
        actor=actor,
    )
    contact_create(
        beneficiary=people["Павлова Зинаида Михайловна"],
        relation="neighbour",
        name="Ирина, соседка из дома 6",
        phone="+79107654321",
        actor=actor,
    )
