"""Demo #МЫВМЕСТЕ.ОПЕКА: guardians at every stage (with and without the agreement with the regional
headquarters), family applications waiting, selected and declined, families from the marker to termination:
matched and waiting for the first contact (overdue, escalated), calls made and missed, feedback answered,
stories passed to the federal headquarters, and one family marked by a coordinator's exception."""

from datetime import timedelta

from django.utils import timezone

from accounts.selectors import user_by_username
from catalog.selectors import catalog_all
from guardianship import periodic, selectors, services
from guardianship.models import Call, FamilyApplication, Guardian, Guardianship
from people.models import Household
from people.services import beneficiary_create, household_create

# (name, kind, settlement, capabilities, families, stage)
GUARDIANS = [
    (
        "Заречный колледж социальных технологий",
        "education",
        "Заречный",
        ["child_leisure", "home_care", "cleaning"],
        4,
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
        2,
        "approved",
    ),
    ("Благотворительный фонд «Рядом»", "foundation", "Озёрск", ["material_aid", "groceries"], 2, "no_agreement"),
    ("ООО «Сосновский хлеб»", "business", "Сосновка", ["groceries", "material_aid"], 3, "verifying"),
    ("АНО «Опора семьи»", "ngo", "Лесной", ["psychological_aid", "child_leisure"], 2, "applied"),
    ("ИП Смирнов (бригада)", "entrepreneur", "Приречье", ["repairs"], 1, "refused"),
]

# (family, settlement, needs, serviceman, days since marker, stage, guardian, source)
FAMILIES = [
    ("Семья Кравченко", "Заречный", ["child_leisure", "home_care"], True, 40, "active", 0, "onf_hotline"),
    ("Семья Соловьёвых", "Заречный", ["repairs", "groceries"], True, 70, "terminated", 1, "regional_hq"),
    ("Семья Ткаченко", "Озёрск", ["groceries", "pet_care"], True, 1, "matched", 2, "onf_hotline"),
    ("Семья Руденко", "Озёрск", ["groceries"], True, 5, "matched", 2, "regional_hq"),
    ("Семья Белых", "Ключи", ["groceries"], True, 5, "waiting", None, "onf_hotline"),
    ("Семья Гришиных", "Сосновка", ["material_aid", "child_leisure"], True, 1, "waiting", None, "other"),
    ("Семья Лысенко", "Заречный", ["home_care"], True, 22, "missed_call", 0, "onf_hotline"),
    ("Семья Карповых", "Заречный", ["home_care", "cleaning"], False, 20, "override", 0, "regional_hq"),
    ("Семья Захаровых", "Озёрск", [], True, 0, "application", None, "onf_hotline"),
    ("Семья Мельник", "Ключи", [], False, 0, "declined", None, "other"),
]


def _guardian(g, stage, today, now):
    if stage in ("verifying", "approved", "refused", "no_agreement"):
        services.record_step(
            guardian=g, step="interview", day=today - timedelta(days=50), by="Штаб #МЫВМЕСТЕ", actor=None
        )
    if stage in ("approved", "no_agreement"):
        services.record_step(
            guardian=g, step="instruction", day=today - timedelta(days=48), by="Штаб #МЫВМЕСТЕ", actor=None
        )
        services.record_step(
            guardian=g, step="training", day=today - timedelta(days=45), by="ДОБРО.УНИВЕРСИТЕТ", actor=None
        )
        services.approve(guardian=g, actor=None)
    if stage == "approved":
        services.save_agreement(guardian=g, number=f"МВ-{g.pk:03d}", day=today - timedelta(days=44), actor=None)
    if stage == "refused":
        services.refuse(guardian=g, actor=None, reason="Нет команды для регулярной помощи")


