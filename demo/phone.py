"""Demo «Алло, волонтёр!»: about 30 older people, silver volunteers, four months of calls."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from people.models import Beneficiary, Consent
from people.services import beneficiary_create
from phone import schedule
from phone.models import Alert, Call, Enrolment, Identification, Pause, VolunteerChange
from volunteers.models import Volunteer

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
    if Enrolment.objects.exists():
        return
    silver = list(Volunteer.objects.filter(age_group="silver", skills__code="phone_companionship"))
    for name, place in SILVER:
        v = Volunteer.objects.create(
            full_name=name,
            age_group="silver",
            territory=places[place],
            max_load=8,
            lat=places[place].lat,
            lon=places[place].lon,
            phone=f"+7911{rng.randint(10**6, 10**7 - 1)}",
            training="Школа телефонного волонтёра «Алло, волонтёр!»",
            trained_at=date(2026, 5, 1),
        )
        v.skills.set(silver[0].skills.all() if silver else [])
        silver.append(v)
    today = timezone.localdate()
    start = today - timedelta(days=120)
    people = list(Beneficiary.objects.filter(merged_into=None)[:6])
    for i in range(24):
        place = places[PLACES[i % len(PLACES)]]
        people.append(
            beneficiary_create(
                full_name=f"{SURNAMES[i % len(SURNAMES)]} {NAMES[i % len(NAMES)]} {PATRONYMICS[i % len(PATRONYMICS)]}",
                birth_date=date(1932 + i % 14, 1 + (i * 5) % 12, 1 + (i * 7) % 27),
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
    # One birthday soon, so the greetings list has someone in it.
    people[-1].birth_date = (today + timedelta(days=5)).replace(year=1940)
    people[-1].save()
    calls = []
    for n, person in enumerate(people):
        Consent.objects.get_or_create(beneficiary=person, purpose=Consent.Purpose.PHONE_SERVICE)
        volunteer = silver[n % len(silver)]
        days = [[1, 4], [2, 5], [3, 6], [3, 7]][n % 4]
        enrolment = Enrolment.objects.create(
            beneficiary=person,
            volunteer=volunteer,
            weekdays=days,
            window_start=time(10 + n % 5),
            window_end=time(11 + n % 5),
            started_on=start + timedelta(days=n),
            language="русский",
        )
        VolunteerChange.objects.create(
            enrolment=enrolment,
            volunteer=volunteer,
            reason="Включение в службу",
            since=timezone.make_aware(datetime.combine(enrolment.started_on, time(9))),
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
            Pause.objects.create(
                enrolment=enrolment,
                starts_on=today - timedelta(days=10),
                ends_on=today + timedelta(days=4),
                reason=Pause.Reason.HOSPITAL,
                note="Плановая операция",
            )
        if unreachable:
            Alert.objects.create(enrolment=enrolment, raised_at=timezone.now() - timedelta(days=1))
    Call.objects.bulk_create(calls, batch_size=500)
    _identified(places, silver, rng, today)


def _who(rng):
    return SPECIALISTS[rng.randrange(len(SPECIALISTS))]


def _identified(places, silver, rng, today):
    """The stage before enrolment (#17): each participant was identified a little before they started; earlier
    participants (enrolled and left) give the quarterly series several quarters; some people are identified and
    still waiting, some refused with a reason."""
    found = []
    for e in Enrolment.objects.filter(identification__isnull=True).select_related("beneficiary"):
        who, where = _who(rng)
        found.append(
            Identification(
                beneficiary=e.beneficiary,
                identified_on=e.started_on - timedelta(days=rng.randint(2, 20)),
                identified_by=who,
                institution=where,
                status=Identification.Status.ENROLLED,
                enrolment=e,
                decided_at=timezone.make_aware(datetime.combine(e.started_on, time(9))),
            )
        )

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
    calls = []
    for i in range(12):
        someone = person(i)
        Consent.objects.get_or_create(beneficiary=someone, purpose=Consent.Purpose.PHONE_SERVICE)
        started = today - timedelta(days=450 - 25 * i)
        volunteer = silver[i % len(silver)]
        enrolment = Enrolment.objects.create(
            beneficiary=someone,
            volunteer=volunteer,
            weekdays=[2],
            every_weeks=2,
            window_start=time(11),
            window_end=time(12),
            started_on=started,
            ended_at=timezone.make_aware(datetime.combine(today - timedelta(days=125), time(12))),
            end_reason=["Переехала к дочери", "Попала в дом-интернат", "Сама попросила прекратить"][i % 3],
        )
        who, where = _who(rng)
        found.append(
            Identification(
                beneficiary=someone,
                identified_on=started - timedelta(days=rng.randint(3, 25)),
                identified_by=who,
                institution=where,
                status=Identification.Status.ENROLLED,
                enrolment=enrolment,
                decided_at=timezone.make_aware(datetime.combine(started, time(9))),
            )
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
    Call.objects.bulk_create(calls, batch_size=500)
    # Identified, not yet enrolled: waiting for a coordinator; three refused with a reason.
    for i in range(12, 21):
        someone = person(i)
        who, where = _who(rng)
        refused = i >= 18
        on = today - timedelta(days=[6, 11, 19, 27, 38, 52, 70, 160, 290][i - 12])
        found.append(
            Identification(
                beneficiary=someone,
                identified_on=on,
                identified_by=who,
                institution=where,
                note="Живёт одна, дети в другом городе" if i % 3 == 0 else "",
                status=Identification.Status.REFUSED if refused else Identification.Status.IDENTIFIED,
                refusal_reason=REFUSALS[i - 18] if refused else "",
                decided_at=timezone.make_aware(datetime.combine(on + timedelta(days=3), time(15))) if refused else None,
            )
        )
    Identification.objects.bulk_create(found)
