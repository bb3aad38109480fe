"""Demo history for the statistics: two months of requests so the dashboard compares periods, and needs nobody
offers in the south (Сосновский район: care at home and cleaning; Ушмор: transport; Кирицы: repairs) so the
«узкие места» table and map show gaps. Idempotent: created once."""

from datetime import timedelta

from django.utils import timezone

from catalog.models import ServiceCategory
from helprequests import services
from helprequests.models import HelpRequest, StatusChange
from people.models import Beneficiary
from people.services import beneficiary_create

MARK = "Демо-статистика"

# (person, settlement)
PEOPLE = [
    ("Комарова Евдокия Петровна", "Сосновка"),
    ("Ершов Аркадий Ильич", "Сосновка"),
    ("Белова Нина Степановна", "Мосолово"),
    ("Гришина Тамара Олеговна", "Мосолово"),
    ("Тихонов Семён Андреевич", "Ушмор"),
    ("Куликова Раиса Павловна", "Ушмор"),
    ("Жукова Клавдия Ивановна", "Кирицы"),
    ("Савельев Борис Романович", "Приречье"),
    ("Миронова Алла Викторовна", "Дубровка"),
]

# (person, needs, days ago, hours to connection or None = still waiting, channel)
REQUESTS = [
    ("Комарова Евдокия Петровна", ["home_care"], 3, None, "hotline"),
    ("Ершов Аркадий Ильич", ["home_care", "groceries"], 6, 110, "social_worker"),
    ("Комарова Евдокия Петровна", ["cleaning"], 12, 96, "hotline"),
    ("Ершов Аркадий Ильич", ["home_care"], 20, 80, "phone_volunteer"),
    ("Белова Нина Степановна", ["home_care"], 9, None, "neighbour"),
    ("Гришина Тамара Олеговна", ["cleaning"], 15, 130, "hotline"),
    ("Белова Нина Степановна", ["home_care"], 44, 70, "hotline"),
    ("Тихонов Семён Андреевич", ["transport"], 4, None, "hotline"),
    ("Куликова Раиса Павловна", ["transport"], 18, 150, "website"),
    ("Тихонов Семён Андреевич", ["transport"], 25, 100, "hotline"),
    ("Жукова Клавдия Ивановна", ["repairs"], 8, None, "social_worker"),
    ("Савельев Борис Романович", ["firewood"], 5, 20, "hotline"),
    ("Савельев Борис Романович", ["repairs"], 40, 30, "hotline"),
    ("Миронова Алла Викторовна", ["groceries"], 2, 4, "hotline"),
    ("Миронова Алла Викторовна", ["medicines"], 10, 6, "hotline"),
    ("Миронова Алла Викторовна", ["groceries"], 35, 12, "website"),
    ("Миронова Алла Викторовна", ["groceries"], 50, 9, "hotline"),
]


def load(places):
    if HelpRequest.objects.filter(description__startswith=MARK).exists():
        return
    now = timezone.now()
    people = {}
    for name, place in PEOPLE:
        people[name] = Beneficiary.objects.filter(full_name=name).first() or beneficiary_create(
            full_name=name, territory=places[place], consent=None, actor=None
        )
    categories = {c.code: c for c in ServiceCategory.objects.all()}
    for name, needs, days, hours, channel in REQUESTS:
        received = now - timedelta(days=days, hours=3)
        request = services.request_create(
            beneficiary=people[name],
            channel=channel,
            needs=[categories[code] for code in needs],
            description=f"{MARK}: {', '.join(categories[code].name.lower() for code in needs)}",
            received_at=received,
        )
        if hours is None:
            continue
        connected = received + timedelta(hours=hours)
        request.status, request.connected_at = "connected", connected
        request.save(update_fields=["status", "connected_at"])
        StatusChange.objects.create(request=request, status="connected", at=connected, note="Связались")
