from django.conf import settings
from django.db import models
from django.utils import timezone

from audit.tracking import track
from core.personal import BLANK


class CommunityLeader(models.Model):
    """Реестр лидеров сообществ (приложение 8 методического сборника)."""

    full_name = models.CharField("ФИО", max_length=200)
    community = models.CharField(
        "сообщество (текстом)", max_length=200, blank=True, help_text="Если сообщества ещё нет в реестре"
    )
    linked_community = models.ForeignKey(
        "communities.Community",
        verbose_name="сообщество",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leaders",
    )
    territory = models.ForeignKey(
        "territories.Territory", verbose_name="территория", on_delete=models.PROTECT, related_name="leaders"
    )
    role = models.CharField("роль в сообществе", max_length=200, blank=True)
    phone = models.CharField("телефон", max_length=16, blank=True)
    email = models.EmailField("эл. почта", blank=True)
    influence_area = models.CharField("сфера влияния", max_length=300, blank=True)
    how_found = models.CharField("как выявлен", max_length=300, blank=True)
    found_on = models.DateField("дата", default=timezone.localdate)
    notes = models.TextField("примечания", blank=True)
    lat = models.FloatField("широта", null=True, blank=True)
    lon = models.FloatField("долгота", null=True, blank=True)

    PERSONAL_FIELDS = {"full_name": BLANK, "phone": BLANK, "email": BLANK}

    class Meta:
        ordering = ["full_name"]
        verbose_name = "лидер сообщества"
        verbose_name_plural = "лидеры сообществ"

    def __str__(self):
        return self.full_name

    @property
    def audit_label(self):
        return f"Лидер сообщества №{self.pk}"

    @property
    def community_name(self):
        return self.linked_community.name if self.linked_community_id else self.community


class Form(models.TextChoices):
    """В каких формах «живут» местные сообщества (методический сборник)."""

    TOS_LEGAL = "tos_legal", "ТОС с образованием юридического лица"
    TOS = "tos", "ТОС без образования юридического лица"
    MKD_COUNCIL = "mkd_council", "Совет МКД"
    HOA = "hoa", "ТСЖ (ТСН)"
    LOCAL_NGO = "local_ngo", "Местная НКО"
    LOCAL_BRANCH = "local_branch", "Местное отделение городской или региональной структуры"
    INITIATIVE = "initiative", "Инициативная группа"
    INTEREST = "interest", "Группа по интересам"
    ONLINE = "online", "Группа или чат в интернете без офлайн-аналога"


FORMAL_FORMS = {Form.TOS_LEGAL, Form.TOS, Form.MKD_COUNCIL, Form.HOA, Form.LOCAL_NGO, Form.LOCAL_BRANCH}


class Engagement(models.TextChoices):
    """Четыре уровня вовлечения."""

    INFORMING = "informing", "Информирование"
    CONSULTING = "consulting", "Консультирование"
    PARTICIPATION = "participation", "Соучастие"
    PARTNERSHIP = "partnership", "Партнёрство"


# The four signs of a community and the conditions for its appearance, in the seed's words.
SIGNS = [
    ("population", "Население / общность людей", "историческая, культурная, соседская и т. д."),
    ("place", "Место (территория)", "пространство в пределах определённых границ"),
    ("interaction", "Социальное взаимодействие", "соседские отношения, общие правила и нормы, общественные услуги"),
    ("feeling", "Чувство сообщества", "общность ценностей, чувство принадлежности и ответственности"),
]
SIGN_SCORES = [(0, "нет"), (1, "слабо выражен"), (2, "выражен")]
READINESS = [
    ("problem", "Наличие проблемной ситуации на территории"),
    ("awareness", "Осознание жителями угрозы именно как проблемной ситуации"),
    ("activists", "Появление активистов среди жителей"),
    ("authorities_willing", "Желание властей сотрудничать с организованными жителями"),
    ("authorities_able", "Способность власти настроиться на это сотрудничество"),
    ("funds", "Наличие средств на осуществление организаторской деятельности на территории"),
    ("manager", "Привлечение комьюнити менеджера"),
]


