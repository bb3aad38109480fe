"""«Алло, волонтёр!»: volunteers phone lonely older people on a schedule."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from audit.tracking import track
from core.personal import ANONYMIZED, BLANK
from volunteers.models import WEEKDAYS


class EnrolmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_at__isnull=True)


class Enrolment(models.Model):
    """An older person enrolled in the telephone service."""

    beneficiary = models.ForeignKey(
        "people.Beneficiary", verbose_name="подопечный", on_delete=models.PROTECT, related_name="phone_enrolments"
    )
    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        verbose_name="волонтёр",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="phone_enrolments",
    )
    weekdays = models.JSONField("дни звонков", default=list, help_text="1 — пн … 7 — вс.")
    every_weeks = models.PositiveSmallIntegerField("раз в сколько недель", default=1)
    window_start = models.TimeField("звонить с")
    window_end = models.TimeField("звонить до")
    language = models.CharField("язык общения", max_length=50, default="русский", blank=True)
    topics_to_avoid = models.CharField("темы, которых не касаться", max_length=500, blank=True)
    relatives_to_inform = models.ManyToManyField(
        "people.SocialContact", verbose_name="кого из близких известить о тревоге", blank=True
    )
    started_on = models.DateField("в службе с", default=timezone.localdate)
    ended_at = models.DateTimeField("выбыл", null=True, blank=True, db_index=True)  # «active» = not ended
    end_reason = models.CharField("причина выбытия", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = EnrolmentQuerySet.as_manager()

    PERSONAL_FIELDS = {"topics_to_avoid": BLANK, "end_reason": BLANK}
    PERSON_LOOKUP = "beneficiary"

    class Meta:
        ordering = ["beneficiary__full_name"]
        verbose_name = "участник службы"
        verbose_name_plural = "участники службы «Алло, волонтёр!»"

    def __str__(self):
        return f"«Алло, волонтёр!»: {self.beneficiary}"

    @property
    def audit_label(self):
        return f"Участник телефонной службы №{self.pk}"

    def weekdays_display(self):
        names = dict(WEEKDAYS)
        return ", ".join(names[d] for d in sorted(self.weekdays or []) if d in names)


class Identification(models.Model):
    """The stage before enrolment (the Yugra card): a specialist of an institution identified an older person
    as needing telephone help. It becomes an enrolment («обратился к волонтёрам») or a refusal with a reason.

    The KPI «обратились к волонтёрам / выявлено» counts people identified in the period and those turned."""

    class Status(models.TextChoices):
        IDENTIFIED = "identified", "Выявлен(а), нуждается в телефонной помощи"
        ENROLLED = "enrolled", "Обратился(ась) к волонтёрам: включен(а) в службу"
        REFUSED = "refused", "Отказ"

    class Source(models.TextChoices):
        FORM = "form", "Запись специалиста"
        ENROLMENT = "enrolment", "При включении в службу"
        WORKLIST = "worklist", "Список «Под риском одиночества»"
        API = "api", "API"

    beneficiary = models.ForeignKey(
        "people.Beneficiary",
        verbose_name="подопечный",
        on_delete=models.PROTECT,
        related_name="phone_identifications",
    )
    identified_on = models.DateField("дата выявления", default=timezone.localdate, db_index=True)
    identified_by = models.CharField("кто выявил", max_length=200)
    institution = models.CharField("учреждение", max_length=300)
    note = models.TextField("примечание", blank=True)
    status = models.CharField("этап", max_length=20, choices=Status.choices, default=Status.IDENTIFIED, db_index=True)
    decided_at = models.DateTimeField("когда решено", null=True, blank=True)
    refusal_reason = models.CharField("причина отказа", max_length=500, blank=True)
    enrolment = models.OneToOneField(
        Enrolment,
        verbose_name="участие в службе",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="identification",
    )
    source = models.CharField("откуда", max_length=20, choices=Source.choices, default=Source.FORM)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("записано", default=timezone.now)

    # The note and the reason may carry health details: the audit log notes the change, not the value.
    PERSONAL_FIELDS = {"note": BLANK, "refusal_reason": ANONYMIZED}
    PERSON_LOOKUP = "beneficiary"

    class Meta:
        ordering = ["-identified_on", "-id"]
        verbose_name = "выявление"
        verbose_name_plural = "выявленные, нуждающиеся в телефонной помощи"

    def __str__(self):
        return f"Выявлен(а) {self.identified_on:%d.%m.%Y}: {self.beneficiary}"

    @property
    def audit_label(self):
        return f"Выявление №{self.pk} (телефонная помощь)"

    @property
    def is_open(self):
        return self.status == self.Status.IDENTIFIED


class VolunteerChange(models.Model):
    """Who called the person and when: reassignment keeps the history."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="volunteer_history")
    volunteer = models.ForeignKey("volunteers.Volunteer", null=True, on_delete=models.PROTECT, related_name="+")
    since = models.DateTimeField(default=timezone.now)
    reason = models.CharField("причина", max_length=300, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    PERSONAL_FIELDS = {"reason": BLANK}
    PERSON_LOOKUP = "enrolment__beneficiary"

    class Meta:
        verbose_name = "смена волонтёра"
        verbose_name_plural = "смены волонтёров"
        ordering = ["since", "id"]

    def __str__(self):
        return f"{self.enrolment_id}: {self.volunteer} с {self.since:%d.%m.%Y}"


class Pause(models.Model):
    """A schedule exception: the person in hospital or away, or the volunteer on leave. No alerts then."""

    class Reason(models.TextChoices):
        HOSPITAL = "hospital", "Подопечный в больнице"
        AWAY = "away", "Подопечный в отъезде"
        VOLUNTEER_LEAVE = "volunteer_leave", "Волонтёр в отпуске"
        OTHER = "other", "Другое"

    enrolment = models.ForeignKey(Enrolment, null=True, blank=True, on_delete=models.CASCADE, related_name="pauses")
    volunteer = models.ForeignKey(
        "volunteers.Volunteer", null=True, blank=True, on_delete=models.CASCADE, related_name="phone_pauses"
    )
    starts_on = models.DateField("с")
    ends_on = models.DateField("по")
    reason = models.CharField("причина", max_length=20, choices=Reason.choices)
    note = models.CharField("примечание", max_length=300, blank=True)

    PERSONAL_FIELDS = {"note": BLANK}
    PERSON_LOOKUP = "enrolment__beneficiary"

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = "перерыв в звонках"
        verbose_name_plural = "перерывы в звонках"

    def __str__(self):
        return f"{self.get_reason_display()} {self.starts_on:%d.%m}–{self.ends_on:%d.%m}"


class CallQuerySet(models.QuerySet):
    def reached(self):
        return self.filter(reached=True)


class Call(models.Model):
    class Info(models.TextChoices):
        SUPPORT_MEASURES = "support_measures", "Меры социальной поддержки"
        HOTLINES = "hotlines", "Телефоны горячих линий"
        SERVICES = "services", "Кто помогает рядом"
        HEALTH = "health", "Запись к врачу, здоровье"
        SAFETY = "safety", "Безопасность, мошенники"

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="calls")
    volunteer = models.ForeignKey(
        "volunteers.Volunteer", null=True, blank=True, on_delete=models.PROTECT, related_name="phone_calls"
    )
    called_at = models.DateTimeField("когда звонили", default=timezone.now, db_index=True)
    reached = models.BooleanField("дозвонились")
    duration_s = models.PositiveIntegerField("длительность, секунд", default=0)
    wellbeing = models.PositiveSmallIntegerField("самочувствие (1–5)", null=True, blank=True)
    mood = models.PositiveSmallIntegerField("настроение (1–5)", null=True, blank=True)
    plans = models.CharField("планы на день", max_length=500, blank=True)
    problems = models.ManyToManyField("catalog.ServiceCategory", verbose_name="проблемы", blank=True)
    info_given = models.JSONField("о чём рассказали", default=list, blank=True)
    greeting_made = models.BooleanField("поздравили с праздником", default=False)
    satisfaction = models.PositiveSmallIntegerField("довольны ли звонками (1–5)", null=True, blank=True)
    notes = models.TextField("заметки", blank=True)
    # What the person needs, in the volunteer's words: goes into the help request (the notes never do).
    need_note = models.CharField("что нужно — словами волонтёра", max_length=1000, blank=True)
    help_request = models.ForeignKey(
        "helprequests.HelpRequest",
        verbose_name="обращение",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="phone_calls",
    )
    thanks = models.CharField("благодарность координатора", max_length=300, blank=True)
    thanked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=20, default="form")  # form, api (telephony)

    objects = CallQuerySet.as_manager()

    # Wellbeing, mood and notes are health data: the audit log notes the change, not the value.
    PERSONAL_FIELDS = {"wellbeing": BLANK, "mood": BLANK, "plans": BLANK, "notes": BLANK, "need_note": BLANK}
    PERSON_LOOKUP = "enrolment__beneficiary"

    class Meta:
        ordering = ["-called_at"]
        # A volunteer's reached calls by time (#12): «without a successful call for 14 days» and the last
        # conversation are answered per volunteer from here, not by reading every call of the window.
        indexes = [
            models.Index(
                fields=["volunteer", "called_at"], name="phone_call_volunteer_reached", condition=models.Q(reached=True)
            )
        ]
        verbose_name = "звонок"
        verbose_name_plural = "журнал звонков"

    def __str__(self):
        return f"Звонок {self.called_at:%d.%m.%Y %H:%M}"

    @property
    def duration_display(self):
        """In the unit the volunteer entered (minutes on the form; seconds only from telephony)."""
        from core.plural import count

        if self.duration_s % 60 == 0:
            return count(self.duration_s // 60, "минута", "минуты", "минут")
        return count(self.duration_s, "секунда", "секунды", "секунд")

    @property
    def audit_label(self):
        return f"Звонок №{self.pk} (участник №{self.enrolment_id})"


class Alert(models.Model):
    class Kind(models.TextChoices):
        UNREACHED = "unreached", "Не дозвонились 3 раза подряд"

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.UNREACHED)
    raised_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution = models.CharField("что сделано", max_length=500, blank=True)

    PERSONAL_FIELDS = {"resolution": BLANK}
    PERSON_LOOKUP = "enrolment__beneficiary"

    class Meta:
        ordering = ["-raised_at"]
        verbose_name = "тревога"
        verbose_name_plural = "тревоги"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.enrolment.beneficiary}"


