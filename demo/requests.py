"""Demo help requests in every state, some overdue, some with follow-up calls due."""

from datetime import timedelta

from django.utils import timezone

from catalog.models import ServiceCategory
from directory.models import Organization
from helprequests import services
from helprequests.models import FollowUp, HelpRequest, StatusChange
from people.models import Beneficiary, Household, SocialContact
from volunteers.models import Volunteer

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
    if HelpRequest.objects.filter(description=REQUESTS[0][4]).exists():
        return
    now = timezone.now()
    people = {b.full_name: b for b in Beneficiary.objects.all()}
    helpers = {o.name: ("organization", o.pk) for o in Organization.objects.all()}
    helpers |= {v.full_name: ("volunteer", v.pk) for v in Volunteer.objects.all()}
    for name, channel, needs, urgency, text, hours, state, helper, reason in REQUESTS:
        received = now - timedelta(hours=hours)
        request = services.request_create(
            beneficiary=people[name],
            channel=channel,
            needs=list(ServiceCategory.objects.filter(code__in=needs)),
            actor=None,
            urgency=urgency,
            description=text,
            received_at=received,
            reporter_name="Соседка Ирина" if channel == "neighbour" else "",
        )
        _advance(request, state, helpers.get(helper), reason, received)
    _households_and_contacts(people, places)


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
    # Spread the story over time: history at believable moments after receipt.
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
    return HelpRequest.objects.get(pk=request.pk)


def _households_and_contacts(people, places):
    family, _ = Household.objects.get_or_create(
        name="Семья Волковых",
        defaults={"territory": places["Сосновка"], "address": "ул. Мира, 30", "is_serviceman_family": True},
    )
    Beneficiary.objects.filter(full_name="Волков Геннадий Степанович").update(
        household=family, household_role="дедушка"
    )
    SocialContact.objects.get_or_create(
        beneficiary=people["Захарова Мария Ивановна"],
        name="Захаров Олег (сын, живёт в Москве)",
        defaults={"relation": "relative", "phone": "+79161234567"},
    )
    SocialContact.objects.get_or_create(
        beneficiary=people["Павлова Зинаида Михайловна"],
        name="Ирина, соседка из дома 6",
        defaults={"relation": "neighbour", "phone": "+79107654321"},
    )
    Volunteer.objects.filter(full_name="Сидоров Алексей Игоревич").update(max_load=3)
