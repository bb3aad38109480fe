"""Demo support centre (seed: «Центр социальной и информационной поддержки жителей», Пермский край):
a few months of walk-in visits and one-off services, events with attendance, paid services, specialists,
partners, a long-term care list with an overdue visit, a socialization site's schedule and volunteer
candidates. Idempotent: everything is created once, with the centre."""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.selectors import user_by_username
from catalog.selectors import catalog_all
from centres import selectors, services
from centres.models import Centre
from directory.selectors import organizations
from people.models import Consent
from people.selectors import live_people
from people.services import beneficiary_create
from volunteers.models import Volunteer
from volunteers.selectors import volunteers as all_volunteers
from volunteers.services import candidate_create, volunteer_save

CENTRE = "Центр социальной и информационной помощи жителям"
# (code, price or None)
SERVICES = [
    ("document_printing", Decimal(10)),
    ("digital_literacy", None),
    ("firewood", Decimal(700)),
    ("snow_clearing", Decimal(500)),
    ("medicines", None),
    ("groceries", None),
    ("workshops", None),
    ("legal_aid", None),
    ("psychological_aid", None),
    ("leisure", None),
]
PEOPLE = [
    ("Горбунова Тамара Ивановна", "1944-04-02", "+79105550001", True),
    ("Ершов Павел Николаевич", "1940-08-15", "+79105550002", True),
    ("Кириллова Нина Степановна", "1937-12-01", "+79105550003", True),
    ("Лаптева Раиса Фёдоровна", "1949-06-20", "+79105550004", False),
    ("Мухина Алла Борисовна", "1952-02-11", "+79105550005", False),
    ("Носков Иван Ильич", "1946-10-30", "+79105550006", True),
    ("Осипова Вера Павловна", "1939-03-03", "+79105550007", True),
    ("Пестова Зоя Андреевна", "1955-01-25", "+79105550008", False),
]
VOLUNTEERS = [
    ("Сёмина Анастасия Олеговна", "youth", True),
    ("Трофимов Кирилл Денисович", "youth", True),
    ("Уварова Людмила Петровна", "silver", True),
    ("Фомин Сергей Васильевич", "adult", False),
    ("Чернова Дарья Игоревна", "youth", False),
]
SPECIALISTS = [
    ("Ананьева Ольга Викторовна", "psychologist", True),
    ("Борисов Глеб Аркадьевич", "lawyer", True),
    ("Власова Елена Юрьевна", "medic", True),
    ("Гришина Марина Сергеевна", "teacher", False),
    ("Дьяков Николай Петрович", "social_worker", True),
]
PARTNERS = [
    ("ИП Крылов А. В.", "business", "Дрова и инструмент для волонтёров"),
    ("Сельский дом культуры", "culture_house", "Зал для праздников и мастер-классов"),
    ("Социальный участковый Ковалёв И. С.", "police", "Сообщает об одиноких пожилых, проверяет адреса"),
    ("Совет ветеранов", "veterans", "Списки одиноких пожилых, поздравления"),
    ("Администрация городского округа", "administration", "Помещение центра по льготной аренде"),
]
PAST_EVENTS = [
    (70, "master_class", "Мастер-класс: открытка к 8 Марта", 12, [0, 1, 3, 4], 3),
    (55, "consultation", "Консультация юриста: наследство и завещание", 10, [1, 2, 6], 1),
    (41, "lecture", "Школа ухода: как помочь лежачему родственнику", 20, [4, 7], 6),
    (30, "psychologist", "Встреча с психологом: одиночество и как с ним справиться", 12, [2, 5, 6], 2),
    (16, "holiday", "Праздник двора: чаепитие и песни", 40, [0, 1, 2, 3, 5, 6, 7], 15),
    (6, "master_class", "Мастер-класс: как записаться к врачу через Госуслуги", 8, [3, 4, 7], 2),
]
UPCOMING = [
    (3, "master_class", "Мастер-класс по вязанию для начинающих", 12),
    (9, "consultation", "Консультация юриста по субсидиям на ЖКУ", 10),
    (17, "excursion", "Экскурсия в краеведческий музей", 15),
]
CANDIDATES = [
    (
        "Мухина Алла Борисовна",
        "+79105550005",
        "silver",
        "Хочу помогать другим, как помогли мне: звонить, навещать",
        "вт и чт днём",
    ),
    ("Яковлев Артём Сергеевич", "+79105550101", "youth", "Колоть дрова, чистить снег, носить продукты", "выходные"),
    ("Зуева Ксения Андреевна", "+79105550102", "adult", "Научить пользоваться телефоном", "по вечерам"),
]


