"""A synthetic large region for benchmarks and developers (`manage.py generate_region --scale N`), never the demo.

Scale 1 is the large region of issue #12: 1 000 000 older people, 300 000 help requests over 3 years,
5 000 organizations, 30 000 volunteers and 10 000 000 phone calls. Everything is drawn from one
`random.Random(seed)` and dated from one anchor day, so the same seed and day give the same rows.
Rows go in with `bulk_create` in batches: the per-row services (audit, numbering, notifications) are
bypassed on purpose, while the models' invariants are kept by hand — materialized territory paths,
request numbers «ГГГГ-NNNNNN» and connection deadlines, timestamps that follow the status, a helper on
every request that has one, a volunteer-history line for every phone enrolment, a consent for every
person and a phone-service consent for every participant.
"""

import math
import random
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Role, User
from catalog.models import ServiceCategory
from directory.models import CareLevel, Organization, OrganizationService
from helprequests.models import Assignment, Channel, CloseReason, FollowUp, HelpRequest, Status, StatusChange, Urgency
from people.models import Beneficiary, Consent, Mobility, SocialContact
from phone.models import Alert, Call, Enrolment, Identification, Pause, VolunteerChange
from territories.models import Territory
from volunteers.models import Volunteer

REGION_NAME = "Синеозёрная область"
BENCH_PASSWORD = "bench-zabota-2026"
BENCH_VOLUNTEER_USERS = 30  # bench_volunteer_1 … : phone volunteers with people to call

FULL = {"people": 1_000_000, "requests": 300_000, "organizations": 5_000, "volunteers": 30_000, "calls": 10_000_000}
MINIMUM = {"people": 200, "requests": 60, "organizations": 24, "volunteers": 40, "calls": 600}
DAYS = 3 * 365  # requests and calls span three years before the anchor day