class Holiday(models.Model):
    """Configurable dates for greetings (e.g. 1 October — День пожилых людей)."""

    name = models.CharField("праздник", max_length=100)
    month = models.PositiveSmallIntegerField("месяц")
    day = models.PositiveSmallIntegerField("день")

    class Meta:
        ordering = ["month", "day"]
        verbose_name = "праздник"
        verbose_name_plural = "праздники для поздравлений"

    def __str__(self):
        return f"{self.day:02d}.{self.month:02d} {self.name}"


class CalendarToken(models.Model):
    """A secret link to a volunteer's iCalendar feed (calendar apps cannot log in)."""

    volunteer = models.OneToOneField("volunteers.Volunteer", on_delete=models.CASCADE, related_name="calendar_token")
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)

    class Meta:
        verbose_name = "ссылка на календарь"
        verbose_name_plural = "ссылки на календарь"

    def __str__(self):
        return f"Календарь волонтёра №{self.volunteer_id}"


track(Enrolment)
track(Identification)
track(Call)
track(Alert)
track(Pause)


class MissedCount(models.Model):
    """Rollup (#12): per active enrolment with a volunteer, the scheduled calls of the last two weeks not even
    attempted. Computed for the whole service by the periodic check (`phone.periodic.count_missed_calls`) or,
    when stale, once by the dashboard; the dashboard counts and pages it in SQL instead of walking every
    participant's schedule. Counts only: no personal text."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="+")
    volunteer = models.ForeignKey("volunteers.Volunteer", on_delete=models.CASCADE, related_name="+")
    missed = models.PositiveSmallIntegerField(default=0)
    computed_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "пропуски звонков (сводка)"
        verbose_name_plural = "пропуски звонков (сводка)"
        indexes = [models.Index(fields=["volunteer", "missed"], name="phone_missed_volunteer")]

    def __str__(self):
        return f"{self.enrolment_id}: {self.missed}"


class KpiRollup(models.Model):
    """Rollup (#12): the KPI page of a territory and period — the period's figures and the quarterly series since
    the service began — computed by the periodic check (`phone.rollup.refresh_kpi`) or once by the page when
    missing or older than an hour. Aggregates only, exactly what the live computation returns (a test)."""

    territory = models.ForeignKey("territories.Territory", on_delete=models.CASCADE, related_name="+")
    date_from = models.DateField()
    date_to = models.DateField()
    computed_at = models.DateTimeField(db_index=True)
    figures = models.JSONField("показатели периода")
    series = models.JSONField("по кварталам", default=list)
    total = models.JSONField("всего за срок", null=True, blank=True)

    class Meta:
        verbose_name = "показатели телефонной службы (сводка)"
        verbose_name_plural = "показатели телефонной службы (сводка)"
        constraints = [
            models.UniqueConstraint(fields=["territory", "date_from", "date_to"], name="phone_kpi_rollup_unique")
        ]

    def __str__(self):
        return f"{self.territory_id} {self.date_from}–{self.date_to} на {self.computed_at:%d.%m.%Y %H:%M}"
