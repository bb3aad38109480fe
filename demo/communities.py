"""Demo community workspace: a dozen communities of every form, canvases at various stages (one complete with
metrics over 6 months), interactions with overdue next steps, a roadmap and one community relaunched after an audit."""

from datetime import timedelta

from django.utils import timezone

from accounts.selectors import user_by_username
from communities import selectors, services
from directory.selectors import organizations

# (name, form, place, status, engagement, coalition months ago or None, members, organizations, manager)
COMMUNITIES = [
    (
        "ТОС «Северный»",
        "tos_legal",
        "ТОС «Северный»",
        "active",
        "partnership",
        18,
        200,
        ["ТОС «Северный»"],
        "coordinator",
    ),
    (
        "ТОС «Набережный»",
        "tos",
        "ТОС «Набережный»",
        "active",
        "participation",
        6,
        80,
        ["ТОС «Набережный»"],
        "coordinator",
    ),
    ("Совет дома ул. Садовая, 14", "mkd_council", "Заречный", "active", "consulting", None, 35, [], "coordinator"),
    ("ТСН «Дубровские зори»", "hoa", "Дубровка", "forming", "informing", None, 60, [], "coordinator"),
    (
        "Совет ветеранов микрорайона «Северный»",
        "local_ngo",
        "Заречный",
        "active",
        "partnership",
        24,
        120,
        ["АНО «Серебряный возраст»"],
        "coordinator",
    ),
    (
        "Первичное отделение «Союза пенсионеров» в Лесном",
        "local_branch",
        "Лесной",
        "active",
        "consulting",
        None,
        45,
        ["КЦСОН Лесного района"],
        "coordinator",
    ),
    (
        "Инициативная группа «Соседи Озёрска»",
        "initiative",
        "Озёрск",
        "active",
        "participation",
        10,
        25,
        ["Инициативная группа «Соседи Озёрска»"],
        "coordinator_ozersk",
    ),
    (
        "Клуб «Вдохновение»",
        "interest",
        "Сосновка",
        "active",
        "participation",
        12,
        40,
        ["Клуб активного долголетия «Вдохновение»"],
        "coordinator",
    ),
    ("Чат «Тума — соседи помогают»", "online", "Тума", "forming", "informing", None, 150, [], "coordinator"),
    (
        "Группа по интересам «Садоводы Приречья»",
        "interest",
        "Приречье",
        "relaunching",
        "consulting",
        None,
        18,
        [],
        "coordinator",
    ),
    (
        "Молодёжный совет района",
        "local_branch",
        "Лесной",
        "active",
        "consulting",
        None,
        30,
        ["Заречный колледж социальных технологий"],
        "coordinator",
    ),
    (
        "Инициативная группа «Тёплый Белоомут»",
        "initiative",
        "Белоомут",
        "ceased",
        "informing",
        None,
        6,
        [],
        "coordinator_ozersk",
    ),
]
FULL_CANVAS_V1 = {
    "purpose": "Чтобы ни один старший житель микрорайона не остался без помощи и общения.",
    "identity": "Жители микрорайона «Северный», прежде всего пенсионеры и их соседи.",
    "values": "Взаимопомощь, уважение к старшим, открытость.",
    "success": "Каждый одинокий пожилой житель знает, к кому обратиться.",
}
FULL_CANVAS_V2 = dict(
    FULL_CANVAS_V1,
    success="Каждый одинокий пожилой житель знает, к кому обратиться; звонок соседа — раз в неделю.",
    brand="Группа «Северный рядом» в мессенджере, доска объявлений у подъездов.",
    selection="Любой житель, приглашение через старших по дому.",
    experience="Субботники, чаепития, совместные походы в поликлинику.",
    rituals="Чаепитие в первый вторник месяца в помещении ТОС.",
    content="Расписание врачей, объявления соцзащиты, истории жителей.",
    rules="Без политики и рекламы; личные данные соседей — только с согласия.",
    roles="Председатель, старшие по домам, волонтёры-соседи, куратор ТРЦ.",
    organization="Совет ТОС из 7 человек.",
    governance="Решения на общем собрании, текущие — советом ТОС.",
    funding="Грант ТОС, взносы, помощь местного бизнеса.",
    channels="Чат в мессенджере, собрания, доска объявлений.",
    data="Списки с согласия жителей хранит председатель, доступ — у совета.",
    exit="Выход по заявлению, без объяснения причин.",
)
MINIMUM_COMPLETE = {
    "answers": {
        "purpose": "Чтобы никто из старших жителей Озёрска не был одинок и без помощи.",
        "identity": "Соседи из пяти домов ул. Школьной, все желающие; отбор — рекомендация участника.",
        "experience": "Еженедельные звонки пожилым соседям, закупка продуктов, вечер настольных игр по пятницам.",
        "roles": "Координатор группы, «звонари», водители, помощники по дому; связь через координатора.",
        "rules": "Помогаем бесплатно, не берём денег и ключей, о тревожных случаях сообщаем на горячую линию.",
        "governance": "Решения на встрече раз в месяц большинством; срочное решает координатор.",
        "interaction": "Чат группы и встреча раз в месяц; отвечаем на сообщения в течение дня.",
    },
    "values": ["Соседство", "Надёжность", "Уважение к старшим"],
    "metrics": [
        {"name": "Пожилых соседей, которым звонят еженедельно", "target": "40"},
        {"name": "Активных участников группы", "target": "25"},
        {"name": "Встреч и вечеров за месяц", "target": "4"},
    ],
    "series": [[8, 12, 17, 22, 27, 31], [6, 9, 11, 14, 17, 19], [1, 2, 2, 3, 3, 4]],
}
# (community index or None, title, start in days from today, due in days, status, result)
ROADMAP = [
    (None, "Анкетирование инициативных групп, ТОС и НКО (приложение 4)", -90, -60, "done", "Получено 14 анкет"),
    (None, "Письма в сообщества и объединения (приложение 5)", -60, -45, "done", "Разослано 20 писем"),
    (6, "Сессия по канве «минимально жизнеспособного» сообщества", -40, -30, "done", "Канва заполнена"),
    (2, "Создание ТОС на базе совета дома", -30, -5, "in_progress", ""),
    (None, "Вступление сообществ в коалицию «Забота рядом»", -20, 30, "in_progress", ""),
    (9, "Перезапуск группы: новая встреча с жителями", 0, 14, "planned", ""),
    (None, "Обучение комьюнити-менеджеров района", 10, 40, "planned", ""),
    (3, "Собрание ТСН: выбор ответственного за пожилых соседей", -15, -2, "planned", ""),
]