# (male surname, female surname)
SURNAMES = [
    ("Иванов", "Иванова"),
    ("Смирнов", "Смирнова"),
    ("Кузнецов", "Кузнецова"),
    ("Попов", "Попова"),
    ("Васильев", "Васильева"),
    ("Петров", "Петрова"),
    ("Соколов", "Соколова"),
    ("Михайлов", "Михайлова"),
    ("Новиков", "Новикова"),
    ("Фёдоров", "Фёдорова"),
    ("Морозов", "Морозова"),
    ("Волков", "Волкова"),
    ("Алексеев", "Алексеева"),
    ("Лебедев", "Лебедева"),
    ("Семёнов", "Семёнова"),
    ("Егоров", "Егорова"),
    ("Павлов", "Павлова"),
    ("Козлов", "Козлова"),
    ("Степанов", "Степанова"),
    ("Николаев", "Николаева"),
    ("Орлов", "Орлова"),
    ("Андреев", "Андреева"),
    ("Макаров", "Макарова"),
    ("Никитин", "Никитина"),
    ("Захаров", "Захарова"),
    ("Зайцев", "Зайцева"),
    ("Соловьёв", "Соловьёва"),
    ("Борисов", "Борисова"),
    ("Яковлев", "Яковлева"),
    ("Григорьев", "Григорьева"),
    ("Романов", "Романова"),
    ("Воробьёв", "Воробьёва"),
    ("Сергеев", "Сергеева"),
    ("Кузьмин", "Кузьмина"),
    ("Фролов", "Фролова"),
    ("Александров", "Александрова"),
    ("Дмитриев", "Дмитриева"),
    ("Королёв", "Королёва"),
    ("Гусев", "Гусева"),
    ("Киселёв", "Киселёва"),
    ("Ильин", "Ильина"),
    ("Максимов", "Максимова"),
    ("Поляков", "Полякова"),
    ("Сорокин", "Сорокина"),
    ("Виноградов", "Виноградова"),
    ("Ковалёв", "Ковалёва"),
    ("Белов", "Белова"),
    ("Медведев", "Медведева"),
    ("Антонов", "Антонова"),
    ("Тарасов", "Тарасова"),
    ("Жуков", "Жукова"),
    ("Баранов", "Баранова"),
    ("Филиппов", "Филиппова"),
    ("Комаров", "Комарова"),
    ("Давыдов", "Давыдова"),
    ("Беляев", "Беляева"),
    ("Герасимов", "Герасимова"),
    ("Богданов", "Богданова"),
    ("Осипов", "Осипова"),
    ("Сидоров", "Сидорова"),
    ("Матвеев", "Матвеева"),
    ("Титов", "Титова"),
    ("Марков", "Маркова"),
    ("Миронов", "Миронова"),
    ("Крылов", "Крылова"),
    ("Куликов", "Куликова"),
    ("Карпов", "Карпова"),
    ("Власов", "Власова"),
    ("Мельников", "Мельникова"),
    ("Денисов", "Денисова"),
]
MALE_NAMES = [
    "Александр", "Алексей", "Анатолий", "Борис", "Валентин", "Валерий", "Василий", "Виктор", "Владимир",
    "Геннадий", "Георгий", "Григорий", "Дмитрий", "Евгений", "Иван", "Леонид", "Михаил", "Николай", "Олег",
    "Павел", "Пётр", "Сергей", "Станислав", "Степан", "Юрий", "Яков",
]  # fmt: skip
FEMALE_NAMES = [
    "Александра", "Алла", "Анна", "Антонина", "Валентина", "Вера", "Галина", "Евдокия", "Екатерина", "Елена",
    "Зинаида", "Зоя", "Клавдия", "Лидия", "Любовь", "Людмила", "Мария", "Надежда", "Нина", "Ольга", "Раиса",
    "Светлана", "Тамара", "Татьяна", "Таисия", "Фаина",
]  # fmt: skip
# (father's name, son's patronymic, daughter's patronymic)
PATRONYMICS = [
    ("Иванович", "Ивановна"),
    ("Петрович", "Петровна"),
    ("Николаевич", "Николаевна"),
    ("Сергеевич", "Сергеевна"),
    ("Алексеевич", "Алексеевна"),
    ("Михайлович", "Михайловна"),
    ("Васильевич", "Васильевна"),
    ("Фёдорович", "Фёдоровна"),
    ("Григорьевич", "Григорьевна"),
    ("Степанович", "Степановна"),
    ("Андреевич", "Андреевна"),
    ("Павлович", "Павловна"),
    ("Владимирович", "Владимировна"),
    ("Дмитриевич", "Дмитриевна"),
    ("Егорович", "Егоровна"),
    ("Ильич", "Ильинична"),
    ("Яковлевич", "Яковлевна"),
    ("Борисович", "Борисовна"),
    ("Тимофеевич", "Тимофеевна"),
    ("Романович", "Романовна"),
]
STREETS = [
    "ул. Ленина", "ул. Советская", "ул. Школьная", "ул. Садовая", "ул. Центральная", "ул. Молодёжная",
    "ул. Лесная", "ул. Полевая", "ул. Набережная", "ул. Мира", "ул. Зелёная", "ул. Новая", "ул. Речная",
    "ул. Луговая", "ул. Гагарина", "ул. Кирова", "ул. Пушкина", "пер. Почтовый", "пер. Садовый", "ул. Заречная",
]  # fmt: skip
DISTRICT_ROOTS = [
    "Бел", "Берёз", "Бор", "Вышн", "Гор", "Дуб", "Ерм", "Жар", "Звенигор", "Ивань", "Камен", "Клин", "Красн",
    "Лип", "Мелен", "Нов", "Озёр", "Пол", "Рыб", "Сосн", "Стар", "Тих", "Усть", "Холм",
]  # fmt: skip
SETTLEMENT_ROOTS = [
    "Берёз", "Бор", "Вишн", "Воскресен", "Гор", "Дубр", "Ельн", "Журавл", "Заруд", "Ивань", "Калин", "Клён",
    "Ключ", "Красн", "Кузьмин", "Липн", "Луг", "Малин", "Никольск", "Ольх", "Петр", "Покров", "Рощ", "Рябин",
    "Семён", "Сосн", "Спас", "Троиц", "Успен", "Фёдор", "Хвощ", "Черёмух", "Яблон", "Ясен", "Осин", "Медвед",
]  # fmt: skip
SETTLEMENT_ENDINGS = ["овка", "ово", "ное", "ки", "ино", "евка", "ищи", "ец", "цы", "ья Поляна", "ский Погост"]
ORG_TEMPLATES = {
    Organization.Kind.NGO: ("АНО «Забота {place}»", CareLevel.COMMUNITY),
    Organization.Kind.TOS: ("ТОС «{place}-{n}»", CareLevel.NEIGHBOURS),
    Organization.Kind.INITIATIVE: ("Инициативная группа «Соседи: {place}»", CareLevel.NEIGHBOURS),
    Organization.Kind.TRC: ("Ресурсный центр «{place}»", CareLevel.COMMUNITY),
    Organization.Kind.AUTHORITY: ("Управление соцзащиты: {place}", CareLevel.STATE),
    Organization.Kind.STATE: ("КЦСОН: {place}", CareLevel.BUDGET),
    Organization.Kind.BUSINESS: ("Магазин «Домашний» ({place})", CareLevel.BUSINESS),
    Organization.Kind.DOBRO: ("Добро.Центр: {place}", CareLevel.COMMUNITY),
    Organization.Kind.SOCIAL_SITE: ("Клуб активного долголетия: {place}", CareLevel.COMMUNITY),
    Organization.Kind.EDUCATION: ("Колледж социальных технологий: {place}", CareLevel.COMMUNITY),
    Organization.Kind.ENTREPRENEUR: ("ИП, бригада «Тёплый дом» ({place})", CareLevel.BUSINESS),
}