class Community(models.Model):
    class Status(models.TextChoices):
        FORMING = "forming", "Формируется"
        ACTIVE = "active", "Действует"
        RELAUNCHING = "relaunching", "На перезапуске"
        REORGANIZED = "reorganized", "Реорганизовано"
        CEASED = "ceased", "Прекратило существование"

    name = models.CharField("название", max_length=200)
    form = models.CharField("форма", max_length=20, choices=Form.choices)
    territory = models.ForeignKey(
        "territories.Territory", verbose_name="территория", on_delete=models.PROTECT, related_name="communities"
    )
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.FORMING)
    engagement = models.CharField(
        "уровень вовлечения", max_length=20, choices=Engagement.choices, default=Engagement.INFORMING
    )
    signs = models.JSONField("признаки сообщества", default=dict, blank=True)
    readiness = models.JSONField("условия появления", default=list, blank=True)
    coalition_since = models.DateField("в коалиции «Забота рядом» с", null=True, blank=True)
    chat_links = models.TextField("чаты и группы (ссылки)", blank=True)
    meeting_place = models.CharField("место встреч", max_length=300, blank=True)
    member_estimate = models.PositiveIntegerField("участников (оценка)", null=True, blank=True)
    organizations = models.ManyToManyField(
        "directory.Organization", verbose_name="организации", blank=True, related_name="communities"
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="комьюнити-менеджер",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_communities",
    )
    description = models.TextField("описание", blank=True)
    lat = models.FloatField("широта", null=True, blank=True)
    lon = models.FloatField("долгота", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Statuses in which a community still works (the map's «gaps» are settlements without one).
    LIVE = (Status.FORMING, Status.ACTIVE, Status.RELAUNCHING)

    class Meta:
        ordering = ["name"]
        verbose_name = "сообщество"
        verbose_name_plural = "сообщества"

    def __str__(self):
        return self.name

    @property
    def is_formal(self):
        return self.form in FORMAL_FORMS

    @property
    def form_kind(self):
        return "формальное" if self.is_formal else "неформальное"

    def sign_rows(self):
        labels = dict(SIGN_SCORES)
        return [
            {
                "code": code,
                "label": label,
                "hint": hint,
                "score": self.signs.get(code),
                "text": labels.get(self.signs.get(code), "не оценён"),
            }
            for code, label, hint in SIGNS
        ]

    def readiness_rows(self):
        return [{"code": code, "label": label, "done": code in self.readiness} for code, label in READINESS]

    def point(self):
        if self.lat is not None and self.lon is not None:
            return self.lat, self.lon
        if self.territory.has_point:
            return self.territory.lat, self.territory.lon
        return None


class EngagementChange(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="engagement_history")
    level = models.CharField("уровень вовлечения", max_length=20, choices=Engagement.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField("комментарий", max_length=500, blank=True)

    class Meta:
        verbose_name = "изменение вовлечённости"
        verbose_name_plural = "изменения вовлечённости"
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.get_level_display()} с {self.at:%d.%m.%Y}"


class CanvasVersion(models.Model):
    """One saved state of a community's canvas; versions are never edited, a new one is added."""

    class Kind(models.TextChoices):
        FULL = "full", "Полная канва (17 блоков)"
        MINIMUM = "minimum", "«Минимально жизнеспособное» сообщество"

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="canvas_versions")
    kind = models.CharField("канва", max_length=10, choices=Kind.choices)
    number = models.PositiveIntegerField("версия")
    answers = models.JSONField(default=dict, blank=True)
    values = models.JSONField(default=list, blank=True)
    metrics = models.JSONField(default=list, blank=True)
    note = models.CharField("что изменилось", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "версия канвы"
        verbose_name_plural = "версии канвы"
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["community", "kind", "number"], name="canvas_version_unique")]

    def __str__(self):
        return f"{self.community} — {self.get_kind_display()}, версия {self.number}"

    @property
    def audit_label(self):
        return f"Канва сообщества №{self.community_id}, версия {self.number}"