def load(places):
    """As the organization's staff (the centre's own people), the coordinator adding its volunteers' cards."""
    staff, coordinator = user_by_username("org_staff"), user_by_username("coordinator")
    org = next((o for o in organizations() if o.name == "АНО «Серебряный возраст»"), None)
    if org is None or any(c.name == CENTRE for c in selectors.centres(coordinator)):
        return
    rng = random.Random(16)
    place = places["Заречный"]
    categories = {c.code: c for c in catalog_all()}
    centre = services.centre_save(
        actor=None,
        organization=org,
        name=CENTRE,
        kind=Centre.Kind.CENTRE,
        territory=place,
        address="ул. Садовая, 5 (вход со двора, баннер над входом)",
        opening_hours="пн–пт 10:00–17:00",
        phone="+74912550202",
        keeps_finances=True,
        is_active=True,
        services=[(categories[code], price) for code, price in SERVICES],
    )
    people = _people(place, coordinator)
    volunteers = _volunteers(org, place, coordinator)
    specialists = [
        services.specialist_add(centre=centre, actor=None, full_name=n, profession=p, is_pro_bono=b, phone="")
        for n, p, b in SPECIALISTS
    ]
    for name, role, contribution in PARTNERS:
        services.partner_add(centre=centre, actor=None, name=name, role=role, contribution=contribution, contact="")
    today = timezone.localdate()
    _visits(centre, people, volunteers, categories, today, rng, staff)
    _events(centre, people, volunteers, specialists, today, staff)
    for i, s in enumerate(specialists):
        for weeks in range(0, 12, 3):
            services.hours_log(
                specialist=s,
                actor=staff,
                worked_on=today - timedelta(weeks=weeks, days=i),
                hours=Decimal("2"),
                note="Приём жителей",
            )
    _care(centre, people, volunteers, today, staff)
    first = today.replace(day=1)
    for back in range(4):
        month = (first - timedelta(days=28 * back)).replace(day=1)
        services.finance_add(centre=centre, actor=None, month=month, kind="cost", item="rent", amount=Decimal(5000))
        services.finance_add(centre=centre, actor=None, month=month, kind="cost", item="curator", amount=Decimal(8000))
    _site(categories)
    for name, phone, group, abilities, when in CANDIDATES:
        candidate_create(
            full_name=name,
            phone=phone,
            territory=place,
            age_group=group,
            abilities=abilities,
            availability=when,
            organization=org,
        )


def _people(place, actor):
    known = {person.full_name: person for person in live_people(actor)}
    people = []
    for name, birth, phone, alone in PEOPLE:
        person = known.get(name) or beneficiary_create(
            full_name=name,
            birth_date=date.fromisoformat(birth),
            phone=phone,
            territory=place,
            lives_alone=alone,
            consent=Consent.Purpose.PERSONAL_DATA,
            actor=None,
        )
        people.append(person)
    return people


def _volunteers(org, place, actor):
    known = {v.full_name: v for v in all_volunteers()}
    found = []
    for name, group, permanent in VOLUNTEERS:
        volunteer = known.get(name) or volunteer_save(
            volunteer=Volunteer(),
            data={
                "full_name": name,
                "age_group": group,
                "is_permanent": permanent,
                "territory": place,
                "organization": org,
                "lat": place.lat,
                "lon": place.lon,
            },
            actor=actor,
        )
        found.append(volunteer)
    return found


