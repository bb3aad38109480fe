"""Demo «Алло, волонтёр!»: about 30 older people, silver volunteers, four months of calls."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from people.models import Beneficiary, Consent
from phone import schedule
from phone.models import Alert, Call, Enrolment, Pause, VolunteerChange
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
            Beneficiary.objects.create(
                full_name=f"{SURNAMES[i % len(SURNAMES)]} {NAMES[i % len(NAMES)]} {PATRONYMICS[i % len(PATRONYMICS)]}",
                birth_date=date(1932 + i % 14, 1 + (i * 5) % 12, 1 + (i * 7) % 27),
                territory=place,
                lives_alone=True,
                phone=f"+7910{rng.randint(10**6, 10**7 - 1)}",
                address=f"ул. Центральная, {i + 1}",
                lat=place.lat,
                lon=place.lon,
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
