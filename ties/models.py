"""Social ties of an older person and the stored isolation-risk level (#17, appendix 11 of the methodology).

Ties typed in by staff live here (`Tie`); a relative, neighbour, friend or social worker is linked to
the person's `people.SocialContact` (name and phone stay there, so the phone service's «кого из близких
известить» keeps working). Ties that other programmes already know — the phone volunteer, the guardian,
centres and events, helpers of open requests — are read from their apps, never copied.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from audit.tracking import track
from core.personal import ANONYMIZED, BLANK


class Kind(models.TextChoices):
    RELATIVE = "relative", "Родственник"
    NEIGHBOUR = "neighbour", "Сосед"
    FRIEND = "friend", "Друг"
    SOCIAL_WORKER = "social_worker", "Соцработник"
    COMMUNITY = "community", "Сообщество, клуб, ТОС"
    OTHER = "other", "Другое"


# people.SocialContact.relation for each kind that is a person with a phone.
CONTACT_RELATION = {
    Kind.RELATIVE: "relative",
    Kind.NEIGHBOUR: "neighbour",
    Kind.FRIEND: "friend",
    Kind.SOCIAL_WORKER: "social_worker",
    Kind.OTHER: "other",
}


class Frequency(models.TextChoices):
    DAILY = "daily", "Каждый день"
    WEEKLY = "weekly", "Раз в неделю"
    MONTHLY = "monthly", "Раз в месяц"
    RARELY = "rarely", "Реже раза в месяц"
    UNKNOWN = "", "Неизвестно"


class Tie(models.Model):
    class Ended(models.TextChoices):
        DIED = "died", "Умер(ла)"
        MOVED = "moved", "Уехал(а)"
        LOST = "lost", "Связь прервалась"

    beneficiary = models.ForeignKey(
        "people.Beneficiary", verbose_name="подопечный", on_delete=models.CASCADE, related_name="ties"
    )
    kind = models.CharField("кто это", max_length=20, choices=Kind.choices)
    contact = models.OneToOneField(
        "people.SocialContact",
        verbose_name="контакт",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tie",
    )
    # For a community, club or ТОС (no person): its name.
    name = models.CharField("название", max_length=200, blank=True)
    email = models.EmailField("эл. почта", blank=True)
    frequency = models.CharField("как часто общаются", max_length=10, choices=Frequency.choices, blank=True)
    last_contact_on = models.DateField("последний контакт", null=True, blank=True)
    lives_nearby = models.BooleanField("живёт рядом", default=False)
    # The relative agreed to receive messages about the person (the person's own consent is a Consent).
    agrees_to_messages = models.BooleanField("согласен получать сообщения о подопечном", default=False)
    ended_on = models.DateField("связь прекратилась", null=True, blank=True)
    ended_reason = models.CharField("почему", max_length=10, choices=Ended.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    PERSONAL_FIELDS = {"name": BLANK, "email": BLANK}
    PERSON_LOOKUP = "beneficiary"

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = "социальная связь"
        verbose_name_plural = "социальные связи"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.display_name}"

    @property
    def audit_label(self):
        return f"Связь подопечного №{self.beneficiary_id}"

    @property
    def display_name(self):
        return self.contact.name if self.contact_id else self.name

    @property
    def phone(self):
        return self.contact.phone if self.contact_id else ""

    @property
    def is_active(self):
        return self.ended_on is None


class Level(models.IntegerChoices):
    LOW = 0, "низкий"
    MEDIUM = 1, "средний"
    HIGH = 2, "высокий"


class Risk(models.Model):
    """The person's isolation-risk level as last computed (ties.services.risk_recompute), never on page view."""

    beneficiary = models.OneToOneField(
        "people.Beneficiary", primary_key=True, on_delete=models.CASCADE, related_name="isolation_risk"
    )
    # Copied from the person for the scoped, indexed worklist (recomputed with the level).
    territory = models.ForeignKey("territories.Territory", on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField("риск одиночества", choices=Level.choices, default=Level.LOW)
    score = models.SmallIntegerField("баллы", default=0)
    previous_score = models.SmallIntegerField("баллы при прошлом расчёте", null=True)
    factors = models.JSONField("факторы", default=list)  # [[code, points, sentence], ...]
    active_ties = models.PositiveSmallIntegerField("активных связей", default=0)
    last_contact_at = models.DateTimeField("последний успешный контакт", null=True)
    has_current_contact = models.BooleanField("есть текущий контакт", default=False)
    rising = models.BooleanField("риск растёт", default=False)
    level_since = models.DateTimeField("уровень с", default=timezone.now)
    computed_at = models.DateTimeField("рассчитан", default=timezone.now)

    class Meta:
        verbose_name = "риск одиночества"
        verbose_name_plural = "риск одиночества"
        indexes = [
            models.Index(fields=["has_current_contact", "level", "last_contact_at"], name="risk_worklist"),
            models.Index(fields=["territory", "level"], name="risk_territory_level"),
        ]

    def __str__(self):
        return f"Риск одиночества №{self.pk}: {self.get_level_display()}"

    @property
    def sentences(self):
        return [f[2] for f in self.factors]

    @property
    def on_worklist(self):
        return not self.has_current_contact and (self.level == Level.HIGH or (self.rising and self.level))


class Task(models.Model):
    """A next step taken from the worklist: call a relative, invite to an event, ask a neighbour to visit."""

    beneficiary = models.ForeignKey("people.Beneficiary", on_delete=models.CASCADE, related_name="isolation_tasks")
    text = models.CharField("что сделать", max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField("сделано", null=True, blank=True)

    PERSONAL_FIELDS = {"text": ANONYMIZED}
    PERSON_LOOKUP = "beneficiary"

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "задача по одиночеству"
        verbose_name_plural = "задачи по одиночеству"

    def __str__(self):
        return self.text

    @property
    def audit_label(self):
        return f"Задача по подопечному №{self.beneficiary_id}"


class RelativeMessage(models.Model):
    """A message sent to a relative who agreed to be informed (one per event and channel: never twice)."""

    class Channel(models.TextChoices):
        EMAIL = "email", "Эл. почта"
        SMS = "sms", "SMS"

    tie = models.ForeignKey(Tie, on_delete=models.CASCADE, related_name="messages")
    event = models.CharField("событие", max_length=60)  # e.g. "alert:12", "request_connected:5"
    channel = models.CharField("канал", max_length=5, choices=Channel.choices)
    address = models.CharField("куда", max_length=254)
    text = models.TextField("текст")
    sent_at = models.DateTimeField(default=timezone.now)

    PERSONAL_FIELDS = {"address": BLANK, "text": BLANK}
    PERSON_LOOKUP = "tie__beneficiary"

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = "сообщение близким"
        verbose_name_plural = "сообщения близким"
        constraints = [
            models.UniqueConstraint(fields=["tie", "event", "channel"], name="relative_message_once"),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} {self.sent_at:%d.%m.%Y}"

    @property
    def audit_label(self):
        return f"Сообщение близким подопечного №{self.tie.beneficiary_id}"


track(Tie)
track(Task)
track(RelativeMessage)