def load(places):
    users = {name: user_by_username(name) for name in ("coordinator", "coordinator_ozersk")}
    actor = users.get("coordinator")
    if selectors.communities(actor).exists():
        return
    today = timezone.localdate()
    orgs = {o.name: o for o in organizations()}
    made = []
    for name, form, place, status, level, months, members, org_names, manager in COMMUNITIES:
        c = services.community_create(
            name=name,
            form=form,
            territory=places[place],
            status="active" if status == "relaunching" else status,
            responsible=users.get(manager),
            member_estimate=members,
            coalition_since=today - timedelta(days=30 * months) if months else None,
            meeting_place="помещение ТОС" if form.startswith("tos") else "",
            organizations=[orgs[n] for n in org_names if n in orgs],
            signs={"population": 2, "place": 2, "interaction": 1 if status == "forming" else 2, "feeling": 1},
            readiness=["problem", "awareness", "activists"] + (["manager"] if status == "active" else []),
            actor=actor,
        )
        if level != "informing":
            services.community_set_engagement(
                community=c, level="consulting", note="Провели опрос жителей", actor=actor
            )
            if level != "consulting":
                services.community_set_engagement(community=c, level=level, note="Совместный проект", actor=actor)
        made.append(c)
    relaunched = made[9]
    services.community_audit_record(
        community=relaunched,
        decision="relaunch",
        signs={"population": 2, "place": 2, "interaction": 0, "feeling": 1},
        mood="Участники устали, встречи перестали собирать людей",
        feedback="Хотят встречаться летом на участках, а не в клубе",
        events_held=1,
        note="Лидер переехал; перезапускаем группу с новым форматом встреч",
        actor=actor,
    )
    services.community_audit_record(
        community=made[11], decision="close", note="Группа распалась, участники перешли в ТОС", actor=actor
    )
    _canvases(made, actor, today)
    _interactions(made, users, actor, today)
    for index, title, start, due, status, result in ROADMAP:
        community = made[index] if index is not None else None
        step = services.roadmap_step_create(
            territory=community.territory if community else places["Заречная область"],
            title=title,
            community=community,
            responsible=actor,
            start_date=today + timedelta(days=start),
            due_date=today + timedelta(days=due),
            actor=actor,
        )
        if status != "planned" or result:
            services.roadmap_step_update(step=step, status=status, result=result, actor=actor)
    for leader in selectors.leaders(actor):  # the register's leaders join the communities they named
        match = next((c for c in made if c.name == leader.community), None)
        if match and leader.linked_community_id is None:
            services.leader_save(leader=leader, linked_community=match, actor=actor)


