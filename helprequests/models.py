from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from audit.tracking import track
from core.personal import BLANK

NUMBER_ATTEMPTS = 5


class Channel(models.TextChoices):
    HOTLINE = "hotline", "Горячая линия"
    NEIGHBOUR = "neighbour", "Сосед сообщил"
    SOCIAL_WORKER = "social_worker", "Соцработник"
    PHONE_VOLUNTEER = "phone_volunteer", "Телефонный волонтёр"
    WALK_IN = "walk_in", "Личный визит"
    WEBSITE = "website", "Сайт"


class Urgency(models.TextChoices):
    URGENT = "urgent", "Срочно"
    WITHIN_3_DAYS = "within_3_days", "В течение 3 дней"
    PLANNED = "planned", "Плановая"


class Status(models.TextChoices):
    NEW = "new", "Новая"
    TRIAGE = "triage", "На разборе"
    ASSIGNED = "assigned", "Направлена"
    ACCEPTED = "accepted", "Принята"
    DECLINED = "declined", "Отклонена"
    CONNECTED = "connected", "Связь установлена"
    IN_PROGRESS = "in_progress", "Помощь оказывается"
    CLOSED = "closed", "Закрыта"


# Before these statuses the person is still waiting to be connected with a helper.
NOT_CONNECTED = [Status.NEW, Status.TRIAGE, Status.ASSIGNED, Status.ACCEPTED, Status.DECLINED]
# Waiting for a helper to be found (routing, batch assignment, claims).
UNROUTED = [Status.NEW, Status.TRIAGE, Status.DECLINED]
# A helper is working on it: counts toward the helper's load.
LOADING = [Status.ASSIGNED, Status.ACCEPTED, Status.CONNECTED, Status.IN_PROGRESS]

TRANSITIONS = {
    Status.NEW: {Status.TRIAGE, Status.ASSIGNED, Status.CLOSED},
    Status.TRIAGE: {Status.ASSIGNED, Status.CLOSED},
    Status.ASSIGNED: {Status.ASSIGNED, Status.ACCEPTED, Status.DECLINED, Status.CLOSED},
    Status.DECLINED: {Status.TRIAGE, Status.ASSIGNED, Status.CLOSED},
    Status.ACCEPTED: {Status.CONNECTED, Status.DECLINED, Status.CLOSED},
    Status.CONNECTED: {Status.IN_PROGRESS, Status.CLOSED},
    Status.IN_PROGRESS: {Status.CLOSED},
    Status.CLOSED: set(),
}


class CloseReason(models.TextChoices):
    SATISFIED = "satisfied", "Потребности удовлетворены"
    HANDED_OVER = "handed_over", "Передано в органы соцзащиты / систему долговременного ухода"
    REFUSED = "refused", "Отказ подопечного"
    UNREACHABLE = "unreachable", "Не удалось связаться"
    NO_RESOURCES = "no_resources", "Нехватка ресурсов у помогающего"
    CONFLICT = "conflict", "Конфликтная ситуация"
    DEATH = "death", "Смерть"
    OTHER = "other", "Другое"


class HelpRequestQuerySet(models.QuerySet):
    def overdue(self, now=None):
        """Not yet connected and past the connection limit: derived, never stored."""
        return self.filter(status__in=NOT_CONNECTED, connect_due_at__lt=now or timezone.now())

    def due_soon(self, hours=24, now=None):
        now = now or timezone.now()
        return self.filter(
            status__in=NOT_CONNECTED, connect_due_at__gte=now, connect_due_at__lt=now + timedelta(hours=hours)
        )


