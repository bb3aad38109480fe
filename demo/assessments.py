"""Demo expert sessions «Доступность заботы» and the practices library.

The Ryazan session of 14 January 2025 (seed: expert-session-accessibility-ryazan) is entered with its real
scores 3, 4, 3, не требуется, 5, 5, 3, 5, 5 for the demo region, which stands in for the Ryazan region (same
OKTMO 61000000); a later session of the same territory with some changed scores; a session of another
district; the two seed practice cards. Rerunning adds nothing.
"""

from datetime import date, time, timedelta

from django.utils import timezone

from accounts.selectors import user_by_username
from assessments import selectors, services
from assessments.models import Participant
from practices import seed
from practices.models import Practice, Tag

RYAZAN_SUBTITLE = "Доступность элементов Заботы (помощи Старшим) в Рязанской области"

RYAZAN_PARTICIPANTS = [
    ("authority", "Управление социального обслуживания министерства труда и социальной защиты Рязанской области"),
    ("authority", "Отдел методической поддержки органов местного самоуправления министерства территориальной политики"),
    ("authority", "Отдел по работе с общественными организациями министерства территориальной политики"),
    ("authority", "Управление общественных отношений аппарат администрации города Рязани"),
    ("resource", "ГКУ РО «Дом общественных организаций»"),
    ("resource", "Университет ТОС Общероссийский проект «Добрые соседи»"),
    ("resource", "Территориальный центр Коалиции «Забота рядом» — модератор сессии"),
    ("helping", "Автономная некоммерческая организация «Рязанская патронажная служба «Здоровье»"),
    (
        "helping",
        "Региональная общественная организация «Еврейский общинный культурный центр Рязанской области «Хесед-Тшува»",
    ),
    ("helping", "Автономная некоммерческая организация по предоставлению социальных услуг «Забота и милосердие»"),
    ("helping", "Автономная некоммерческая организация «Центр социальной помощи «Доброе дело»"),
    ("helping", "Комплексный центр социального обслуживания город Рязань"),
    (
        "ngo",
        "Рязанское региональное отделения Общероссийской общественной организации «Союз пенсионеров России»",
    ),
    ("ngo", "Общественная организация «Совет ветеранов спорта»"),
    ("tos", "ТОС Мопровский"),
    ("tos", "ТОС Приокский-3"),
    ("tos", 'ТОС "На Шевченко"'),
    ("tos", "ТОС поселок Мирный"),
]

# criterion number → (score, spread, discussion, moderator's dissent)
RYAZAN_SCORES = {
    1: (
        "3",
        "",
        "Пришли к единодушному выводу, что людям даже в интернете сложно найти и сделать выбор в пользу обращения "
        "к тому или иному юридическому лицу. Кроме варианта обратиться в органы социальной защиты, люди не знают "
        "других вариантах: о соседях, НКО в шаговой доступности, Добро центрах и многих других, реально оказывающих "
        "помощь пожилым и инвалидам.",
        "",
    ),
    2: (
        "4",
        "3–4",
        "Обсуждение было бурным, но конструктивным. Часть из участников сессии считал, что достаточно 3 баллов, но "
        "потом после обсуждения решили остановиться на 4х, так как в регионе система долговременного ухода "
        "работает, как и межведомственное взаимодействие, а реакция профильных ведомств быстрая и адекватная. Не "
        "хватает методик и технологий системного развития соседской заботы.",
        "",
    ),
    3: (
        "3",
        "",
        "Эта тема требует развития и недостаточно обсуждается в регионе. Фандрайзинг (поиск ресурсов) для "
        "поддержки Старших находится практически в зачаточном состоянии.",
        "",
    ),
    4: (
        "nr",
        "",
        "Почти единогласно после обсуждения и совместной работы было принято мнение о том, что никакого "
        "менеджмента (управления) добровольческое движение вообще не требует, иначе зарегулированность убьет его.",
        "Модератор сессии отражает свое особое мнение в протоколе, что именно эффективное и разумное управление "
        "всеми направлениями добровольчества по доступности Заботы может помочь понять и расшить проблемы и узкие "
        "места оказания помощи Старшим.",
    ),
    5: (
        "5",
        "",
        "Участники сессии единодушно посчитали, что есть и лидеры, и координаторы, и их эффективность по крайней "
        "мере удовлетворяет большинство.",
        "Модератор бы поставил все-таки балл немного ниже выбранного коллегами, так как есть и лидеры, и "
        "координаторы, но из-за отсутствия системы взаимодействия страдает эффективность доступности Заботы в "
        "регионе.",
    ),
    6: ("5", "", "Практики вовлечения молодежи в доступность заботы есть, 5 баллов отражает наличие этих практик.", ""),
    7: (
        "3",
        "",
        "В регионе действуют школы ухода, проводятся встречи с психологами, организовываются круглые столы и "
        "обсуждения, но охват населения остается все-таки не большим.",
        "",
    ),
    8: (
        "5",
        "",
        "Реально действующие практики есть, они удачно масштабируются в регионе.",
        "",
    ),
    9: (
        "5",
        "",
        "Единодушно поставленные баллы подтверждаются статистикой – в регионе созданы более 1000 площадок, причем "
        "это только те, что есть в приложении по активному долголетию.",
        "",
    ),
}