class MetricMeasurement(models.Model):
    """A measured value of one of the minimum canvas's success metrics (by its position 1–3)."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="measurements")
    metric = models.PositiveSmallIntegerField("метрика")
    measured_on = models.DateField("дата измерения")
    value = models.FloatField("значение")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "замер показателя"
        verbose_name_plural = "замеры показателей"
        ordering = ["measured_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["community", "metric", "measured_on"], name="metric_measurement_unique")
        ]

    def __str__(self):
        return f"Метрика {self.metric}: {self.value} ({self.measured_on:%d.%m.%Y})"


class InteractionFormat(models.TextChoices):
    """Форматы вовлечения."""

    INTERVIEW = "interview", "Интервью"
    FOCUS_GROUP = "focus_group", "Фокус-группа"
    SURVEY = "survey", "Опрос, в том числе онлайн"
    VOTE = "vote", "Онлайн-голосование"
    DEEP_INTERVIEW = "deep_interview", "Глубинное интервью"
    ONLINE_COMMUNITY = "online_community", "Формирование онлайн-сообщества"
    CHATBOT = "chatbot", "Чат-бот"
    DISCUSSION = "discussion", "Онлайн-обсуждение"
    SESSION = "session", "Проведение сессии"
    COFUNDING = "cofunding", "Создание механизмов софинансирования"
    PUBLIC_CONTROL = "public_control", "Создание инструментов общественного контроля"
    MEETING = "meeting", "Встреча"
    LETTER = "letter", "Письмо"


class InteractionQuerySet(models.QuerySet):
    def open_next_steps(self):
        return self.exclude(next_step="").filter(next_step_done_at__isnull=True, due_date__isnull=False)

    def overdue(self, today=None):
        return self.open_next_steps().filter(due_date__lt=today or timezone.localdate())


class Interaction(models.Model):
    """Взаимодействие с сообществами (приложение 9)."""

    territory = models.ForeignKey(
        "territories.Territory", verbose_name="территория", on_delete=models.PROTECT, related_name="+"
    )
    community = models.ForeignKey(
        Community,
        verbose_name="сообщество",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="interactions",
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name="организация",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="community_interactions",
    )
    held_on = models.DateField("дата", default=timezone.localdate)
    format = models.CharField("формат", max_length=20, choices=InteractionFormat.choices)
    topic = models.CharField("тема", max_length=300)
    participants = models.PositiveIntegerField("участников", null=True, blank=True)
    result = models.TextField("результат", blank=True)
    next_step = models.CharField("следующий шаг", max_length=300, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ответственный",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="community_next_steps",
    )
    due_date = models.DateField("срок", null=True, blank=True)
    next_step_done_at = models.DateTimeField("шаг выполнен", null=True, blank=True)
    overdue_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InteractionQuerySet.as_manager()

    class Meta:
        verbose_name = "взаимодействие с сообществом"
        verbose_name_plural = "взаимодействия с сообществами"
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.held_on:%d.%m.%Y} {self.topic}"

    @property
    def party(self):
        return self.community or self.organization

    def is_overdue(self, today=None):
        return bool(
            self.next_step
            and self.due_date
            and not self.next_step_done_at
            and self.due_date < (today or timezone.localdate())
        )


class RoadmapStepQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=[RoadmapStep.Status.PLANNED, RoadmapStep.Status.IN_PROGRESS])

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())


class RoadmapStep(models.Model):
    """Дорожная карта действий ТРЦ + сообщества (приложение 10)."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Запланирован"
        IN_PROGRESS = "in_progress", "Выполняется"
        DONE = "done", "Выполнен"
        CANCELLED = "cancelled", "Отменён"

    territory = models.ForeignKey(
        "territories.Territory", verbose_name="территория", on_delete=models.PROTECT, related_name="+"
    )
    community = models.ForeignKey(
        Community,
        verbose_name="сообщество",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="roadmap_steps",
        help_text="Пусто — шаг для всех сообществ территории.",
    )
    title = models.CharField("шаг", max_length=300)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ответственный",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="roadmap_steps",
    )
    start_date = models.DateField("начало", null=True, blank=True)
    due_date = models.DateField("срок", null=True, blank=True)
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.PLANNED)
    result = models.TextField("результат", blank=True)
    source = models.CharField("источник", max_length=300, blank=True)
    overdue_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoadmapStepQuerySet.as_manager()

    class Meta:
        verbose_name = "шаг дорожной карты"
        verbose_name_plural = "шаги дорожной карты"
        ordering = ["due_date", "id"]

    def __str__(self):
        return self.title

    def is_overdue(self, today=None):
        return bool(
            self.status in (self.Status.PLANNED, self.Status.IN_PROGRESS)
            and self.due_date
            and self.due_date < (today or timezone.localdate())
        )


class CommunityAudit(models.Model):
    """Аудит сообщества комьюнити-менеджером (приложение 12), завершается решением."""

    class Decision(models.TextChoices):
        CONTINUE = "continue", "Продолжать"
        RELAUNCH = "relaunch", "Перезапустить"
        REORGANIZE = "reorganize", "Реорганизовать"
        CLOSE = "close", "Закрыть"

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="audits")
    held_on = models.DateField("дата аудита", default=timezone.localdate)
    signs = models.JSONField("признаки сообщества", default=dict, blank=True)
    mood = models.TextField("настроения участников", blank=True)
    feedback = models.TextField("обратная связь от участников", blank=True)
    events_held = models.PositiveIntegerField("проведено мероприятий", null=True, blank=True)
    decision = models.CharField("решение", max_length=20, choices=Decision.choices)
    note = models.TextField("обоснование решения", blank=True)
    status_before = models.CharField(max_length=20, blank=True)
    status_after = models.CharField(max_length=20, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    # The decision moves the community to this status.
    STATUS_AFTER = {
        Decision.CONTINUE: Community.Status.ACTIVE,
        Decision.RELAUNCH: Community.Status.RELAUNCHING,
        Decision.REORGANIZE: Community.Status.REORGANIZED,
        Decision.CLOSE: Community.Status.CEASED,
    }

    class Meta:
        verbose_name = "аудит сообщества"
        verbose_name_plural = "аудиты сообществ"
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"Аудит {self.held_on:%d.%m.%Y}: {self.get_decision_display()}"

    def status_after_label(self):
        return Community.Status(self.status_after).label if self.status_after else ""


track(CommunityLeader)
