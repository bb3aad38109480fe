import random
from datetime import date, time, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import Role
from accounts.selectors import user_by_username
from catalog.selectors import catalog_all
from communities.selectors import leaders
from communities.services import leader_save
from core.geo import circle_polygon
from core.phones import normalize_phone
from demo import assessments as demo_assessments
from demo import centres as demo_centres
from demo import communities as demo_communities
from demo import guardianship as demo_guardianship
from demo import outreach as demo_outreach
from demo import phone as demo_phone
from demo import privacy as demo_privacy
from demo import region
from demo import requests as demo_requests
from demo import service_area as demo_service_area
from demo import stats as demo_stats
from demo import ties as demo_ties
from demo import two_factor as demo_two_factor
from demo import withdrawal as demo_withdrawal
from directory.models import Organization
from directory.selectors import organizations
from directory.services import organization_save
from helprequests.queues import all_requests
from people.models import Consent
from people.selectors import live_people, people_matching
from people.services import beneficiary_create
from territories.models import Territory
from territories.selectors import territories_all
from territories.services import territory_create
from users.services import user_create
from volunteers.models import Volunteer
from volunteers.selectors import volunteers
from volunteers.services import volunteer_save

DEMO_PASSWORD = "zabota-demo-2026"

# (username, role, first name, last name, territory, organization)
USERS = [
    ("coordinator", Role.COORDINATOR, "Ольга", "Смирнова", "Заречная область", None),
    ("coordinator_ozersk", Role.COORDINATOR, "Пётр", "Гусев", "Озёрский район", None),
    ("operator", Role.OPERATOR, "Наталья", "Иванова", "Заречная область", None),
    ("org_staff", Role.ORG_STAFF, "Игорь", "Кузнецов", None, "АНО «Серебряный возраст»"),
    ("volunteer", Role.VOLUNTEER, "Галина", "Петрова", None, "Добро.Центр Заречного"),
    ("analyst", Role.ANALYST, "Денис", "Орлов", "Заречная область", None),
    ("admin", Role.ADMIN, "Анна", "Волкова", "Заречная область", None),
]

BENEFICIARIES = [
    ("Захарова Мария Ивановна", "1941-03-12", "8 (4912) 55-12-34", "Заречный", "ул. Садовая, 14, кв. 3", True),
    ("Соколов Николай Петрович", "1938-11-02", "+7 910 123-45-67", "Дубровка", "ул. Полевая, 2", True),
    ("Лебедева Антонина Сергеевна", "1945-07-21", "89101234568", "Озёрск", "ул. Школьная, 9", False),
    ("Новикова Валентина Фёдоровна", "1936-01-30", "+7 (910) 555-00-11", "Ключи", "д. 17", True),
    ("Морозов Виктор Алексеевич", "1950-05-05", "8 910 777 88 99", "Лесной", "ул. Лесная, 21", False),
    ("Павлова Зинаида Михайловна", "1939-09-09", "", "Ерахтур", "ул. Речная, 4", True),
    ("Волков Геннадий Степанович", "1943-12-24", "+79105553344", "Сосновка", "ул. Мира, 30", True),
    ("Фёдорова Людмила Андреевна", "1947-02-14", "8-910-222-33-44", "Приречье", "ул. Набережная, 1", False),
]