class HelpRequest(models.Model):
    number = models.CharField("номер", max_length=20, unique=True, editable=False)
    beneficiary = models.ForeignKey(
        "people.Beneficiary", verbose_name="подопечный", on_delete=models.PROTECT, related_name="help_requests"
    )
    territory = models.ForeignKey(
        "territories.Territory", verbose_name="территория", on_delete=models.PROTECT, related_name="help_requests"
    )
    channel = models.CharField("канал", max_length=20, choices=Channel.choices)
    needs = models.ManyToManyField("catalog.ServiceCategory", verbose_name="что нужно", related_name="help_requests")
    urgency = models.CharField("срочность", max_length=20, choices=Urgency.choices, default=Urgency.WITHIN_3_DAYS)
    description = models.TextField("описание", blank=True)
    reporter_name = models.CharField("кто сообщил", max_length=200, blank=True)
    reporter_phone = models.CharField("телефон сообщившего", max_length=16, blank=True)
    reporter_relation = models.CharField("кем приходится", max_length=100, blank=True)
    reporter_consent_at = models.DateTimeField("согласие сообщившего", null=True, blank=True)
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    received_at = models.DateTimeField("поступила", default=timezone.now, db_index=True)
    connect_due_at = models.DateTimeField("связаться до", db_index=True)
    helper_organization = models.ForeignKey(
        "directory.Organization",
        verbose_name="направлена в организацию",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="help_requests",
    )
    helper_volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        verbose_name="направлена волонтёру",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="help_requests",
    )
    assigned_at = models.DateTimeField("направлена", null=True, blank=True)
    accepted_at = models.DateTimeField("принята", null=True, blank=True)
    connected_at = models.DateTimeField("связь установлена", null=True, blank=True)
    closed_at = models.DateTimeField("закрыта", null=True, blank=True, db_index=True)
    close_reason = models.CharField("причина закрытия", max_length=20, choices=CloseReason.choices, blank=True)
    close_institution = models.CharField("куда передано", max_length=300, blank=True)
    close_text = models.CharField("комментарий при закрытии", max_length=500, blank=True)
    escalated_at = models.DateTimeField("эскалация координатору", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="принял",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = HelpRequestQuerySet.as_manager()

    PERSONAL_FIELDS = {
        "description": BLANK,
        "reporter_name": BLANK,
        "reporter_phone": BLANK,
        "reporter_relation": BLANK,
        "close_text": BLANK,
    }
    PERSON_LOOKUP = "beneficiary"

    class Meta:
        ordering = ["-received_at"]
        verbose_name = "обращение"
        verbose_name_plural = "обращения"
        indexes = [  # a helper's load (routing, #12) reads only its requests in work
            models.Index(
                fields=["helper_organization"], condition=models.Q(status__in=LOADING), name="request_org_loading"
            ),
            models.Index(
                fields=["helper_volunteer"], condition=models.Q(status__in=LOADING), name="request_volunteer_loading"
            ),
        ]

    def __str__(self):
        return f"Обращение {self.number}"

    def save(self, *args, **kwargs):
        if not self.connect_due_at:
            self.connect_due_at = self.received_at + timedelta(hours=settings.CONNECT_LIMIT_HOURS)
        if self.number:
            return super().save(*args, **kwargs)
        # Two requests created at once compute the same next number; the unique index refuses the second,
        # which takes the number after it (inside a savepoint, so the caller's transaction goes on).
        for attempt in range(NUMBER_ATTEMPTS):
            number = self.number = _next_number(self.received_at)
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                self.number = ""
                if attempt == NUMBER_ATTEMPTS - 1 or not HelpRequest.objects.filter(number=number).exists():
                    raise

    @property
    def audit_label(self):
        return str(self)  # the request's number carries no personal data

    def is_overdue(self, now=None):
        return self.status in NOT_CONNECTED and (now or timezone.now()) > self.connect_due_at

    def can_move(self, status):
        return status in TRANSITIONS[self.status]

    @property
    def helper(self):
        return self.helper_organization or self.helper_volunteer

    @property
    def helper_type(self):
        if self.helper_organization_id:
            return "organization"
        if self.helper_volunteer_id:
            return "volunteer"
        return None

    @property
    def helper_id(self):
        return self.helper_organization_id or self.helper_volunteer_id


def _next_number(when):
    """Human number «2026-000123»: year and a sequence that never repeats."""
    year = timezone.localtime(when).year
    last = (
        HelpRequest.objects.filter(number__startswith=f"{year}-").order_by("-number").values_list("number", flat=True)
    )
    seq = int(last[0].split("-")[1]) + 1 if last else 1
    return f"{year}-{seq:06d}"


class StatusChange(models.Model):
    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="history")
    status = models.CharField("статус", max_length=20, choices=Status.choices)
    at = models.DateTimeField("когда", default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField("примечание", max_length=2000, blank=True)

    PERSONAL_FIELDS = {"note": BLANK}
    PERSON_LOOKUP = "request__beneficiary"

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "смена статуса"
        verbose_name_plural = "история статусов"

    def __str__(self):
        return f"{self.get_status_display()} {self.at:%d.%m.%Y %H:%M}"

    @property
    def who(self):
        """Who did it, by name (the login only when the user has no name); empty for the website."""
        if self.by is None:
            return ""
        return self.by.get_full_name() or self.by.get_username()

    @property
    def text(self):
        """The line as a person reads it: every action writes a note saying what happened (with the
        helper's words); a new request says where it came from."""
        note = (self.note or "").strip()
        if self.status == Status.NEW:
            return "Обращение получено" + (f": {note[:1].lower()}{note[1:]}" if note else "")
        return note or self.get_status_display()


class Assignment(models.Model):
    """Every time a request was sent to a helper, and what the helper answered."""

    class Outcome(models.TextChoices):
        PENDING = "pending", "Ждёт ответа"
        ACCEPTED = "accepted", "Принято"
        DECLINED = "declined", "Отклонено"
        WITHDRAWN = "withdrawn", "Отозвано"

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="assignments")
    organization = models.ForeignKey(
        "directory.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="assignments"
    )
    volunteer = models.ForeignKey(
        "volunteers.Volunteer", null=True, blank=True, on_delete=models.PROTECT, related_name="assignments"
    )
    assigned_at = models.DateTimeField(default=timezone.now)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    how = models.CharField(max_length=20, default="dispatch")  # dispatch, batch, claim
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    responded_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField("причина отказа", max_length=500, blank=True)

    PERSONAL_FIELDS = {"decline_reason": BLANK}
    PERSON_LOOKUP = "request__beneficiary"

    class Meta:
        ordering = ["assigned_at", "id"]
        verbose_name = "направление"
        verbose_name_plural = "направления"

    def __str__(self):
        return f"{self.request} → {self.organization or self.volunteer}"


