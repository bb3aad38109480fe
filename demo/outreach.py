"""Demo outreach kit (#14): both questionnaires sent (organizations; communities) with about 60 % answered,
one paper questionnaire entered by staff, contacts for letters (officials, heads, regional media) and letters
of each template in the register."""

import random
from datetime import timedelta

from django.http import QueryDict
from django.utils import timezone

from accounts.selectors import user_by_username
from communities.models import Community
from communities.selectors import communities as communities_of
from directory.selectors import organizations
from outreach import selectors, services
from outreach.models import Recipient, Sending

TEXTS = [
    "Помощь на дому одиноким пожилым, доставка продуктов и лекарств",
    "Клуб активного долголетия, скандинавская ходьба, мастер-классы",
    "Телефонное общение, сопровождение к врачу",
    "Встречи раз в месяц в ТРЦ, общий чат координаторов",
    "Чат ТОС и соседский чат дома, объявления в подъездах",
    "Не хватает транспорта и помещения для встреч",
    "Обмен волонтёрами с соседней НКО на праздники",
    "Нужны обучение по работе с деменцией и юридические консультации",
    "Не всегда понятно, к кому в ТРЦ обращаться по срочным вопросам",
    "Юристы, психологи, геронтологи",
    "Нужна информационная поддержка в местных СМИ",
    "",
]

CONTACTS = [
    (
        "regional",
        "Кузнецова",
        "Елена",
        "Викторовна",
        "Министр социального развития Заречной области",
        "Министерство социального развития Заречной области",
        "",
        "",
        "Заречная область",
    ),
    (
        "municipal",
        "Тарасов",
        "Игорь",
        "Николаевич",
        "Глава администрации Озёрского района",
        "Администрация Озёрского района",
        "",
        "",
        "Озёрский район",
    ),
    ("head", "Тихонова", "Светлана", "Юрьевна", "Директор", "АНО «Серебряный возраст»", "", "", "Заречная область"),
    (
        "media",
        "Сорокина",
        "Мария",
        "Андреевна",
        "Главный редактор",
        "",
        "Газета «Заречные вести»",
        "социальная тематика, старшее поколение",
        "Заречная область",
    ),
    (
        "media",
        "Белов",
        "Артём",
        "Игоревич",
        "Корреспондент",
        "",
        "Радио «Заречье»",
        "городские новости",
        "Заречная область",
    ),
    (
        "media",
        "Николаева",
        "Ирина",
        "Павловна",
        "Журналист",
        "",
        "«Озёрская правда»",
        "жизнь района, НКО и ТОС",
        "Озёрский район",
    ),
]

# template code → contact last names
LETTERS = {
    "communities": ["Тихонова"],
    "authorities": ["Кузнецова", "Тарасов"],
    "media": ["Сорокина", "Белов", "Николаева"],
}


def _answers(questionnaire, rng):
    data = QueryDict(mutable=True)
    for q in questionnaire.questions.all():
        name = f"q{q.pk}"
        if q.kind == "text":
            text = rng.choice(TEXTS)
            if text or not q.required:
                data[name] = text or ("" if not q.required else TEXTS[0])
        elif q.kind == "number":
            data[name] = str(rng.randint(0, 12))
        elif q.kind == "scale":
            data[name] = str(rng.choice([2, 3, 3, 4, 4, 4, 5]))
        elif q.kind == "single":
            data[name] = str(rng.randrange(len(q.choices)))
        else:
            for i in rng.sample(range(len(q.choices)), rng.randint(1, min(3, len(q.choices)))):
                data.appendlist(name, str(i))
            if q.allow_other and rng.random() < 0.2:
                data.appendlist(name, "other")
                data[f"{name}_other"] = "Помощь семьям участников СВО"
    return data


def _answer_share(sending, share, rng, coordinator, paper=1):
    recipients = list(sending.recipients.order_by("id"))
    for i, recipient in enumerate(recipients[: round(len(recipients) * share)]):
        on_paper = i < paper
        services.answers_save(
            recipient=recipient,
            data=_answers(sending.questionnaire, rng),
            submit=True,
            actor=coordinator if on_paper else None,
            channel=Recipient.Channel.PAPER if on_paper else Recipient.Channel.ONLINE,
        )
    if len(recipients) > 2:  # one respondent saved a draft and has not come back yet
        last = recipients[-1]
        Recipient.objects.filter(pk=last.pk).update(opened_at=timezone.now(), saved_at=timezone.now())


def load(places):
    coordinator = user_by_username("coordinator")
    if selectors.sendings(coordinator).exists():
        return
    rng = random.Random(14)
    region = places["Заречная область"]
    today = timezone.localdate()
    kinds = {"ngo", "tos", "initiative", "dobro", "social_site"}
    orgs = [o for o in organizations() if o.kind in kinds][:10]  # by name
    questionnaires = {q.code: q for q in selectors.questionnaires(coordinator)}
    sending = services.sending_create(
        questionnaire=questionnaires["organizations"],
        title="Анкета для организаций и инициативных групп — весна 2026",
        territory=region,
        organizations=orgs,
        deadline=today + timedelta(days=20),
        message="Ресурсный центр собирает сведения о партнёрах коалиции «Забота рядом».",
        actor=coordinator,
    )
    _answer_share(sending, 0.6, rng, coordinator)
    communities = [c for c in communities_of(coordinator) if c.status in Community.LIVE][:9]  # by name
    if communities:
        assessment = services.sending_create(
            questionnaire=questionnaires["assessment"],
            title="Оценка деятельности ТОС, НКО и соседских сообществ",
            territory=region,
            communities_=communities,
            deadline=today + timedelta(days=14),
            actor=coordinator,
        )
        _answer_share(assessment, 0.55, rng, coordinator)
    Sending.objects.update(created_at=timezone.now() - timedelta(days=5))  # sent five days ago (stamped now)

    templates = {}
    for template in selectors.letter_templates(coordinator):  # the seeded templates, filled in for the region
        templates[template.code] = services.letter_template_save(
            template=template,
            region="Заречная область",
            head_name="О. И. Смирнова",
            centre_contacts="+7 (4912) 55-00-00, trc@zarechye.example",
            actor=coordinator,
        )
    by_name = {}
    known = {(c.last_name, c.first_name): c for c in selectors.contacts(coordinator)}
    org_by_name = {o.name: o for o in organizations()}
    for kind, last, first, middle, position, org_name, outlet, beat, place in CONTACTS:
        email = f"{rng.randint(100, 999)}@zarechye.example"  # drawn on every run, as the story was made
        by_name[last] = known.get((last, first)) or services.contact_save(
            last_name=last,
            first_name=first,
            kind=kind,
            middle_name=middle,
            position=position,
            organization_name=org_name,
            organization=org_by_name.get(org_name),
            outlet=outlet,
            beat=beat,
            territory=places[place],
            email=email,
            consent_at=today - timedelta(days=40),
            consent_note="согласие получено письменно на встрече",
            actor=coordinator,
        )
    for code, names in LETTERS.items():
        services.letters_merge(
            template=templates[code],
            contacts=[by_name[n] for n in names],
            territory=region,
            actor=coordinator,
            date=today - timedelta(days=3),
        )