def _visits(centre, people, volunteers, categories, today, rng, actor):
    codes = [c for c, _ in SERVICES if c not in ("workshops", "leisure")]
    prices = dict(SERVICES)
    sources = ["recommendation", "sign", "sign", "social_media", "notice", "social_worker", "other"]
    for back in range(100, 0, -1):
        day = today - timedelta(days=back)
        if day.isoweekday() > 5:
            continue
        for _ in range(rng.randint(1, 3)):
            code = rng.choice(codes)
            known = rng.random() < 0.7
            price = prices[code]
            services.visit_record(  # the random draws in the order the story was made with
                centre=centre,
                actor=actor,
                visited_on=day,
                beneficiary=rng.choice(people) if known else None,
                age_group="" if known else rng.choice(["55_64", "65_74", "75_plus"]),
                service=categories[code],
                volunteer=rng.choice(volunteers)
                if code in ("firewood", "snow_clearing", "medicines", "groceries")
                else None,
                is_paid=price is not None,
                amount=(price * (rng.randint(1, 20) if code == "document_printing" else 1)) if price else 0,
                source=rng.choice(sources),
            )


def _events(centre, people, volunteers, specialists, today, actor):
    tz = timezone.get_current_timezone()
    for back, kind, title, capacity, who, extra in PAST_EVENTS:
        starts = timezone.make_aware(datetime.combine(today - timedelta(days=back), time(14)), tz)
        event = services.event_save(
            actor=None,
            centre=centre,
            kind=kind,
            title=title,
            starts_at=starts,
            place=centre.address,
            capacity=capacity,
            specialists=[specialists[back % len(specialists)]],
            volunteers=volunteers[:2],
        )
        services.event_register(event=event, beneficiaries=[people[i] for i in who], actor=actor)
        came = [p.pk for p in selectors.participants(event)]  # everyone registered came, and some without a name
        services.attendance_mark(event=event, attended_ids=came, extra=extra, actor=actor)
    for ahead, kind, title, capacity in UPCOMING:
        starts = timezone.make_aware(datetime.combine(today + timedelta(days=ahead), time(11)), tz)
        event = services.event_save(
            actor=None,
            centre=centre,
            kind=kind,
            title=title,
            starts_at=starts,
            place=centre.address,
            capacity=capacity,
            description="Вход свободный, нужна предварительная запись.",
        )
        services.event_register(event=event, beneficiaries=people[:3], extra=2, actor=None)


def _care(centre, people, volunteers, today, actor):
    for i, person in enumerate(people[:4]):
        entry = services.care_add(
            centre=centre,
            beneficiary=person,
            actor=actor,
            volunteer=volunteers[i % 3],
            every_days=7,
            started_on=today - timedelta(days=90),
            notes="Живёт одна, плохо ходит" if i % 2 == 0 else "Нужны дрова зимой",
        )
        # the last one was visited 12 days ago: overdue
        last = today - timedelta(days=12 if i == 3 else 2 + i)
        services.care_visit_log(entry=entry, actor=actor, visited_on=last, notes="Всё в порядке")


def _site(categories):
    """The socialization site's free-text schedule «Среда 14:00 — клуб общения» as a recurring schedule."""
    org = next((o for o in organizations() if o.name == "Площадка «Серебряная гостиная»"), None)
    if org is None:
        return
    site = services.centre_save(
        actor=None,
        organization=org,
        name="Площадка «Серебряная гостиная»",
        kind=Centre.Kind.SOCIAL_SITE,
        territory=org.territory,
        address=org.address,
        opening_hours=org.opening_hours,
        phone=org.phone,
        keeps_finances=False,
        is_active=True,
        services=[(categories["leisure"], None), (categories["workshops"], None)],
    )
    services.schedule_create(
        centre=site,
        actor=None,
        kind="club",
        title="Клуб общения",
        weekday=3,
        starts_at=time(14),
        duration_min=180,
        place=org.address,
        capacity=30,
        starts_on=date.today() - timedelta(days=7),
    )