class Command(BaseCommand):
    help = "Загружает демонстрационную Заречную область; повторный запуск ничего не дублирует."

    @transaction.atomic
    def handle(self, **opts):
        rng = random.Random(2026)
        admin = self._admin()  # the demo's administrator creates the region, its organizations and logins
        places = self._territories(admin)
        orgs = self._organizations(places, admin)
        self._users(places, orgs, admin)
        demo_two_factor.load()
        self._beneficiaries(places, rng, admin)
        self._volunteers(places, orgs, rng, admin)
        self._leaders(places, rng, admin)
        demo_requests.load(places)
        demo_phone.load(places, rng)
        demo_guardianship.load(places)
        demo_centres.load(places)
        demo_communities.load(places)
        demo_assessments.load(places)
        demo_outreach.load(places)
        demo_ties.load()
        demo_stats.load(places)
        demo_privacy.load()
        demo_withdrawal.load(places)  # one withdrawn person, destroyed with an act (#11)
        demo_service_area.load()  # the organization's staff proposed one more district (#10)
        counts = (
            territories_all().count(),
            organizations().count(),
            people_matching(admin).count(),  # the destroyed person stays counted, anonymized
            all_requests().count(),
        )
        self.stdout.write(
            self.style.SUCCESS(
                "Демо-регион готов: территорий {}, организаций {}, подопечных {}, обращений {}.".format(*counts)
            )
        )

    def _admin(self):
        """The administrator comes first (nationwide: creates the top territory); the home territory is given
        once the region exists (see _users)."""
        admin = user_by_username("admin")
        if admin is None:
            username, role, first, last, _, _ = next(u for u in USERS if u[0] == "admin")
            admin = user_create(username=username, role=role, first_name=first, last_name=last, password=DEMO_PASSWORD)
        return admin

    def _territories(self, admin):
        known = {(t.name, t.parent_id): t for t in territories_all()}
        name, oktmo, lat, lon = region.REGION
        top = self._territory(known, admin, name, Territory.Kind.REGION, None, oktmo, lat, lon)
        places = {name: top}
        for mname, moktmo, mlat, mlon, settlements in region.MUNICIPALITIES:
            muni = self._territory(known, admin, mname, Territory.Kind.DISTRICT, top, moktmo, mlat, mlon)
            places[mname] = muni
            for sname, slat, slon in settlements:
                places[sname] = self._territory(known, admin, sname, Territory.Kind.SETTLEMENT, muni, "", slat, slon)
        for parent, aname, alat, alon in region.AREAS:
            places[aname] = self._territory(known, admin, aname, Territory.Kind.AREA, places[parent], "", alat, alon)
        return places

    # Rough outlines so the staff map shows territories even without a tile server.
    RADIUS_KM = {
        Territory.Kind.REGION: 70,
        Territory.Kind.DISTRICT: 16,
        Territory.Kind.SETTLEMENT: 2.5,
        Territory.Kind.AREA: 0.6,
    }

    def _territory(self, known, admin, name, kind, parent, oktmo, lat, lon):
        territory = known.get((name, parent.pk if parent else None))
        if territory is None:
            boundary = circle_polygon(lat, lon, self.RADIUS_KM[kind], points=16)
            data = {"name": name, "kind": kind, "parent": parent, "oktmo": oktmo, "lat": lat, "lon": lon}
            territory = territory_create(data={**data, "boundary": boundary}, actor=admin)
        return territory

    def _organizations(self, places, admin):
        now = timezone.now()
        categories = {c.code: c for c in catalog_all()}
        known = {o.name: o for o in organizations()}
        orgs = {}
        for spec in region.ORGANIZATIONS:
            org = known.get(spec["name"])
            if org is None:
                org = organization_save(
                    organization=Organization(),
                    data=self._organization_data(spec, places, now),
                    services=[
                        {
                            "category": categories[code],
                            "is_free": spec.get("free", True),
                            "who_may_apply": "пожилые люди и их родственники",
                        }
                        for code in spec["services"]
                    ],
                    actor=admin,
                )
            orgs[spec["name"]] = org
        return orgs

    @staticmethod
    def _organization_data(spec, places, now):
        place = places[spec["place"]]
        verified, confirmed = spec.get("verified", True), spec.get("confirmed", 1)
        return {
            "name": spec["name"],
            "kind": spec["kind"],
            "care_level": spec["care_level"],
            "territory": place,
            "served_territories": [places[name] for name in spec["served"]],
            "phone": spec["phone"],
            "address": spec["address"],
            "opening_hours": spec["hours"],
            "capacity": spec["capacity"],
            "description": spec.get("description", ""),
            "schedule": spec.get("schedule", ""),
            "eligibility": spec.get("eligibility", ""),
            "min_age": spec.get("min_age"),
            "is_public": spec.get("public", True),
            "lat": place.lat + 0.002,
            "lon": place.lon + 0.003,
            "verified_at": now - timedelta(days=300) if verified else None,
            "last_confirmed_at": now - timedelta(days=30 * confirmed) if verified else None,
        }

    def _volunteers(self, places, orgs, rng, admin):
        categories = {c.code: c for c in catalog_all()}
        known = {volunteer.full_name for volunteer in volunteers()}
        login = user_by_username("volunteer")
        for name, group, permanent, skills, place, org, load in region.VOLUNTEERS:
            if name in known:
                continue
            settlement = places[place]
            data = {
                "full_name": name,
                "age_group": group,
                "is_permanent": permanent,
                "territory": settlement,
                "phone": f"+7910{rng.randint(1000000, 9999999)}",
                "organization": orgs.get(org),
                "max_load": load,
                "lat": settlement.lat + rng.uniform(-0.01, 0.01),
                "lon": settlement.lon + rng.uniform(-0.01, 0.01),
                "weekdays": sorted(rng.sample(range(1, 8), 3)),
                "hours_from": time(10),
                "hours_to": time(14),
                "training": "Школа волонтёра «Забота рядом»",
                "trained_at": date(2026, 3, 15),
                "area_radius_km": rng.choice([3, 5, 10]),
            }
            if name == "Петрова Галина Сергеевна" and login is not None:
                data["user_id"] = login.pk  # the demo volunteer's login
            volunteer_save(volunteer=Volunteer(), data=data, skills=[categories[c] for c in skills], actor=admin)

    def _leaders(self, places, rng, admin):
        known = {leader.full_name for leader in leaders(admin)}
        for name, community, place, role, influence, how, notes in region.LEADERS:
            settlement = places[place]
            phone = f"+7920{rng.randint(1000000, 9999999)}"  # drawn on every run, as before: the story's numbers
            if name in known:
                continue
            leader_save(
                actor=admin,
                full_name=name,
                community=community,
                territory=settlement,
                role=role,
                influence_area=influence,
                how_found=how,
                notes=notes,
                phone=phone,
                lat=settlement.lat - 0.003,
                lon=settlement.lon - 0.002,
                found_on=date(2026, 5, 20),
            )

    def _users(self, places, orgs, admin):
        if admin.territory_id is None:
            # The administrator is nationwide; the home territory only picks the pages' default region.
            # No service edits a login's territory yet; one narrow save (the tracked model audits it).
            admin.territory = places["Заречная область"]
            admin.save(update_fields=["territory"])
        for username, role, first, last, territory, org in USERS:
            if user_by_username(username) is not None:
                continue
            organization = orgs.get(org)
            user_create(
                username=username,
                role=role,
                first_name=first,
                last_name=last,
                territory_id=places[territory].pk if territory else None,
                organization_id=organization.pk if organization else None,
                password=DEMO_PASSWORD,
                actor=admin,
            )

    def _beneficiaries(self, places, rng, admin):
        known = {person.full_name for person in live_people(admin)}
        for full_name, birth, phone, place, address, alone in BENEFICIARIES:
            if full_name in known:
                continue
            settlement = places[place]
            beneficiary_create(
                full_name=full_name,
                birth_date=birth,
                phone=normalize_phone(phone),
                territory=settlement,
                address=address,
                lives_alone=alone,
                lat=settlement.lat + rng.uniform(-0.01, 0.01),
                lon=settlement.lon + rng.uniform(-0.01, 0.01),
                consent=Consent.Purpose.PERSONAL_DATA,
                actor=None,
            )

    @staticmethod
    def logins():
        return [(username, role.label, DEMO_PASSWORD) for username, role, *_ in USERS]
