"""Экспертная сессия «Доступность заботы»: чек-лист Коалиции, оценки, предложения, протокол."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from audit.tracking import track

SCORE_VALIDATORS = [MinValueValidator(1, "Оценка — от 1 до 5."), MaxValueValidator(5, "Оценка — от 1 до 5.")]


class ChecklistTemplate(models.Model):
    """One version of a checklist. Editing makes a new version; sessions keep the version they used."""

    name = models.CharField("название", max_length=200)
    version = models.PositiveSmallIntegerField("версия", default=1)
    note = models.CharField("что изменено", max_length=300, blank=True)
    is_current = models.BooleanField("текущая версия", default=True)
    created_at = models.DateTimeField("создана", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "-version"]
        verbose_name = "чек-лист"
        verbose_name_plural = "чек-листы"
        constraints = [models.UniqueConstraint(fields=["name", "version"], name="checklist_version_unique")]

    def __str__(self):
        return f"{self.name}, версия {self.version}"


class Criterion(models.Model):
    class Evidence(models.TextChoices):
        NONE = "", "—"
        AWARENESS = "awareness", "Известность: проверенные публичные карточки, поиски"
        ROUTING = "routing", "Маршрутизация: соединение за 3 суток, просрочки"
        VOLUNTEERS = "volunteers", "Волонтёры: активные и их загрузка"
        LEADERS = "leaders", "Лидеры сообществ"
        YOUTH = "youth", "Молодёжь среди волонтёров"
        NEIGHBOURS = "neighbours", "Обращения от соседей"
        SITES = "sites", "Площадки социализации"

    template = models.ForeignKey(ChecklistTemplate, on_delete=models.CASCADE, related_name="criteria")
    number = models.PositiveSmallIntegerField("№")
    title = models.CharField("критерий", max_length=300)
    description = models.TextField("пояснение", blank=True)
    evidence = models.CharField(
        "данные платформы", max_length=20, choices=Evidence.choices, blank=True, default=Evidence.NONE
    )

    class Meta:
        ordering = ["template", "number"]
        verbose_name = "критерий"
        verbose_name_plural = "критерии"
        constraints = [models.UniqueConstraint(fields=["template", "number"], name="criterion_number_unique")]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Session(models.Model):
    template = models.ForeignKey(
        ChecklistTemplate, verbose_name="чек-лист (версия)", on_delete=models.PROTECT, related_name="sessions"
    )
    title = models.CharField("тема", max_length=300, default="Доступность заботы")
    subtitle = models.CharField(
        "подзаголовок",
        max_length=400,
        blank=True,
        help_text="Например: «Доступность элементов Заботы (помощи Старшим) в Рязанской области».",
    )
    held_on = models.DateField("дата")
    starts_at = models.TimeField("время", null=True, blank=True)
    place_text = models.CharField("место проведения", max_length=300, blank=True)
    place_org = models.ForeignKey(
        "directory.Organization",
        verbose_name="место — организация из справочника",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    goal = models.TextField("цель сессии", default="Выявить узкие места в доступности Заботы")
    questions = models.TextField("рассматриваемые вопросы", help_text="По одному вопросу в строке.")
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name="оцениваемая территория",
        on_delete=models.PROTECT,
        related_name="assessment_sessions",
    )
    moderator = models.CharField("модератор", max_length=300, blank=True)
    intro = models.TextField("общие выводы", blank=True, help_text="Текст протокола перед результатами по чек-листу.")
    moderator_opinion = models.TextField("особое мнение модератора (общее)", blank=True)
    media = models.TextField("СМИ, освещавшие сессию", blank=True, help_text="По одному изданию или ссылке в строке.")
    head_title = models.CharField(
        "подпись: должность", max_length=300, blank=True, help_text="Руководитель ресурсного центра."
    )
    head_name = models.CharField("подпись: ФИО", max_length=200, blank=True)
    practices = models.ManyToManyField(
        "practices.Practice", verbose_name="лучшие практики", blank=True, related_name="sessions"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = "экспертная сессия"
        verbose_name_plural = "экспертные сессии"

    def __str__(self):
        return f"{self.title} — {self.territory} ({self.held_on:%d.%m.%Y})"

    @property
    def audit_label(self):
        return f"Экспертная сессия №{self.pk}"

    def question_list(self):
        return [line.strip() for line in self.questions.splitlines() if line.strip()]

    def media_list(self):
        return [line.strip() for line in self.media.splitlines() if line.strip()]

    @property
    def place(self):
        if self.place_org_id and self.place_text:
            return f"{self.place_org.name}, {self.place_text}"
        return self.place_org.name if self.place_org_id else self.place_text


class Participant(models.Model):
    class Group(models.TextChoices):
        AUTHORITY = "authority", "Органы власти"
        RESOURCE = "resource", "Ресурсные центры"
        HELPING = "helping", "«Помогающие организации»"
        NGO = "ngo", "Некоммерческие организации, работающие с пожилыми"
        TOS = "tos", "ТОС"
        BUSINESS = "business", "Бизнес"
        MEDIA = "media", "СМИ"
        OTHER = "other", "Другие участники"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="participants")
    group = models.CharField("группа", max_length=20, choices=Group.choices)
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name="организация из справочника",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField("организация (нет в справочнике)", max_length=400, blank=True)
    note = models.CharField("примечание", max_length=300, blank=True, help_text="Например: «модератор сессии».")

    class Meta:
        ordering = ["session", "group", "id"]
        verbose_name = "участник"
        verbose_name_plural = "участники"

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        name = self.organization.name if self.organization_id else self.name
        return f"{name} — {self.note}" if self.note else name


class Score(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    value = models.PositiveSmallIntegerField("согласованная оценка", null=True, blank=True, validators=SCORE_VALIDATORS)
    not_required = models.BooleanField("«не требуется»", default=False)
    spread_low = models.PositiveSmallIntegerField(
        "разброс мнений: от", null=True, blank=True, validators=SCORE_VALIDATORS
    )
    spread_high = models.PositiveSmallIntegerField(
        "разброс мнений: до", null=True, blank=True, validators=SCORE_VALIDATORS
    )
    self_value = models.PositiveSmallIntegerField("самооценка", null=True, blank=True, validators=SCORE_VALIDATORS)
    self_not_required = models.BooleanField("самооценка «не требуется»", default=False)
    discussion = models.TextField("обсуждение", blank=True)
    dissent = models.TextField("особое мнение модератора", blank=True)

    class Meta:
        ordering = ["session", "criterion__number"]
        verbose_name = "оценка"
        verbose_name_plural = "оценки"
        constraints = [
            models.UniqueConstraint(fields=["session", "criterion"], name="score_once_per_criterion"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=1, value__lte=5), name="score_value_1_5"
            ),
            models.CheckConstraint(
                condition=Q(not_required=False) | Q(value__isnull=True), name="score_not_required_has_no_value"
            ),
        ]

    def __str__(self):
        return f"{self.criterion.number}: {self.display}"

    @property
    def display(self):
        return score_text(self.value, self.not_required)

    @property
    def self_display(self):
        return score_text(self.self_value, self.self_not_required)

    @property
    def spread(self):
        if self.spread_low and self.spread_high and self.spread_low != self.spread_high:
            return f"{self.spread_low}–{self.spread_high}"
        return ""

    @property
    def is_scored(self):
        return self.value is not None or self.not_required


def score_text(value, not_required):
    if not_required:
        return "не требуется"
    return "" if value is None else str(value)


class Proposal(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", "Предложено"
        SENT = "sent", "Направлено адресату"
        HEARD = "heard", "Нас услышали и уже включили в план работы"
        IN_PROGRESS = "in_progress", "Выполняется"
        DONE = "done", "Выполнено"
        DECLINED = "declined", "Не принято"

    # Nothing left to chase: accepted into someone's plan, done, or declined.
    CLOSED = (Status.HEARD, Status.DONE, Status.DECLINED)

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="proposals")
    criterion = models.ForeignKey(
        Criterion, verbose_name="критерий", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField("предложение")
    addressee_org = models.ForeignKey(
        "directory.Organization",
        verbose_name="адресат — организация из справочника",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    addressee = models.CharField("адресат (организация или орган власти)", max_length=400, blank=True)
    responsible = models.CharField("ответственный", max_length=300, blank=True)
    due_on = models.DateField("срок", null=True, blank=True)
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.PROPOSED)
    status_note = models.CharField("комментарий к статусу", max_length=500, blank=True)
    status_changed_at = models.DateTimeField("статус изменён", null=True, blank=True)
    practice = models.ForeignKey(
        "practices.Practice",
        verbose_name="лучшая практика",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    roadmap_step_id = models.PositiveIntegerField("шаг дорожной карты", null=True, blank=True)

    class Meta:
        ordering = ["session", "criterion__number", "id"]
        verbose_name = "предложение"
        verbose_name_plural = "предложения"

    def __str__(self):
        return self.text[:80]

    @property
    def addressee_name(self):
        return self.addressee_org.name if self.addressee_org_id else self.addressee


class Task(models.Model):
    """Задача на год, вытекающая из сессии."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="tasks")
    criterion = models.ForeignKey(
        Criterion, verbose_name="критерий", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField("задача")
    year = models.PositiveSmallIntegerField("год", null=True, blank=True)

    class Meta:
        ordering = ["session", "criterion__number", "id"]
        verbose_name = "задача на год"
        verbose_name_plural = "задачи на год"

    def __str__(self):
        return self.text[:80]


class ProtocolTemplate(models.Model):
    """A DOCX (docxtpl) the resource centre uploaded to replace the default protocol layout for its territory."""

    territory = models.ForeignKey(
        "territories.Territory", verbose_name="территория", on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField("файл", max_length=200)
    data = models.BinaryField()
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = "шаблон протокола"
        verbose_name_plural = "шаблоны протокола"

    def __str__(self):
        return self.file_name


for _model in (ChecklistTemplate, Criterion, Session, Participant, Score, Proposal, Task):
    track(_model)
