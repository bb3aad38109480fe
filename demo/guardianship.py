"""Demo #МЫВМЕСТЕ.ОПЕКА: guardians at every stage and families from marker to termination."""

from datetime import timedelta

from django.utils import timezone

from catalog.models import ServiceCategory
from guardianship import services
from guardianship.models import Guardian, Guardianship, HelpEntry
from people.models import Beneficiary, Household

# (name, kind, settlement, capabilities, families, stage)
GUARDIANS = [
    (
        "Заречный колледж социальных технологий",
        "education",
        "Заречный",
        ["child_leisure", "home_care", "cleaning"],
        2,
        "approved",
    ),
    (
        "Трудовой коллектив завода «Заречный механический»",
        "work_team",
        "Заречный",
        ["repairs", "groceries"],
        2,
        "approved",
    ),
    (
        "Волонтёрская группа «Тёплые руки»",
        "volunteer_group",
        "Озёрск",
        ["groceries", "pet_care", "home_care"],
        1,
        "approved",
    ),
    ("ООО «Сосновский хлеб»", "business", "Сосновка", ["groceries", "material_aid"], 3, "verifying"),
    ("АНО «Опора семьи»", "ngo", "Лесной", ["psychological_aid", "child_leisure"], 2, "applied"),
    ("ИП Смирнов (бригада)", "entrepreneur", "Приречье", ["repairs"], 1, "refused"),
]

# (family, settlement, needs, serviceman, days since marker, stage, guardian)
FAMILIES = [
    ("Семья Кравченко", "Заречный", ["child_leisure", "home_care"], True, 40, "active", 0),
    ("Семья Соловьёвых", "Заречный", ["repairs", "groceries"], True, 70, "terminated", 1),
    ("Семья Ткаченко", "Озёрск", ["groceries", "pet_care"], True, 1, "matched", 2),
    ("Семья Белых", "Ключи", ["groceries"], True, 5, "waiting", None),
    ("Семья Гришиных", "Сосновка", ["material_aid", "child_leisure"], True, 1, "waiting", None),
    ("Одинокая Тамара Ильинична Карпова", "Заречный", ["home_care", "cleaning"], False, 20, "active", 0),
]


def load(places):
    if Guardian.objects.exists():
        return
    now = timezone.now()
    today = timezone.localdate()
    cats = {c.code: c for c in ServiceCategory.objects.all()}
    guardians = []
    for name, kind, place, caps, families, stage in GUARDIANS:
        g = Guardian.objects.create(
            name=name,
            kind=kind,
            territory=places[place],
            contact_name="Контактное лицо",
            phone="+79105550000",
            max_families=families,
            source="public" if stage == "applied" else "staff",
            consent_at=now,
            created_at=now - timedelta(days=60),
        )
        g.capabilities.set([cats[c] for c in caps])
        if stage in ("verifying", "approved", "refused"):
            services.record_step(guardian=g, step="interview", day=today - timedelta(days=50), by="Штаб #МЫВМЕСТЕ")
        if stage == "approved":
            services.record_step(guardian=g, step="instruction", day=today - timedelta(days=48), by="Штаб #МЫВМЕСТЕ")
            services.record_step(guardian=g, step="training", day=today - timedelta(days=45), by="ДОБРО.УНИВЕРСИТЕТ")
            services.approve(guardian=g, actor=None)
            g.agreement_number, g.agreement_date = f"МВ-{g.pk:03d}", today - timedelta(days=44)
            g.save()
        if stage == "refused":
            services.refuse(guardian=g, actor=None, reason="Нет команды для регулярной помощи")
        guardians.append(g)
    for name, place, needs, serviceman, days, stage, gi in FAMILIES:
        household = Household.objects.create(
            name=name,
            territory=places[place],
            is_serviceman_family=serviceman,
            address="ул. Победы, 3",
            contact_name="Мама, Ирина",
            contact_phone="+79107770000",
        )
        Beneficiary.objects.create(
            full_name=f"{name} — бабушка",
            territory=places[place],
            household=household,
            household_role="бабушка",
            lat=places[place].lat,
            lon=places[place].lon,
        )
        services.mark_household(household=household, needs=[cats[c] for c in needs], note="Со слов семьи")
        marked = now - timedelta(days=days)
        Household.objects.filter(pk=household.pk).update(needs_guardianship_since=marked)
        household.refresh_from_db()
        if stage == "waiting":
            continue
        match = services.match(household=household, guardian=guardians[gi], actor=None)
        Guardianship.objects.filter(pk=match.pk).update(matched_at=marked + timedelta(days=1))
        match.refresh_from_db()
        if stage == "matched":
            continue
        services.first_contact(
            guardianship=match,
            at=marked + timedelta(days=2),
            hq_present="Смирнова О. (штаб)",
            agreement_number=f"С-{match.pk:03d}",
            agreement_date=(marked + timedelta(days=2)).date(),
        )
        for k, code in enumerate(needs):
            HelpEntry.objects.create(
                guardianship=match,
                category=cats[code],
                what=f"{cats[code].name}: помогли",
                happened_on=(marked + timedelta(days=5 + 7 * k)).date(),
                who="Волонтёры опекуна",
            )
        if stage == "terminated":
            services.terminate(guardianship=match, actor=None, reason="all_met")