# (criterion, text, addressee, responsible, due, status, status note)
RYAZAN_PROPOSALS = [
    (
        1,
        "Приглашать СМИ в качестве участников экспертных сессий; организовать обучение НКО и ТОС работе со СМИ и "
        "повышение квалификации ответственных за публикации о деятельности по доступности заботы.",
        "ГКУ РО «Дом общественных организаций»",
        "",
        date(2025, 12, 31),
        "heard",
        "Включили в план работы Дома общественных организаций повышение узнаваемости НКО, ТОС и инициативных групп.",
    ),
    (
        2,
        "Организовывать совместные рабочие встречи с представителями профильных ведомств по обсуждению "
        "возникающих, наиболее типичных вопросов эффективности системной работы участников программ помощи.",
        "Министерство территориальной политики Рязанской области",
        "",
        date(2025, 12, 31),
        "sent",
        "",
    ),
    (
        2,
        "Организовать обучение и совместную разработку технологий и алгоритмов работы со Старшими ТОСы и НКО в "
        "муниципалитетах Рязанской области.",
        "Территориальный ресурсный центр Коалиции «Забота рядом» Рязанской области",
        "Л.А. Захарова",
        date(2025, 12, 31),
        "in_progress",
        "",
    ),
    (
        3,
        "Организовать курсы повышения квалификации членов и руководителей НКО и ТОС в области фандрайзинга, в том "
        "числе волонтерского, с привлечением экспертов из региональных НКО.",
        "ГКУ РО «Дом общественных организаций»",
        "",
        date(2025, 12, 31),
        "proposed",
        "",
    ),
]

RYAZAN_TASKS = [
    (2, "Работать над системой, системным подходом и технологиями соседской заботы."),
    (5, "Выстраивать технологию создания и функционирования системы взаимодействия участников Заботы."),
    (6, "Создать систему масштабирования практик молодых добровольцев."),
]

LATER_SUBTITLE = "Повторная оценка: что изменилось после сессии 14 января 2025 г."
DISTRICT_SUBTITLE = "Доступность заботы в Озёрском районе"
LATER_SCORES = {1: "4", 2: "4", 3: "3", 4: "3", 5: "5", 6: "5", 7: "4", 8: "5", 9: "5"}
OTHER_DISTRICT_SCORES = {1: "2", 2: "3", 3: "2", 4: "3", 5: "4", 6: "3", 7: "2", 8: "4", 9: "3"}


