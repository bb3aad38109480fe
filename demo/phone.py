"""Demo «Алло, волонтёр!»: about 30 older people, silver volunteers, four months of calls.

People, volunteers, identifications, enrolments, pauses and the alert go through the apps' services as the demo
coordinator; the past moments the services stamp «now» (decided, volunteer since, ended, raised) are moved back
by narrow updates. The months of calls are history rows written in bulk (like the benchmark generator): one
service call per call would raise alerts along the way that the story does not have."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accounts.selectors import user_by_username
from people.selectors import live_people
from people.services import beneficiary_create
from phone import schedule, services
from phone.models import Alert, Call, Enrolment, Identification, Pause, VolunteerChange
from phone.selectors import enrolments
from volunteers.models import Volunteer
from volunteers.selectors import volunteers
from volunteers.services import volunteer_save

SURNAMES = [
    "Кузнецова",
    "Попова",
    "Васильева",
    "Соколова",
    "Михайлова",
    "Новикова",
    "Фёдорова",
    "Морозова",
    "Волкова",
    "Алексеева",
    "Лебедева",
    "Семёнова",
    "Егорова",
    "Павлова",
    "Козлова",
    "Степанова",
    "Николаева",
    "Орлова",
    "Андреева",
    "Макарова",
    "Никитина",
    "Белоусова",
]
NAMES = ["Анна", "Мария", "Валентина", "Галина", "Нина", "Тамара", "Людмила", "Зинаида", "Антонина", "Раиса"]
PATRONYMICS = ["Ивановна", "Петровна", "Сергеевна", "Николаевна", "Алексеевна", "Васильевна", "Михайловна"]
PLACES = ["Заречный", "Дубровка", "Солотча", "Озёрск", "Ключи", "Лесной", "Ерахтур", "Сосновка", "Приречье", "Тума"]
SILVER = [
    ("Романова Лидия Павловна", "Заречный"),
    ("Белова Нина Андреевна", "Озёрск"),
    ("Крылова Вера Ивановна", "Сосновка"),
]
SPECIALISTS = [
    ("Специалист по социальной работе Ежова Т. В.", "КЦСОН «Заречный»"),
    ("Социальный работник Гусева Л. П.", "КЦСОН «Заречный»"),
    ("Участковый терапевт Никольская О. А.", "Районная больница"),
    ("Специалист ТРЦ Соболева И. Н.", "Территориальный ресурсный центр"),
]
REFUSALS = [
    "Хватает общения с дочерью, звонит каждый день",
    "Плохо слышит, телефоном почти не пользуется",
    "Не хочет звонков от незнакомых людей",
]
PLANS = ["В поликлинику", "Ждёт внуков", "Печь пироги", "Прогулка", "Смотреть сериал", "Огород", "Отдыхать дома"]


def load(places, rng):
    coordinator = user_by_username("coordinator")
    if enrolments(coordinator).exists():
        return
    ids_rng = random.Random(17)  # who identified whom: drawn apart from the calls' random numbers
    silver = [
        v
        for v in volunteers()
        if v.age_group == "silver" and any(s.code == "phone_companionship" for s in v.skills.all())
    ]
    skills = list(silver[0].skills.all()) if silver else []
    for name, place in SILVER:
        data = {
            "full_name": name,
            "age_group": "silver",
            "territory": places[place],
            "max_load": 8,
            "lat": places[place].lat,
            "lon": places[place].lon,
            "phone": f"+7911{rng.randint(10**6, 10**7 - 1)}",
            "training": "Школа телефонного волонтёра «Алло, волонтёр!»",
            "trained_at": date(2026, 5, 1),
        }
        silver.append(volunteer_save(volunteer=Volunteer(), data=data, skills=skills, actor=coordinator))
    today = timezone.localdate()
    start = today - timedelta(days=120)
    people = list(live_people(coordinator)[:6])
    for i in range(24):
        place = places[PLACES[i % len(PLACES)]]
        birth = date(1932 + i % 14, 1 + (i * 5) % 12, 1 + (i * 7) % 27)
        if i == 23:  # one birthday soon, so the greetings list has someone in it
            birth = (today + timedelta(days=5)).replace(year=1940)
        people.append(
            beneficiary_create(
                full_name=f"{SURNAMES[i % len(SURNAMES)]} {NAMES[i % len(NAMES)]} {PATRONYMICS[i % len(PATRONYMICS)]}",
                birth_date=birth,
                territory=place,
                lives_alone=True,
                phone=f"+7910{rng.randint(10**6, 10**7 - 1)}",
                address=f"ул. Центральная, {i + 1}",
                lat=place.lat,
                lon=place.lon,
                consent=None,  # the demo records the phone service's own consent with the enrolment
                actor=None,
            )
        )
    calls = []
    for n, person in enumerate(people):
        volunteer = silver[n % len(silver)]
        days = [[1, 4], [2, 5], [3, 6], [3, 7]][n % 4]
        started_on = start + timedelta(days=n)
        enrolment = _enrolled(
            person,
            coordinator,
            ids_rng,
            started_on - timedelta(days=ids_rng.randint(2, 20)),
            volunteer=volunteer,
            weekdays=days,
            window_start=time(10 + n % 5),
            window_end=time(11 + n % 5),
            started_on=started_on,
            language="русский",
        )
        quiet = volunteer.full_name == SILVER[2][0]
        unreachable = n == 1  # the last three scheduled calls went unanswered: an alert
        for k, day in enumerate(
            schedule.scheduled_dates(days, 1, enrolment.started_on, enrolment.started_on, today - timedelta(days=1))
        ):
            if quiet and day > today - timedelta(days=18):
                continue  # this volunteer stopped calling: flagged after 14 days
            recent = (today - day).days <= 8
            roll = rng.random()
            reached = not (unreachable and recent) and roll > 0.12
            at = timezone.make_aware(datetime.combine(day, enrolment.window_start)) + timedelta(
                minutes=rng.randint(0, 50)
            )
            calls.append(
                Call(
                    enrolment=enrolment,
                    volunteer=volunteer,
                    called_at=at,
                    reached=reached,
                    duration_s=rng.randint(180, 1200) if reached else 0,
                    wellbeing=rng.choice([3, 4, 4, 5]) if reached else None,
                    mood=rng.choice([3, 4, 5, 5]) if reached else None,
                    plans=rng.choice(PLANS) if reached else "",
                    info_given=["hotlines"] if k % 6 == 0 else [],
                    greeting_made=(day.month, day.day) == (10, 1),
                    satisfaction=rng.choice([4, 5, 5, 5, 3]) if reached and k % 8 == 3 else None,
                    thanks="Спасибо за тёплые разговоры!" if k == 5 and n % 4 == 0 else "",
                )
            )
            if not reached and not (unreachable and recent) and rng.random() < 0.7:
                calls.append(
                    Call(
                        enrolment=enrolment,
                        volunteer=volunteer,
                        reached=True,
                        duration_s=400,
                        called_at=at + timedelta(days=1),
                        wellbeing=4,
                        mood=4,
                        plans="Перезвонили назавтра",
                    )
                )
        if n == 3:
            services.pause_create(
                enrolment=enrolment,
                starts_on=today - timedelta(days=10),
                ends_on=today + timedelta(days=4),
                reason=Pause.Reason.HOSPITAL,
                note="Плановая операция",
                actor=coordinator,
            )
        if unreachable:
            alert = services.alert_create(enrolment=enrolment, actor=coordinator)  # raised yesterday:
            Alert.objects.filter(pk=alert.pk).update(raised_at=timezone.now() - timedelta(days=1))
    Call.objects.bulk_create(calls, batch_size=500)
    _identified(places, silver, rng, ids_rng, today, coordinator)


def _enrolled(person, actor, ids_rng, identified_on, **enrolment):
    """The person identified by a specialist, then enrolled on that identification (the phone consent recorded
    with it); the decision and the volunteer's start are moved back to the first day in the service."""
    who, where = _who(ids_rng)
    identification = services.identification_create(
        beneficiary=person, actor=actor, identified_by=who, institution=where, identified_on=identified_on
    )
    enrolment = services.identification_enrol(
        identification=identification, actor=actor, consent_given=True, **enrolment
    )
    first_day = timezone.make_aware(datetime.combine(enrolment.started_on, time(9)))
    Identification.objects.filter(pk=identification.pk).update(decided_at=first_day)
    VolunteerChange.objects.filter(enrolment=enrolment).update(since=first_day)
    return enrolment