def _canvases(made, actor, today):
    north = made[0]
    services.canvas_save(community=north, kind="full", answers=FULL_CANVAS_V1, note="Первая сессия", actor=actor)
    services.canvas_save(
        community=north, kind="full", answers=FULL_CANVAS_V2, note="Дополнили на собрании", actor=actor
    )
    ozersk = made[6]
    services.canvas_save(
        community=ozersk,
        kind="minimum",
        answers=MINIMUM_COMPLETE["answers"],
        values=MINIMUM_COMPLETE["values"],
        metrics=MINIMUM_COMPLETE["metrics"],
        note="Сессия по канве",
        actor=actor,
    )
    for metric, values in enumerate(MINIMUM_COMPLETE["series"], start=1):
        for month, value in enumerate(values):
            services.metric_measure(
                community=ozersk,
                metric=metric,
                measured_on=today - timedelta(days=30 * (5 - month)),
                value=value,
                actor=actor,
            )
    services.canvas_save(
        community=made[2],
        kind="minimum",
        answers={"purpose": "Чтобы пожилым жильцам дома было к кому обратиться."},
        values=["Соседство", "Доверие", "Порядок"],
        note="Начали заполнять",
        actor=actor,
    )
    services.canvas_save(
        community=made[7], kind="full", answers={"purpose": "Активное долголетие и общение."}, actor=actor
    )


def _interactions(made, users, actor, today):
    # (community index, days ago, format, topic, participants, result, next step, due in days from today)
    rows = [
        (0, 40, "session", "Сессия по канве сообщества", 14, "Заполнены 17 блоков канвы", "", None),
        (
            6,
            35,
            "focus_group",
            "Что мешает пожилым соседям выходить из дома",
            9,
            "Нужны поручни и скамейки",
            "Письмо в управляющую компанию о поручнях",
            -10,
        ),
        (
            2,
            20,
            "interview",
            "Интервью с председателем совета дома",
            1,
            "Готовы создать ТОС",
            "Подготовить документы для учреждения ТОС",
            -3,
        ),
        (
            3,
            12,
            "survey",
            "Опрос жителей о потребностях старших",
            48,
            "Главное — помощь с покупками",
            "Собрать группу помощников с покупками",
            7,
        ),
        (8, 6, "discussion", "Онлайн-обсуждение правил чата", 30, "Приняты правила чата", "Назначить модераторов", 5),
        (
            9,
            3,
            "meeting",
            "Встреча после аудита: как перезапустить группу",
            6,
            "Решили встречаться на участках",
            "Первая встреча на участке",
            14,
        ),
        (
            4,
            25,
            "deep_interview",
            "Глубинное интервью с лидером совета ветеранов",
            1,
            "Готовы вести звонки",
            "Передать список одиноких пожилых (с согласия)",
            -7,
        ),
    ]
    for index, ago, fmt, topic, people, result, step, due in rows:
        community = made[index]
        services.interaction_create(
            community=community,
            held_on=today - timedelta(days=ago),
            format=fmt,
            topic=topic,
            participants=people,
            result=result,
            next_step=step,
            responsible=community.responsible or actor,
            due_date=today + timedelta(days=due) if due is not None else None,
            actor=actor,
        )
    org = next((o for o in organizations() if o.name == "КЦСОН Озёрского района"), None)
    if org:
        services.interaction_create(
            organization=org,
            held_on=today - timedelta(days=8),
            format="meeting",
            topic="Совместные визиты к одиноким пожилым",
            participants=4,
            result="Договорились о графике",
            next_step="Согласовать список адресов",
            responsible=users.get("coordinator_ozersk") or actor,
            due_date=today - timedelta(days=1),
            actor=actor,
        )