def ryazan_session(territory, actor=None, template=None):
    """The real session of 14 January 2025 with its scores, opinions, proposals and tasks."""
    session = services.session_create(
        actor=actor,
        template=template,
        territory=territory,
        title="Доступность заботы",
        subtitle=RYAZAN_SUBTITLE,
        held_on=date(2025, 1, 14),
        starts_at=time(14, 30),
        place_text="ГКУ РО «Дом общественных организаций»",
        goal="Выявить узкие места в доступности Заботы в Рязанской области",
        moderator="Захарова Людмила Ароновна — Территориальный центр Коалиции «Забота рядом», директор АНО "
        "«Рязанская патронажная служба «Здоровье»",
        intro="При совместной работе и обсуждении практически было выявлено однозначное понимание всеми "
        "присутствующими важность дальнейшей работы над совершенствованием технологий и методик доступности "
        "Заботы.\nПрактически не было расхождений в оценке ситуации как у представителей власти, так и у НКО, ТОС "
        "и администрации города.",
        media="СМИ региона",
        head_title="Директор\nАНО «РПС «Здоровье»\nРуководитель\nТРЦ Рязанской области\nКоалиции «Забота рядом»",
        head_name="Л.А. Захарова",
    )
    for group, name in RYAZAN_PARTICIPANTS:
        services.participant_add(session=session, group=group, name=name, actor=actor)
    services.scores_save(
        session=session,
        rows={
            n: {
                "value": value,
                "spread_low": spread[:1] if spread else "",
                "spread_high": spread[-1:] if spread else "",
                "discussion": discussion,
                "dissent": dissent,
            }
            for n, (value, spread, discussion, dissent) in RYAZAN_SCORES.items()
        },
        actor=actor,
    )
    criteria = {c.number: c for c in session.template.criteria.all()}
    for number, text, addressee, responsible, due, status, note in RYAZAN_PROPOSALS:
        services.proposal_create(
            session=session,
            criterion=criteria[number],
            text=text,
            addressee=addressee,
            responsible=responsible,
            due_on=due,
            status=status,
            status_note=note,
            actor=actor,
        )
    for number, text in RYAZAN_TASKS:
        services.task_add(session=session, criterion=criteria[number], text=text, year=2025, actor=actor)
    return session


def _scored_session(territory, held_on, scores, actor, subtitle, practices=()):
    session = services.session_create(
        actor=actor,
        territory=territory,
        title="Доступность заботы",
        subtitle=subtitle,
        held_on=held_on,
        starts_at=time(11, 0),
        place_text="Ресурсный центр",
        moderator="Модератор ТРЦ",
        intro="Демонстрационная сессия.",
        practices=practices,
    )
    services.participant_add(session=session, group=Participant.Group.TOS, name="Совет ТОС", actor=actor)
    services.scores_save(session=session, rows={n: {"value": v} for n, v in scores.items()}, actor=actor)
    return session


def load(places):
    cards = seed.load(Practice, Tag)
    region, district = places["Заречная область"], places["Озёрский район"]
    held = {(s.territory_id, s.held_on, s.subtitle) for s in selectors.sessions(user_by_username("coordinator"))}
    if not any(t == region.pk and day == date(2025, 1, 14) for t, day, _ in held):
        ryazan_session(region)
    # Later sessions are recent, so the platform's demo records show beside their criteria.
    today = timezone.localdate()
    if not any(t == region.pk and subtitle == LATER_SUBTITLE for t, _, subtitle in held):
        later = _scored_session(
            region,
            today - timedelta(days=14),
            LATER_SCORES,
            None,
            LATER_SUBTITLE,
            practices=list(cards.values()),
        )
        services.proposal_create(
            session=later,
            criterion=later.template.criteria.get(number=4),
            text="Найти компромисс по менеджменту добровольчества, опираясь на опыт «Алло, волонтер!».",
            addressee="Территориальный ресурсный центр",
            practice=cards[seed.CARDS[1]["title"]],
            actor=None,
        )
    if not any(t == district.pk and subtitle == DISTRICT_SUBTITLE for t, _, subtitle in held):
        _scored_session(district, today - timedelta(days=30), OTHER_DISTRICT_SCORES, None, DISTRICT_SUBTITLE)