# The region's outline: an ellipse around the centre (lat, lon, half-heights in degrees).
CENTRE = (55.0, 40.0)
RADII = (1.6, 2.8)
DISTRICTS = 24


def sizes(scale):
    return {key: max(MINIMUM[key], round(full * scale)) for key, full in FULL.items()}


class Generator:
    def __init__(self, *, scale, seed=1, today=None, batch=5000, out=None):
        self.scale, self.seed, self.batch = scale, seed, batch
        self.rng = random.Random(seed)
        self.n = sizes(scale)
        self.today = today or timezone.localdate()
        self.anchor = timezone.make_aware(datetime.combine(self.today, time(12)))
        self.out = out or (lambda text: None)
        self.codes = dict(ServiceCategory.objects.filter(parent__isnull=False).values_list("code", "id"))
        self.code_list = sorted(self.codes)

    def run(self):
        with transaction.atomic():
            self.territories()
            self.organizations()
            self.volunteers()
            self.users()
            self.people()
            self.requests()
            self.phone()
        return self.n

    # --- helpers -------------------------------------------------------------------------------------------

    def _bulk(self, model, objs):
        model.objects.bulk_create(objs, batch_size=self.batch)
        return objs

    def _fast(self, model, fields, rows):
        """Insert plain tuples (in the order of `fields`; other columns take the field default) without building
        model instances: COPY on PostgreSQL, executemany elsewhere. For the ten-million-row tables."""
        meta = model._meta
        given = [meta.get_field(name) for name in fields]
        rest = [f for f in meta.concrete_fields if not f.primary_key and f.name not in fields]
        defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in rest)
        columns = [f.column for f in given + rest]
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        table = connection.ops.quote_name(meta.db_table)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row + defaults)
                return
            stamps = [i for i, f in enumerate(given) if f.get_internal_type() == "DateTimeField"]
            adapt = connection.ops.adapt_datetimefield_value
            marks = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({quoted}) VALUES ({marks})"
            batch = []
            for row in rows:
                row = list(row)
                for i in stamps:
                    row[i] = adapt(row[i])
                batch.append(tuple(row) + defaults)
                if len(batch) >= self.batch:
                    cursor.executemany(sql, batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)

    def _phone(self, mobile=True):
        rng = self.rng
        if mobile:
            return f"+79{rng.randint(10, 99)}{rng.randint(0, 9_999_999):07d}"
        return f"+749{rng.randint(10, 39)}{rng.randint(0, 999_999):06d}"

    def _name(self, female):
        rng = self.rng
        surname = rng.choice(SURNAMES)[1 if female else 0]
        first = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
        patronymic = rng.choice(PATRONYMICS)[1 if female else 0]
        return f"{surname} {first} {patronymic}"

    def _at(self, days_ago, hour_from=8, hour_to=20):
        """A moment `days_ago` days before the anchor, in working hours."""
        minutes = self.rng.randint(hour_from * 60, hour_to * 60 - 1)
        day = self.today - timedelta(days=days_ago)
        return timezone.make_aware(datetime.combine(day, time(minutes // 60, minutes % 60)))

    def _settlement(self):
        return self.settlements[self.rng.choices(range(len(self.settlements)), cum_weights=self.cum_weights)[0]]

    # --- territories ---------------------------------------------------------------------------------------

    def territories(self):
        rng = self.rng
        if Territory.objects.filter(name=REGION_NAME, parent__isnull=True).exists():
            raise ValueError(f"Регион «{REGION_NAME}» уже создан: генерируйте в пустую базу.")
        region = Territory(name=REGION_NAME, kind=Territory.Kind.REGION, oktmo="65000000", lat=CENTRE[0], lon=CENTRE[1])
        self._bulk(Territory, [region])
        region.path, region.depth = f"/{region.pk}/", 0
        Territory.objects.filter(pk=region.pk).update(path=region.path, depth=0)
        districts = []
        for i in range(DISTRICTS):
            angle = 2 * math.pi * i / DISTRICTS
            ring = 0.35 if i % 3 == 0 else 0.7
            lat = CENTRE[0] + RADII[0] * ring * math.sin(angle)
            lon = CENTRE[1] + RADII[1] * ring * math.cos(angle)
            root = DISTRICT_ROOTS[i % len(DISTRICT_ROOTS)]
            name = f"Городской округ {root}ск" if i % 8 == 0 else f"{root}ский район"
            districts.append(
                Territory(
                    name=name,
                    kind=Territory.Kind.DISTRICT,
                    parent=region,
                    oktmo=f"65{600 + i * 5:03d}000",
                    lat=round(lat, 4),
                    lon=round(lon, 4),
                )
            )
        self._set_paths(self._bulk(Territory, districts), region)
        per_district = max(6, round(3000 * self.scale / DISTRICTS)) if self.scale < 1 else 125
        settlements, weights = [], []
        for d in districts:
            used = set()
            for j in range(per_district):
                while True:
                    name = rng.choice(SETTLEMENT_ROOTS) + rng.choice(SETTLEMENT_ENDINGS)
                    if j == 0:
                        name = d.name.replace("Городской округ ", "").replace("ский район", "ск")
                    if name not in used:
                        used.add(name)
                        break
                spread = 0.05 if j == 0 else 0.35
                settlements.append(
                    Territory(
                        name=name,
                        kind=Territory.Kind.SETTLEMENT,
                        parent=d,
                        lat=round(d.lat + rng.uniform(-spread, spread), 4),
                        lon=round(d.lon + rng.uniform(-spread, spread) * 1.7, 4),
                    )
                )
                # The district's centre holds a fifth of its people; villages follow a long tail.
                weights.append(per_district / 4 if j == 0 else 1 / (1 + j % 7) + rng.random())
        by_parent = {}
        for s in settlements:
            by_parent.setdefault(s.parent_id, []).append(s)
        self._bulk(Territory, settlements)
        for d in districts:
            self._set_paths(by_parent[d.pk], d)
        self.region, self.districts, self.settlements = region, districts, settlements
        total, self.cum_weights = 0.0, []
        for w in weights:
            total += w
            self.cum_weights.append(total)
        self.out(f"территории: 1 регион, {len(districts)} районов, {len(settlements)} населённых пунктов")

    def _set_paths(self, children, parent):
        for t in children:
            t.path, t.depth = f"{parent.path}{t.pk}/", parent.depth + 1
        Territory.objects.bulk_update(children, ["path", "depth"], batch_size=self.batch)

    # --- organizations and volunteers ----------------------------------------------------------------------

    def organizations(self):
        rng, now = self.rng, self.anchor
        kinds = list(ORG_TEMPLATES)
        orgs, served, names = [], [], set()
        for i in range(self.n["organizations"]):
            kind = kinds[i % len(kinds)]
            place = self._settlement()
            template, level = ORG_TEMPLATES[kind]
            name = template.format(place=place.name, n=i + 1)
            if name in names:
                name = f"{name} №{i + 1}"
            names.add(name)
            # Most listings are fresh; some are due, some hidden, some never confirmed or checked.
            state = i % 20
            confirmed = (
                None
                if state == 19
                else now - timedelta(days=200 if state == 18 else 240 if state == 17 else rng.randint(1, 170))
            )
            orgs.append(
                Organization(
                    name=name,
                    kind=kind,
                    care_level=level,
                    territory=place,
                    address=f"{rng.choice(STREETS)}, {rng.randint(1, 60)}",
                    lat=round(place.lat + rng.uniform(-0.01, 0.01), 5),
                    lon=round(place.lon + rng.uniform(-0.01, 0.01), 5),
                    phone=self._phone(mobile=rng.random() < 0.4),
                    opening_hours=rng.choice(["пн–пт 9:00–18:00", "ежедневно 8:00–20:00", "по договорённости"]),
                    capacity=rng.randint(5, 50),
                    min_age=60 if kind == Organization.Kind.STATE else None,
                    is_public=state != 16,
                    verified_at=None if state == 15 else now - timedelta(days=rng.randint(200, 900)),
                    last_confirmed_at=confirmed,
                    created_at=now - timedelta(days=rng.randint(200, 1200)),
                    description="Помощь пожилым людям рядом с домом.",
                )
            )
            served.append(place)
        self._bulk(Organization, orgs)
        districts = {d.pk: d for d in self.districts}
        through, services = Organization.served_territories.through, []
        links = []
        for i, (org, place) in enumerate(zip(orgs, served, strict=True)):
            if i % 50 == 0:
                targets = [self.region]
            elif i % 3 == 0:
                targets = [place]
            else:
                targets = [districts[place.parent_id]]
            links += [through(organization_id=org.pk, territory_id=t.pk) for t in targets]
            for code in rng.sample(self.code_list, rng.randint(2, 5)):
                services.append(
                    OrganizationService(
                        organization_id=org.pk, category_id=self.codes[code], is_free=org.kind != "business"
                    )
                )
        self._bulk(through, links)
        self._bulk(OrganizationService, services)
        self.orgs = orgs
        self.out(f"организации: {len(orgs)}, услуг {len(services)}")

    def volunteers(self):
        rng, now = self.rng, self.anchor
        groups = list(Volunteer.AgeGroup)
        phone_code = self.codes["phone_companionship"]
        vols, skills = [], []
        for i in range(self.n["volunteers"]):
            place = self._settlement()
            group = groups[i % 3]
            status = (
                Volunteer.Status.CANDIDATE if i % 40 == 1 else Volunteer.Status.REJECTED if i % 97 == 2 else "active"
            )
            vols.append(
                Volunteer(
                    full_name=self._name(female=rng.random() < 0.7),
                    phone=self._phone(),
                    age_group=group,
                    is_permanent=rng.random() < 0.7,
                    territory=place,
                    lat=round(place.lat + rng.uniform(-0.01, 0.01), 5),
                    lon=round(place.lon + rng.uniform(-0.01, 0.01), 5),
                    area_radius_km=rng.choice([3, 5, 10, 20]),
                    weekdays=sorted(rng.sample(range(1, 8), rng.randint(2, 5))),
                    organization=self.orgs[rng.randrange(len(self.orgs))] if rng.random() < 0.6 else None,
                    max_load=rng.randint(1, 8),
                    is_active=rng.random() < 0.95,
                    status=status,
                    source="public_form" if status == Volunteer.Status.CANDIDATE else "staff",
                    created_at=now - timedelta(days=rng.randint(1, 1200)),
                    training="Школа волонтёра" if rng.random() < 0.5 else "",
                )
            )
        self._bulk(Volunteer, vols)
        through = Volunteer.skills.through
        self.phone_volunteers = []
        for i, v in enumerate(vols):
            codes = set(rng.sample(self.code_list, rng.randint(1, 4)))
            if i % 5 == 0 and v.status == "active" and v.is_active:  # a fifth call people on the phone
                codes.add("phone_companionship")
                self.phone_volunteers.append(v)
            skills += [through(volunteer_id=v.pk, servicecategory_id=self.codes[c]) for c in sorted(codes)]
        assert phone_code
        self._bulk(through, skills)
        self.vols = [v for v in vols if v.status == "active" and v.is_active]
        self.out(f"волонтёры: {len(vols)}, из них телефонных {len(self.phone_volunteers)}")

    def users(self):
        """Bench logins with one known password; volunteers' logins are phone volunteers with people to call."""
        hashed = make_password(BENCH_PASSWORD)
        staff = [
            ("bench_coordinator", Role.COORDINATOR, self.region, None),
            ("bench_operator", Role.OPERATOR, self.region, None),
            ("bench_analyst", Role.ANALYST, self.region, None),
            ("bench_org_staff", Role.ORG_STAFF, None, self.orgs[0]),
        ]
        users = [
            User(username=u, role=r, territory=t, organization=o, password=hashed, first_name="Бенч", last_name=u[6:])
            for u, r, t, o in staff
        ]
        for k in range(1, min(BENCH_VOLUNTEER_USERS, len(self.phone_volunteers)) + 1):
            users.append(User(username=f"bench_volunteer_{k}", role=Role.VOLUNTEER, password=hashed))
        self._bulk(User, users)
        for v, user in zip(self.phone_volunteers, users[len(staff) :], strict=False):
            v.user_id = user.pk
        Volunteer.objects.bulk_update(self.phone_volunteers[:BENCH_VOLUNTEER_USERS], ["user"])
        self.user_count = len(users)

    # --- people --------------------------------------------------------------------------------------------

    def people(self):
        rng, now = self.rng, self.anchor
        total = self.n["people"]
        self.persons = []  # (pk, territory_id)
        chunk = 20_000
        for start in range(0, total, chunk):
            batch = []
            for _ in range(min(chunk, total - start)):
                place = self._settlement()
                female = rng.random() < 0.66
                age_days = rng.randint(60 * 365, 98 * 365)
                phone = self._phone(mobile=rng.random() < 0.7) if rng.random() < 0.9 else ""
                batch.append(
                    Beneficiary(
                        full_name=self._name(female),
                        birth_date=self.today - timedelta(days=age_days),
                        phone=phone,
                        territory=place,
                        mobility=rng.choice(list(Mobility.values) + [""]),
                        address=f"{rng.choice(STREETS)}, {rng.randint(1, 120)}"
                        + (f", кв. {rng.randint(1, 80)}" if rng.random() < 0.4 else ""),
                        lat=round(place.lat + rng.uniform(-0.02, 0.02), 5),
                        lon=round(place.lon + rng.uniform(-0.03, 0.03), 5),
                        lives_alone=rng.choice([True, True, False, None]),
                        unconfirmed=rng.random() < 0.02,
                        created_at=now - timedelta(days=rng.randint(1, DAYS + 200)),
                    )
                )
            self._bulk(Beneficiary, batch)
            consents, contacts = [], []
            for b in batch:
                consents.append(
                    Consent(beneficiary_id=b.pk, purpose=Consent.Purpose.PERSONAL_DATA, given_at=b.created_at)
                )
                if rng.random() < 0.05:  # some agreed to publication, a few withdrew it later
                    withdrawn = b.created_at + timedelta(days=30) if rng.random() < 0.2 else None
                    consents.append(
                        Consent(
                            beneficiary_id=b.pk,
                            purpose=Consent.Purpose.PUBLICATION,
                            given_at=b.created_at,
                            withdrawn_at=withdrawn,
                        )
                    )
                if rng.random() < 0.2:
                    female = rng.random() < 0.5
                    contacts.append(
                        SocialContact(
                            beneficiary_id=b.pk,
                            relation=rng.choice(list(SocialContact.Relation.values)),
                            name=self._name(female),
                            phone=self._phone(),
                        )
                    )
                self.persons.append((b.pk, b.territory_id))
            self._bulk(Consent, consents)
            self._bulk(SocialContact, contacts)
        self.out(f"подопечные: {total}")

    # --- help requests -------------------------------------------------------------------------------------

    def requests(self):
        rng = self.rng
        total = self.n["requests"]
        statuses = list(Status)
        hours = settings.CONNECT_LIMIT_HOURS
        numbers = {}
        rows = []
        for i in range(total):
            # The first requests cover every status; then three years of history, most of it closed.
            if i < len(statuses) * 2:
                days_ago, status = rng.randint(0, 20), statuses[i % len(statuses)]
            else:
                days_ago = min(DAYS - 1, int(rng.expovariate(1 / 300)))
                if days_ago > 60:
                    status = Status.CLOSED if rng.random() < 0.97 else Status.IN_PROGRESS
                else:
                    status = rng.choices(statuses, weights=[6, 3, 4, 3, 2, 4, 8, 20])[0]
            rows.append((self._at(days_ago), status, rng.random()))
        rows.sort(key=lambda r: r[0])
        objs, helpers = [], []
        for received, status, roll in rows:
            year = timezone.localtime(received).year
            numbers[year] = numbers.get(year, 0) + 1
            person = self.persons[rng.randrange(len(self.persons))]
            req = HelpRequest(
                number=f"{year}-{numbers[year]:06d}",
                beneficiary_id=person[0],
                territory_id=person[1],
                channel=rng.choice(list(Channel.values)),
                urgency=rng.choice(list(Urgency.values)),
                description=rng.choice(["", "Просит помочь, живёт одна.", "Сосед сообщил, что нужна помощь."]),
                status=status,
                received_at=received,
                connect_due_at=received + timedelta(hours=hours),
            )
            helper = None
            reached = statuses.index(status)
            assigned = status in (Status.ASSIGNED, Status.ACCEPTED, Status.CONNECTED, Status.IN_PROGRESS) or (
                status == Status.CLOSED and roll < 0.85
            )
            if assigned:
                if rng.random() < 0.5:
                    helper = ("org", self.orgs[rng.randrange(len(self.orgs))].pk)
                    req.helper_organization_id = helper[1]
                else:
                    helper = ("vol", self.vols[rng.randrange(len(self.vols))].pk)
                    req.helper_volunteer_id = helper[1]
                req.assigned_at = received + timedelta(hours=rng.randint(1, 30))
                if reached >= statuses.index(Status.ACCEPTED) and status != Status.DECLINED:
                    req.accepted_at = req.assigned_at + timedelta(hours=rng.randint(1, 20))
                if status in (Status.CONNECTED, Status.IN_PROGRESS, Status.CLOSED):
                    req.connected_at = (req.accepted_at or req.assigned_at) + timedelta(hours=rng.randint(1, 40))
            if status == Status.CLOSED:
                last = req.connected_at or req.assigned_at or received
                req.closed_at = last + timedelta(days=rng.randint(1, 20))
                req.close_reason = CloseReason.SATISFIED if req.connected_at else rng.choice(list(CloseReason.values))
                if req.close_reason == CloseReason.HANDED_OVER:
                    req.close_institution = "КЦСОН"
            objs.append(req)
            helpers.append(helper)
        self._bulk(HelpRequest, objs)
        through = HelpRequest.needs.through
        needs, history, assignments, followups = [], [], [], []
        for req, helper in zip(objs, helpers, strict=True):
            for code in rng.sample(self.code_list, rng.choice([1, 1, 1, 2])):
                needs.append(through(helprequest_id=req.pk, servicecategory_id=self.codes[code]))
            history.append(StatusChange(request_id=req.pk, status=Status.NEW, at=req.received_at, note="Горячая линия"))
            if req.status == Status.TRIAGE:
                history.append(StatusChange(request_id=req.pk, status=Status.TRIAGE, at=req.received_at))
            if req.status == Status.DECLINED:
                at = req.received_at + timedelta(hours=2)
                vol = self.vols[rng.randrange(len(self.vols))].pk
                assignments.append(
                    Assignment(
                        request_id=req.pk,
                        volunteer_id=vol,
                        assigned_at=at,
                        outcome="declined",
                        responded_at=at + timedelta(hours=3),
                        decline_reason="Не могу в эти дни",
                    )
                )
                history.append(StatusChange(request_id=req.pk, status=Status.DECLINED, at=at + timedelta(hours=3)))
            if helper:
                outcome = "pending" if req.status == Status.ASSIGNED else "accepted"
                assignments.append(
                    Assignment(
                        request_id=req.pk,
                        organization_id=helper[1] if helper[0] == "org" else None,
                        volunteer_id=helper[1] if helper[0] == "vol" else None,
                        assigned_at=req.assigned_at,
                        outcome=outcome,
                        responded_at=req.accepted_at,
                    )
                )
                for status, at in [
                    (Status.ASSIGNED, req.assigned_at),
                    (Status.ACCEPTED, req.accepted_at),
                    (Status.CONNECTED, req.connected_at),
                ]:
                    if at:
                        history.append(StatusChange(request_id=req.pk, status=status, at=at))
            if req.status == Status.IN_PROGRESS:
                history.append(
                    StatusChange(request_id=req.pk, status=Status.IN_PROGRESS, at=req.connected_at + timedelta(hours=2))
                )
            if req.closed_at:
                history.append(StatusChange(request_id=req.pk, status=Status.CLOSED, at=req.closed_at))
            if req.connected_at and req.connected_at > self.anchor - timedelta(days=60):
                for kind, days in (("14d", 14), ("30d", 30)):
                    due = req.connected_at + timedelta(days=days)
                    done = due < self.anchor and rng.random() < 0.8
                    followups.append(
                        FollowUp(
                            request_id=req.pk,
                            kind=kind,
                            due_at=due,
                            done_at=due if done else None,
                            help_came=True if done else None,
                            satisfaction=rng.randint(3, 5) if done else None,
                        )
                    )
        self._bulk(through, needs)
        self._bulk(StatusChange, history)
        self._bulk(Assignment, assignments)
        self._bulk(FollowUp, followups)
        self.out(f"обращения: {len(objs)}, история {len(history)}, направления {len(assignments)}")

    # --- «Алло, волонтёр!» ---------------------------------------------------------------------------------

    def phone(self):
        rng = self.rng
        n_enrol = max(20, round(self.n["people"] * 0.03))
        vols = self.phone_volunteers
        chosen = rng.sample(range(len(self.persons)), min(n_enrol, len(self.persons)))
        enrolments, spans = [], []
        for k, idx in enumerate(chosen):
            pk = self.persons[idx][0]
            started = self.today - timedelta(days=rng.randint(7, DAYS))
            ended = None
            if k % 10 == 9:  # one in ten left the service
                ended = self._at(rng.randint(0, (self.today - started).days - 1))
            # Bench volunteers get their people first, so each has someone to call today.
            volunteer = vols[k % len(vols)]
            start_hour = rng.randint(9, 17)
            enrolments.append(
                Enrolment(
                    beneficiary_id=pk,
                    volunteer_id=volunteer.pk,
                    weekdays=sorted(rng.sample(range(1, 8), 2)),
                    every_weeks=1 if rng.random() < 0.9 else 2,
                    window_start=time(start_hour),
                    window_end=time(start_hour + 1),
                    started_on=started,
                    ended_at=ended,
                    end_reason="Переезд к родственникам" if ended else "",
                )
            )
        self._bulk(Enrolment, enrolments)
        consents, changes, idents, alerts, pauses = [], [], [], [], []
        for k, e in enumerate(enrolments):
            since = timezone.make_aware(datetime.combine(e.started_on, time(9)))
            consents.append(
                Consent(beneficiary_id=e.beneficiary_id, purpose=Consent.Purpose.PHONE_SERVICE, given_at=since)
            )
            changes.append(
                VolunteerChange(
                    enrolment_id=e.pk, volunteer_id=e.volunteer_id, since=since, reason="Включение в службу"
                )
            )
            if k % 4 == 0:
                idents.append(
                    Identification(
                        beneficiary_id=e.beneficiary_id,
                        identified_on=e.started_on - timedelta(days=rng.randint(1, 20)),
                        identified_by="Специалист КЦСОН",
                        institution="КЦСОН",
                        status=Identification.Status.ENROLLED,
                        decided_at=since,
                        enrolment_id=e.pk,
                    )
                )
            if e.ended_at is None and k % 100 == 3:
                alerts.append(Alert(enrolment_id=e.pk, raised_at=self.anchor - timedelta(days=rng.randint(0, 5))))
            if e.ended_at is None and k % 60 == 7:
                pauses.append(
                    Pause(
                        enrolment_id=e.pk,
                        starts_on=self.today - timedelta(days=3),
                        ends_on=self.today + timedelta(days=10),
                        reason=Pause.Reason.HOSPITAL,
                    )
                )
            end = timezone.localdate(e.ended_at) if e.ended_at else self.today
            spans.append((e, max(1, (end - e.started_on).days)))
        # People identified as needing phone help who are not (yet) in the service: open and refused.
        enrolled = {e.beneficiary_id for e in enrolments}
        others = [p[0] for p in self.persons if p[0] not in enrolled][: max(10, n_enrol // 10)]
        for k, pk in enumerate(others):
            refused = k % 3 == 0
            idents.append(
                Identification(
                    beneficiary_id=pk,
                    identified_on=self.today - timedelta(days=rng.randint(0, 90)),
                    identified_by="Участковый терапевт",
                    institution="Районная больница",
                    status=Identification.Status.REFUSED if refused else Identification.Status.IDENTIFIED,
                    decided_at=self.anchor if refused else None,
                    refusal_reason="Не хочет звонков" if refused else "",
                )
            )
        self._bulk(Consent, consents)
        self._bulk(VolunteerChange, changes)
        self._bulk(Identification, idents)
        self._bulk(Alert, alerts)
        self._bulk(Pause, pauses)
        self._calls(spans)
        self.out(f"телефонная служба: участников {len(enrolments)}, звонков {self.n['calls']}")

    def _calls(self, spans):
        self._fast(
            Call,
            ["enrolment", "volunteer", "called_at", "reached", "duration_s", "wellbeing", "mood", "satisfaction"],
            self._call_rows(spans),
        )

    def _call_rows(self, spans):
        rng = self.rng
        total_days = sum(d for _, d in spans)
        remaining = self.n["calls"]
        for k, (e, days) in enumerate(spans):
            count = remaining if k == len(spans) - 1 else min(remaining, round(self.n["calls"] * days / total_days))
            remaining -= count
            step = days / max(count, 1)
            hour = e.window_start.hour
            for j in range(count):
                day = e.started_on + timedelta(days=int(j * step))
                called = timezone.make_aware(datetime.combine(day, time(hour, rng.randint(0, 59))))
                if rng.random() < 0.85:
                    satisfaction = rng.randint(4, 5) if j % 30 == 0 else None
                    yield (
                        e.pk,
                        e.volunteer_id,
                        called,
                        True,
                        rng.randint(3, 25) * 60,
                        rng.randint(2, 5),
                        rng.randint(2, 5),
                        satisfaction,
                    )
                else:
                    yield (e.pk, e.volunteer_id, called, False, 0, None, None, None)


def anchor_date(text):
    return date.fromisoformat(text) if text else None
