import random

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import Role, User
from demo import region
from directory.models import Organization
from people.models import Beneficiary, Consent
from people.services import consent_give
from territories.models import Territory
from zabota.phones import normalize_phone

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
        orgs = self._organizations(places)
        self._users(places, orgs)
        self._beneficiaries(places, rng)
        counts = (Territory.objects.count(), Organization.objects.count(), Beneficiary.objects.count())
        self.stdout.write(
            self.style.SUCCESS("Демо-регион готов: территорий {}, организаций {}, подопечных {}.".format(*counts))
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
        orgs = {}
        for name, kind, place, phone, address in region.ORGANIZATIONS:
            orgs[name], _ = Organization.objects.get_or_create(
                name=name, defaults={"kind": kind, "territory": places[place], "phone": phone, "address": address}
            )
        return orgs

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
            person = Beneficiary.objects.create(
                full_name=full_name,
                birth_date=birth,
                phone=normalize_phone(phone),
                territory=settlement,
                address=address,
                lives_alone=alone,
                lat=settlement.lat + rng.uniform(-0.01, 0.01),
                lon=settlement.lon + rng.uniform(-0.01, 0.01),
            )
            consent_give(beneficiary=person, purpose=Consent.Purpose.PERSONAL_DATA, actor=None)

    @staticmethod
    def logins():
        return [(username, role.label, DEMO_PASSWORD) for username, role, *_ in USERS]