def _who(rng):
    return SPECIALISTS[rng.randrange(len(SPECIALISTS))]


def _identified(places, silver, rng, ids_rng, today, actor):
    """The stage before enrolment (#17): each participant was identified a little before they started; earlier
    participants (enrolled and left) give the quarterly series several quarters; some people are identified and
    still waiting, some refused with a reason."""

    def person(i, alone=True):
        place = places[PLACES[(i + 3) % len(PLACES)]]
        return beneficiary_create(
            full_name=f"{SURNAMES[(i + 9) % len(SURNAMES)]} {NAMES[(i + 4) % len(NAMES)]} "
            f"{PATRONYMICS[(i + 3) % len(PATRONYMICS)]}",
            birth_date=date(1934 + i % 12, 1 + (i * 7) % 12, 1 + (i * 3) % 27),
            territory=place,
            lives_alone=alone,
            phone=f"+7912{rng.randint(10**6, 10**7 - 1)}",
            address=f"ул. Садовая, {i + 1}",
            lat=place.lat,
            lon=place.lon,
            consent=None,
            actor=None,
        )

    # Earlier participants: enrolled 5–15 months ago, left four months ago; a call every two weeks.
    calls, ended = [], []
    for i in range(12):
        started = today - timedelta(days=450 - 25 * i)
        volunteer = silver[i % len(silver)]
        enrolment = _enrolled(
            person(i),
            actor,
            ids_rng,
            started - timedelta(days=ids_rng.randint(3, 25)),
            volunteer=volunteer,
            weekdays=[2],
            every_weeks=2,
            window_start=time(11),
            window_end=time(12),
            started_on=started,
        )
        day, k = started, 0
        while day < today - timedelta(days=126):
            reached = rng.random() > 0.1
            calls.append(
                Call(
                    enrolment=enrolment,
                    volunteer=volunteer,
                    called_at=timezone.make_aware(datetime.combine(day, time(11, 15))),
                    reached=reached,
                    duration_s=rng.randint(240, 900) if reached else 0,
                    wellbeing=rng.choice([3, 4, 5]) if reached else None,
                    mood=rng.choice([3, 4, 5]) if reached else None,
                    satisfaction=rng.choice([5, 5, 4, 5, 3]) if reached and k % 6 == 2 else None,
                )
            )
            day, k = day + timedelta(days=14), k + 1
        reason = ["Переехала к дочери", "Попала в дом-интернат", "Сама попросила прекратить"][i % 3]
        ended.append(services.end(enrolment=enrolment, actor=actor, reason=reason))
    Call.objects.bulk_create(calls, batch_size=500)
    left = timezone.make_aware(datetime.combine(today - timedelta(days=125), time(12)))
    Enrolment.objects.filter(pk__in=[e.pk for e in ended]).update(ended_at=left)  # four months ago, not today
    # Identified, not yet enrolled: waiting for a coordinator; three refused with a reason.
    for i in range(12, 21):
        someone = person(i)
        who, where = _who(ids_rng)
        refused = i >= 18
        on = today - timedelta(days=[6, 11, 19, 27, 38, 52, 70, 160, 290][i - 12])
        item = services.identification_create(
            beneficiary=someone,
            actor=actor,
            identified_by=who,
            institution=where,
            identified_on=on,
            note="Живёт одна, дети в другом городе" if i % 3 == 0 else "",
            refused=refused,
            refusal_reason=REFUSALS[i - 18] if refused else "",
        )
        if refused:  # decided three days after being identified
            decided = timezone.make_aware(datetime.combine(on + timedelta(days=3), time(15)))
            Identification.objects.filter(pk=item.pk).update(decided_at=decided)