def load(places):
    coordinator = user_by_username("coordinator")  # the headquarters' staff enter guardians and families
    if selectors.guardians(coordinator).exists():
        return
    now = timezone.now()
    today = timezone.localdate()
    cats = {c.code: c for c in catalog_all()}
    guardians = []
    for name, kind, place, caps, families, stage in GUARDIANS:
        public = stage == "applied"
        g = services.guardian_create(
            actor=None if public else coordinator,
            name=name,
            kind=kind,
            territory=places[place],
            contact_name="Контактное лицо",
            phone="+79105550000",
            capabilities=[cats[c] for c in caps],
            max_families=families,
            source="public" if public else "staff",
        )
        _guardian(g, stage, today, now)
        g.created_at = now - timedelta(days=60)  # applied two months ago (the service stamps now)
        Guardian.objects.filter(pk=g.pk).update(created_at=g.created_at)
        guardians.append(g)
    guardians = [g for g in guardians if g.has_agreement] + [g for g in guardians if not g.has_agreement]
    for name, place, needs, serviceman, days, stage, gi, source in FAMILIES:
        _family(places, cats, guardians, now, name, place, needs, serviceman, days, stage, gi, source, coordinator)
    periodic.escalate_guardianship(now)  # overdue markers get their one e-mail (console backend in the demo)


def _family(places, cats, guardians, now, name, place, needs, serviceman, days, stage, gi, source, actor):
    household = household_create(
        name=name,
        territory=places[place],
        is_serviceman_family=serviceman,
        address="ул. Победы, 3",
        contact_name="Мама, Ирина",
        contact_phone="+79107770000",
        actor=actor,
    )
    beneficiary_create(
        full_name=f"{name} — бабушка",
        territory=places[place],
        household=household,
        household_role="бабушка",
        lat=places[place].lat,
        lon=places[place].lon,
        consent=None,  # the family told about her; nobody asked her yet
        actor=None,
    )
    marked = now - timedelta(days=days)
    application = services.application_create(
        household=household,
        source=source,
        source_note="Обратились через школу" if source == "other" else "",
        request_text="Нужна регулярная помощь, пока отец семейства на службе",
        received_at=marked - timedelta(hours=6),
        actor=None,
    )
    if stage == "application":
        return
    if stage == "declined":
        services.application_decline(application=application, actor=None, reason="Не семья военнослужащего")
        return
    override = "Семья погибшего добровольца: решение координатора" if stage == "override" else ""
    services.mark_household(
        household=household, needs=[cats[c] for c in needs], note="Со слов семьи", override_reason=override
    )
    Household.objects.filter(pk=household.pk).update(needs_guardianship_since=marked)
    FamilyApplication.objects.filter(pk=application.pk).update(decided_at=marked)
    household.refresh_from_db()
    if stage == "waiting":
        return
    match = services.match(household=household, guardian=guardians[gi], actor=None)
    Guardianship.objects.filter(pk=match.pk).update(matched_at=marked + timedelta(hours=12))
    match.refresh_from_db()
    if stage == "matched":
        return
    contact = marked + timedelta(days=2)
    services.first_contact(
        guardianship=match,
        at=contact,
        hq_present="Смирнова О. (штаб)",
        actor=None,
        agreement_number=f"С-{match.pk:03d}",
        agreement_date=contact.date(),
    )
    for k, code in enumerate(needs):
        services.add_help(
            guardianship=match,
            actor=actor,
            category=cats[code],
            what=f"{cats[code].name}: помогли",
            happened_on=(marked + timedelta(days=5 + 7 * k)).date(),
            who="Волонтёры опекуна",
        )
    if stage in ("active", "terminated", "override"):
        for call in match.calls.filter(due_at__lte=now):
            services.record_call(call=call, actor=None, notes="Семья довольна, просит продолжать")
            Call.objects.filter(pk=call.pk).update(done_at=call.due_at + timedelta(hours=3))
    if stage == "active":
        link = selectors.feedback_links(match).get()
        services.submit_feedback(
            link=link, answers={"satisfaction": 5, "helped": "Досуг детей", "improve": "", "continue_help": True}
        )
        for title, sent in (("Первый снег — и новая горка во дворе", True), ("Мастер-класс для младших", False)):
            services.add_story(
                guardianship=match,
                actor=actor,
                title=title,
                text="Студенты колледжа провели выходные с детьми семьи.",
                publication_consent=True,
                consent_by="мама, Ирина",
            )
            if sent:  # only this story exists yet: the next one stays unsent
                services.stories_mark_sent(stories=selectors.stories_of(match), actor=None)
    if stage == "terminated":
        services.terminate(guardianship=match, actor=None, reason="all_met")
