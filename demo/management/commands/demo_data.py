import random
from datetime import date, time, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from catalog.models import ServiceCategory
from communities.models import CommunityLeader
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
from directory.models import Organization, OrganizationService
from helprequests.models import HelpRequest
from people.models import Beneficiary, Consent
from people.services import beneficiary_create
from territories.models import Territory
from volunteers.models import Volunteer

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
        places = self._territories()
        self._boundaries(places)
        orgs = self._organizations(places)
        self._users(places, orgs)
        demo_two_factor.load()
        self._beneficiaries(places, rng)
        self._volunteers(places, orgs, rng)
        self._leaders(places, rng)
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
            Territory.objects.count(),
            Organization.objects.count(),
            Beneficiary.objects.count(),
            HelpRequest.objects.count(),
        )
        self.stdout.write(
            self.style.SUCCESS(
                "Демо-регион готов: территорий {}, организаций {}, подопечных {}, обращений {}.".format(*counts)
            )
        )

    def _territories(self):
        name, oktmo, lat, lon = region.REGION
        top = self._territory(name, Territory.Kind.REGION, None, oktmo, lat, lon)
        places = {name: top}
        for mname, moktmo, mlat, mlon, settlements in region.MUNICIPALITIES:
            muni = self._territory(mname, Territory.Kind.DISTRICT, top, moktmo, mlat, mlon)
            places[mname] = muni
            for sname, slat, slon in settlements:
                places[sname] = self._territory(sname, Territory.Kind.SETTLEMENT, muni, "", slat, slon)
        for parent, aname, alat, alon in region.AREAS:
            places[aname] = self._territory(aname, Territory.Kind.AREA, places[parent], "", alat, alon)
        return places

    def _territory(self, name, kind, parent, oktmo, lat, lon):
        territory, _ = Territory.objects.get_or_create(
            name=name, parent=parent, defaults={"kind": kind, "oktmo": oktmo, "lat": lat, "lon": lon}
        )
        return territory

    def _organizations(self, places):
        now = timezone.now()
        categories = {c.code: c for c in ServiceCategory.objects.all()}
        orgs = {}
        for spec in region.ORGANIZATIONS:
            place = places[spec["place"]]
            confirmed = spec.get("confirmed", 1)
            org, created = Organization.objects.get_or_create(
                name=spec["name"],
                defaults={
                    "kind": spec["kind"],
                    "care_level": spec["care_level"],
                    "territory": place,
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
                    "verified_at": now - timedelta(days=300) if spec.get("verified", True) else None,
                    "last_confirmed_at": now - timedelta(days=30 * confirmed) if spec.get("verified", True) else None,
                },
            )
            orgs[spec["name"]] = org
            if created:
                org.served_territories.set([places[name] for name in spec["served"]])
                for code in spec["services"]:
                    OrganizationService.objects.create(
                        organization=org,
                        category=categories[code],
                        is_free=spec.get("free", True),
                        who_may_apply="пожилые люди и их родственники",
                    )
        return orgs

    def _boundaries(self, places):
        """Rough outlines so the staff map shows territories even without a tile server."""
        radius = {
            Territory.Kind.REGION: 70,
            Territory.Kind.DISTRICT: 16,
            Territory.Kind.SETTLEMENT: 2.5,
            Territory.Kind.AREA: 0.6,
        }
        for territory in places.values():
            if territory.boundary is None and territory.has_point:
                territory.boundary = circle_polygon(territory.lat, territory.lon, radius[territory.kind], points=16)
                territory.save(update_fields=["boundary"])

    def _volunteers(self, places, orgs, rng):
        categories = {c.code: c for c in ServiceCategory.objects.all()}
        for name, group, permanent, skills, place, org, load in region.VOLUNTEERS:
            if Volunteer.objects.filter(full_name=name).exists():
                continue
            settlement = places[place]
            volunteer = Volunteer.objects.create(
                full_name=name,
                age_group=group,
                is_permanent=permanent,
                territory=settlement,
                phone=f"+7910{rng.randint(1000000, 9999999)}",
                organization=orgs.get(org),
                max_load=load,
                lat=settlement.lat + rng.uniform(-0.01, 0.01),
                lon=settlement.lon + rng.uniform(-0.01, 0.01),
                weekdays=sorted(rng.sample(range(1, 8), 3)),
                hours_from=time(10),
                hours_to=time(14),
                training="Школа волонтёра «Забота рядом»",
                trained_at=date(2026, 3, 15),
                area_radius_km=rng.choice([3, 5, 10]),
            )
            volunteer.skills.set([categories[c] for c in skills])
        user = User.objects.filter(username="volunteer").first()
        if user and not hasattr(user, "volunteer"):
            Volunteer.objects.filter(full_name="Петрова Галина Сергеевна").update(user=user)

    def _leaders(self, places, rng):
        for name, community, place, role, influence, how, notes in region.LEADERS:
            settlement = places[place]
            CommunityLeader.objects.get_or_create(
                full_name=name,
                defaults={
                    "community": community,
                    "territory": settlement,
                    "role": role,
                    "influence_area": influence,
                    "how_found": how,
                    "notes": notes,
                    "phone": f"+7920{rng.randint(1000000, 9999999)}",
                    "lat": settlement.lat - 0.003,
                    "lon": settlement.lon - 0.002,
                    "found_on": date(2026, 5, 20),
                },
            )

    def _users(self, places, orgs):
        for username, role, first, last, territory, org in USERS:
            if User.objects.filter(username=username).exists():
                continue
            organization = orgs.get(org)
            user = User(
                username=username,
                role=role,
                first_name=first,
                last_name=last,
                territory=places[territory] if territory else organization.territory,
                organization=organization,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()

    def _beneficiaries(self, places, rng):
        for full_name, birth, phone, place, address, alone in BENEFICIARIES:
            if Beneficiary.objects.filter(full_name=full_name).exists():
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