class FollowUp(models.Model):
    """Контрольный звонок через 2 недели и через месяц после установления связи."""

    class Kind(models.TextChoices):
        TWO_WEEKS = "14d", "Через 2 недели"
        ONE_MONTH = "30d", "Через месяц"

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="followups")
    kind = models.CharField("когда", max_length=5, choices=Kind.choices)
    due_at = models.DateTimeField("позвонить", db_index=True)
    done_at = models.DateTimeField("позвонили", null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    help_came = models.BooleanField("помощь пришла", null=True)
    satisfaction = models.PositiveSmallIntegerField("удовлетворённость (1–5)", null=True, blank=True)
    comment = models.CharField("комментарий", max_length=1000, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    PERSONAL_FIELDS = {"comment": BLANK}
    PERSON_LOOKUP = "request__beneficiary"

    class Meta:
        ordering = ["due_at"]
        # The calls not made yet (#12): the queues and their counts read only these, not every call ever made.
        indexes = [models.Index(fields=["due_at"], name="followup_open_due", condition=models.Q(done_at__isnull=True))]
        verbose_name = "контрольный звонок"
        verbose_name_plural = "контрольные звонки"
        constraints = [models.UniqueConstraint(fields=["request", "kind"], name="followup_once_per_kind")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.request}"


track(HelpRequest)
track(FollowUp)
