"""Outreach kit (#14): questionnaires with personal links, letters by template, contacts for letters."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.personal import BLANK

# Caps on everything a respondent can send (the public link needs no account).
MAX_TEXT = 2000
MAX_OTHER = 300
MAX_QUESTIONS = 100
MAX_CHOICES = 30
MAX_NUMBER = 10**9
MAX_RECIPIENTS = 500


class Questionnaire(models.Model):
    title = models.CharField("название", max_length=300)
    intro = models.TextField("вступление", blank=True, help_text="Что увидит респондент над вопросами.")
    code = models.SlugField("код", max_length=40, blank=True, help_text="Для анкет из методического сборника.")
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name="территория",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Пусто — анкета общая для всех территорий.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = "анкета"
        verbose_name_plural = "анкеты"

    def __str__(self):
        return self.title

    @property
    def is_locked(self):
        """Once sent, questions stay as they were asked (answers refer to them); make a copy to change."""
        return self.sendings.exists()


class Question(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", "Текст"
        NUMBER = "number", "Число"
        SINGLE = "single", "Один вариант"
        MULTIPLE = "multiple", "Несколько вариантов"
        SCALE = "scale", "Шкала 1–5"

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField("порядок", default=0)
    section = models.CharField("раздел", max_length=200, blank=True)
    text = models.CharField("вопрос", max_length=1000)
    help_text = models.CharField("подсказка", max_length=500, blank=True)
    kind = models.CharField("тип", max_length=10, choices=Kind.choices, default=Kind.TEXT)
    required = models.BooleanField("обязательный", default=False)
    choices = models.JSONField("варианты", default=list, blank=True)
    allow_other = models.BooleanField("вариант «Другое» с текстом", default=False)
    scale_low = models.CharField("подпись к 1", max_length=100, blank=True)
    scale_high = models.CharField("подпись к 5", max_length=100, blank=True)

    class Meta:
        verbose_name = "вопрос анкеты"
        verbose_name_plural = "вопросы анкет"
        ordering = ["order", "id"]

    def __str__(self):
        return self.text

    @property
    def has_choices(self):
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)

    def as_plain(self):
        return {
            "id": self.pk,
            "section": self.section,
            "text": self.text,
            "kind": self.kind,
            "required": self.required,
            "choices": list(self.choices or []),
            "allow_other": self.allow_other,
        }


class Sending(models.Model):
    """One mailing of a questionnaire to a selection of organizations, communities and leaders."""

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name="анкета", on_delete=models.PROTECT, related_name="sendings"
    )
    title = models.CharField("название рассылки", max_length=300)
    territory = models.ForeignKey(
        "territories.Territory", verbose_name="территория", on_delete=models.PROTECT, related_name="+"
    )
    message = models.TextField("сопроводительный текст", blank=True)
    deadline = models.DateField("ответить до", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "рассылка анкеты"
        verbose_name_plural = "рассылки анкет"

    def __str__(self):
        return self.title

    def is_open(self, today=None):
        return self.deadline is None or self.deadline >= (today or timezone.localdate())


def _token():
    return secrets.token_urlsafe(24)


class Recipient(models.Model):
    """A respondent of a sending with a personal link; answers are kept as a draft until submitted once."""

    class Kind(models.TextChoices):
        ORGANIZATION = "organization", "Организация"
        COMMUNITY = "community", "Сообщество"
        LEADER = "leader", "Лидер сообщества"

    class Channel(models.TextChoices):
        ONLINE = "online", "По ссылке"
        PAPER = "paper", "На бумаге"

    sending = models.ForeignKey(Sending, on_delete=models.CASCADE, related_name="recipients")
    kind = models.CharField("кто", max_length=20, choices=Kind.choices)
    organization = models.ForeignKey(
        "directory.Organization", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    community = models.ForeignKey(
        "communities.Community", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    leader = models.ForeignKey(
        "communities.CommunityLeader", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField("респондент", max_length=300)
    group = models.CharField("вид / форма", max_length=100, blank=True)
    territory = models.ForeignKey("territories.Territory", on_delete=models.PROTECT, related_name="+")
    email = models.EmailField("эл. почта", blank=True)
    token = models.CharField(max_length=64, unique=True, default=_token)
    answers = models.JSONField(default=dict, blank=True)
    invited_at = models.DateTimeField("приглашение отправлено", null=True, blank=True)
    opened_at = models.DateTimeField("ссылка открыта", null=True, blank=True)
    saved_at = models.DateTimeField("черновик сохранён", null=True, blank=True)
    submitted_at = models.DateTimeField("ответ отправлен", null=True, blank=True)
    channel = models.CharField("как ответил", max_length=10, choices=Channel.choices, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminded_at = models.DateTimeField("напоминание отправлено", null=True, blank=True)

    class Meta:
        verbose_name = "получатель рассылки"
        verbose_name_plural = "получатели рассылок"
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sending", "organization"], name="outreach_recipient_org_once"),
            models.UniqueConstraint(fields=["sending", "community"], name="outreach_recipient_community_once"),
            models.UniqueConstraint(fields=["sending", "leader"], name="outreach_recipient_leader_once"),
        ]

    def __str__(self):
        return self.name

    @property
    def audit_label(self):
        return f"Респондент анкеты №{self.pk}"

    @property
    def status(self):
        if self.submitted_at:
            return "Ответил"
        if self.saved_at:
            return "Черновик"
        if self.opened_at:
            return "Открыл ссылку"
        return "Не открывал"

    @property
    def party(self):
        return self.organization or self.community or (self.leader.linked_community if self.leader_id else None)


class Contact(models.Model):
    """A person letters are addressed to: head of an organization, an official, a journalist."""

    class Kind(models.TextChoices):
        HEAD = "head", "Руководитель организации"
        REGIONAL = "regional", "Региональный орган власти"
        MUNICIPAL = "municipal", "Муниципальный орган власти"
        MEDIA = "media", "СМИ (журналист)"
        OTHER = "other", "Другое"

    class Gender(models.TextChoices):
        AUTO = "", "По отчеству"
        MALE = "m", "Мужской"
        FEMALE = "f", "Женский"

    kind = models.CharField("кто", max_length=20, choices=Kind.choices)
    last_name = models.CharField("фамилия", max_length=100)
    first_name = models.CharField("имя", max_length=100)
    middle_name = models.CharField("отчество", max_length=100, blank=True)
    gender = models.CharField("пол (для обращения)", max_length=1, choices=Gender.choices, blank=True)
    position = models.CharField("должность", max_length=300, blank=True)
    position_dative = models.CharField(
        "должность в дательном падеже",
        max_length=300,
        blank=True,
        help_text="Кому: «Министру социального развития …». Пусто — склоняется автоматически.",
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name="организация из справочника",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organization_name = models.CharField("организация / ведомство", max_length=300, blank=True)
    outlet = models.CharField("СМИ (издание)", max_length=200, blank=True)
    beat = models.CharField("тема (что освещает)", max_length=200, blank=True)
    territory = models.ForeignKey(
        "territories.Territory", verbose_name="территория", on_delete=models.PROTECT, related_name="+"
    )
    email = models.EmailField("эл. почта", blank=True)
    phone = models.CharField("телефон", max_length=16, blank=True)
    address = models.CharField("почтовый адрес", max_length=300, blank=True)
    consent_at = models.DateField("согласие на обработку данных получено", null=True, blank=True)
    consent_note = models.CharField("как получено согласие", max_length=300, blank=True)
    notes = models.TextField("примечания", blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    PERSONAL_FIELDS = {
        "last_name": BLANK,
        "first_name": BLANK,
        "middle_name": BLANK,
        "email": BLANK,
        "phone": BLANK,
        "address": BLANK,
    }

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = "контакт для писем"
        verbose_name_plural = "контакты для писем"

    def __str__(self):
        return self.full_name

    @property
    def audit_label(self):
        return f"Контакт №{self.pk}"

    @property
    def full_name(self):
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    @property
    def org_label(self):
        return self.outlet or self.organization_name or (self.organization.name if self.organization_id else "")


class LetterTemplate(models.Model):
    class Kind(models.TextChoices):
        COMMUNITIES = "communities", "В сообщества и объединения"
        AUTHORITIES = "authorities", "В региональные органы власти"
        MEDIA = "media", "В средства массовой информации"
        OTHER = "other", "Другое"

    name = models.CharField("название шаблона", max_length=200)
    kind = models.CharField("назначение", max_length=20, choices=Kind.choices)
    code = models.SlugField("код", max_length=40, blank=True)
    subject = models.CharField("тема письма", max_length=300)
    body = models.TextField(
        "текст письма", help_text="Абзацы разделяйте пустой строкой; поля — в фигурных скобках, например {регион}."
    )
    centre_name = models.CharField("ресурсный центр", max_length=300, blank=True)
    head_position = models.CharField("должность руководителя ТРЦ", max_length=200, blank=True)
    head_name = models.CharField("руководитель ТРЦ (И. О. Фамилия)", max_length=200, blank=True)
    centre_contacts = models.CharField("контакты ТРЦ", max_length=300, blank=True)
    region = models.CharField("регион", max_length=200, blank=True)
    number_prefix = models.CharField("префикс исходящего номера", max_length=30, default="ТРЦ")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = "шаблон письма"
        verbose_name_plural = "шаблоны писем"

    def __str__(self):
        return self.name


class Letter(models.Model):
    """The register of sent letters: outgoing number, date, recipient, template and the files."""

    template = models.ForeignKey(LetterTemplate, verbose_name="шаблон", on_delete=models.PROTECT, related_name="+")
    batch = models.CharField(max_length=32, db_index=True)
    number = models.CharField("исходящий номер", max_length=60)
    date = models.DateField("дата", default=timezone.localdate)
    contact = models.ForeignKey(
        Contact, verbose_name="адресат", null=True, blank=True, on_delete=models.SET_NULL, related_name="letters"
    )
    recipient = models.CharField("адресат", max_length=300)
    greeting = models.CharField("обращение", max_length=300)
    address_lines = models.TextField("кому")
    check_declension = models.BooleanField("проверить склонение", default=False)
    territory = models.ForeignKey("territories.Territory", on_delete=models.PROTECT, related_name="+")
    docx = models.BinaryField(editable=False)
    pdf = models.BinaryField(editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "письмо"
        verbose_name_plural = "реестр писем"

    def __str__(self):
        return f"№ {self.number} от {self.date:%d.%m.%Y}"

    @property
    def file_stem(self):
        return f"pismo-{self.number}".replace("/", "-").replace(" ", "")
