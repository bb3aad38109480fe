"""Support centres and socialization sites: walk-in visits, long-term care, events, specialists, finances."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from audit.tracking import track
from core.personal import BLANK


class Centre(models.Model):
    class Kind(models.TextChoices):
        CENTRE = "centre", "Центр поддержки жителей"
        SOCIAL_SITE = "social_site", "Площадка социализации"

    organization = models.ForeignKey(
        "directory.Organization", verbose_name="организация", on_delete=models.PROTECT, related_name="centres"
    )
    name = models.CharField("название", max_length=300)
    kind = models.CharField("вид", max_length=20, choices=Kind.choices, default=Kind.CENTRE)
    territory = models.ForeignKey(
        "territories.Territory", verbose_name="населённый пункт", on_delete=models.PROTECT, related_name="centres"
    )
    address = models.CharField("адрес", max_length=300)
    opening_hours = models.CharField("часы работы", max_length=300, blank=True)
    phone = models.CharField("телефон для записи", max_length=16, blank=True)
    keeps_finances = models.BooleanField("вести учёт доходов и расходов", default=False)
    is_active = models.BooleanField("работает", default=True)
    created_at = models.DateTimeField("создан", default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = "центр поддержки"
        verbose_name_plural = "центры поддержки"

    def __str__(self):
        return self.name


class CentreService(models.Model):
    """A service from the catalog offered at the centre; a price means it is paid."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="services")
    category = models.ForeignKey(
        "catalog.ServiceCategory", verbose_name="услуга", on_delete=models.PROTECT, related_name="+"
    )
    price = models.DecimalField(
        "цена, ₽", max_digits=9, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = "услуга центра"
        verbose_name_plural = "услуги центров"
        ordering = ["category__parent__position", "category__position"]
        constraints = [models.UniqueConstraint(fields=["centre", "category"], name="centre_service_once")]

    def __str__(self):
        return self.category.name


class AgeGroup(models.TextChoices):
    UNDER_55 = "under_55", "до 55 лет"
    AGE_55_64 = "55_64", "55–64"
    AGE_65_74 = "65_74", "65–74"
    AGE_75_PLUS = "75_plus", "75 и старше"


class Source(models.TextChoices):
    RECOMMENDATION = "recommendation", "Рекомендация"
    SIGN = "sign", "Вывеска"
    SOCIAL_MEDIA = "social_media", "Соцсети"
    NOTICE = "notice", "Объявление"
    SOCIAL_WORKER = "social_worker", "Соцработник"
    OTHER = "other", "Другое"


class Visit(models.Model):
    """A walk-in visit or a one-off service «оказано сразу»."""

    centre = models.ForeignKey(Centre, verbose_name="центр", on_delete=models.PROTECT, related_name="visits")
    visited_on = models.DateField("дата", default=timezone.localdate, db_index=True)
    beneficiary = models.ForeignKey(
        "people.Beneficiary",
        verbose_name="человек из базы",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="centre_visits",
    )
    age_group = models.CharField("возрастная группа", max_length=10, choices=AgeGroup.choices, blank=True)
    service = models.ForeignKey(
        "catalog.ServiceCategory", verbose_name="услуга", on_delete=models.PROTECT, related_name="+"
    )
    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        verbose_name="волонтёр",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="centre_visits",
    )
    served_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="сотрудник",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_paid = models.BooleanField("платно", default=False)
    amount = models.DecimalField("сумма, ₽", max_digits=9, decimal_places=2, default=0)
    source = models.CharField("откуда узнали о центре", max_length=20, choices=Source.choices, blank=True)
    notes = models.CharField("что просили / заметка", max_length=500, blank=True)
    help_request = models.ForeignKey(
        "helprequests.HelpRequest",
        verbose_name="обращение",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="centre_visits",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("записано", default=timezone.now)

    PERSONAL_FIELDS = {"notes": BLANK}
    PERSON_LOOKUP = "beneficiary"

    class Meta:
        ordering = ["-visited_on", "-created_at"]
        verbose_name = "посещение"
        verbose_name_plural = "посещения и разовые услуги"

    def __str__(self):
        return f"Посещение №{self.pk}"

    @property
    def audit_label(self):
        return f"Посещение центра №{self.pk}"


class CareEntry(models.Model):
    """Долговременный уход: a lonely older person whom the centre or a volunteer visits regularly."""

    centre = models.ForeignKey(Centre, verbose_name="центр", on_delete=models.PROTECT, related_name="care_list")
    beneficiary = models.ForeignKey(
        "people.Beneficiary", verbose_name="подопечный", on_delete=models.PROTECT, related_name="care_entries"
    )
    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        verbose_name="кто навещает",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="care_entries",
    )
    every_days = models.PositiveSmallIntegerField(
        "как часто, раз в N дней", default=7, validators=[MinValueValidator(1)]
    )
    started_on = models.DateField("под опекой с", default=timezone.localdate)
    ended_on = models.DateField("снят с ухода", null=True, blank=True)
    last_visit_on = models.DateField("последний визит", null=True, blank=True)
    notes = models.CharField("заметки", max_length=500, blank=True)

    PERSONAL_FIELDS = {"notes": BLANK}
    PERSON_LOOKUP = "beneficiary"

    class Meta:
        ordering = ["beneficiary__full_name"]
        verbose_name = "подопечный на долговременном уходе"
        verbose_name_plural = "список долговременного ухода"
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "beneficiary"], condition=models.Q(ended_on=None), name="care_once_per_centre"
            )
        ]

    def __str__(self):
        return f"Уход №{self.pk}"

    @property
    def next_due_on(self):
        return (self.last_visit_on or self.started_on) + timedelta(days=self.every_days)

    def is_overdue(self, today=None):
        return self.ended_on is None and self.next_due_on < (today or timezone.localdate())


class CareVisit(models.Model):
    entry = models.ForeignKey(CareEntry, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField("дата визита", default=timezone.localdate)
    volunteer = models.ForeignKey(
        "volunteers.Volunteer", verbose_name="кто навестил", null=True, blank=True, on_delete=models.SET_NULL
    )
    notes = models.CharField("как дела", max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    PERSONAL_FIELDS = {"notes": BLANK}
    PERSON_LOOKUP = "entry__beneficiary"

    class Meta:
        verbose_name = "посещение по уходу"
        verbose_name_plural = "посещения по уходу"
        ordering = ["-visited_on"]

    def __str__(self):
        return f"Визит {self.visited_on:%d.%m.%Y}"


class Specialist(models.Model):
    class Profession(models.TextChoices):
        PSYCHOLOGIST = "psychologist", "Психолог"
        LAWYER = "lawyer", "Юрист"
        MEDIC = "medic", "Медик"
        TEACHER = "teacher", "Педагог / мастер"
        SOCIAL_WORKER = "social_worker", "Специалист по соцработе"
        OTHER = "other", "Другое"

    centre = models.ForeignKey(Centre, verbose_name="центр", on_delete=models.CASCADE, related_name="specialists")
    full_name = models.CharField("ФИО", max_length=200)
    profession = models.CharField("специальность", max_length=20, choices=Profession.choices)
    phone = models.CharField("телефон", max_length=16, blank=True)
    is_pro_bono = models.BooleanField("про боно (бесплатно)", default=True)
    is_active = models.BooleanField("помогает сейчас", default=True)

    PERSONAL_FIELDS = {"full_name": BLANK, "phone": BLANK}

    class Meta:
        ordering = ["full_name"]
        verbose_name = "специалист"
        verbose_name_plural = "специалисты"

    def __str__(self):
        return f"{self.full_name} ({self.get_profession_display().lower()})"


class SpecialistHours(models.Model):
    specialist = models.ForeignKey(Specialist, on_delete=models.CASCADE, related_name="hours")
    worked_on = models.DateField("дата", default=timezone.localdate)
    hours = models.DecimalField("часов", max_digits=5, decimal_places=1, validators=[MinValueValidator(0)])
    note = models.CharField("что делал", max_length=300, blank=True)

    class Meta:
        verbose_name = "часы специалиста"
        verbose_name_plural = "часы специалистов"
        ordering = ["-worked_on"]

    def __str__(self):
        return f"{self.hours} ч {self.worked_on:%d.%m.%Y}"


class Partner(models.Model):
    class Role(models.TextChoices):
        BUSINESS = "business", "ИП / местный бизнес"
        CULTURE_HOUSE = "culture_house", "Дом культуры"
        POLICE = "police", "Социальный участковый"
        VETERANS = "veterans", "Совет ветеранов"
        ADMINISTRATION = "administration", "Администрация"
        OTHER = "other", "Другое"

    centre = models.ForeignKey(Centre, verbose_name="центр", on_delete=models.CASCADE, related_name="partners")
    name = models.CharField("партнёр", max_length=300)
    role = models.CharField("роль", max_length=20, choices=Role.choices)
    contribution = models.CharField("чем помогает", max_length=300, blank=True)
    contact = models.CharField("контакт", max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "партнёр"
        verbose_name_plural = "партнёры"

    def __str__(self):
        return self.name


class EventKind(models.TextChoices):
    MASTER_CLASS = "master_class", "Мастер-класс"
    CONSULTATION = "consultation", "Консультация"
    LECTURE = "lecture", "Лекция / школа ухода"
    HOLIDAY = "holiday", "Праздник"
    EXCURSION = "excursion", "Экскурсия"
    PSYCHOLOGIST = "psychologist", "Встреча с психологом"
    ROUND_TABLE = "round_table", "Круглый стол"
    CLUB = "club", "Клуб общения"
    OTHER = "other", "Другое"


# Kinds counted as «участники мастер-классов и консультаций» in the results report.
LEARNING_KINDS = {EventKind.MASTER_CLASS, EventKind.CONSULTATION, EventKind.PSYCHOLOGIST}


class EventSchedule(models.Model):
    """A recurring meeting of a socialization site; events are generated from it weeks ahead."""

    centre = models.ForeignKey(Centre, verbose_name="центр", on_delete=models.CASCADE, related_name="schedules")
    kind = models.CharField("вид", max_length=20, choices=EventKind.choices, default=EventKind.CLUB)
    title = models.CharField("название", max_length=200)
    weekday = models.PositiveSmallIntegerField(
        "день недели", choices=[(1, "пн"), (2, "вт"), (3, "ср"), (4, "чт"), (5, "пт"), (6, "сб"), (7, "вс")]
    )
    starts_at = models.TimeField("начало")
    duration_min = models.PositiveSmallIntegerField("длительность, мин", default=90)
    every_weeks = models.PositiveSmallIntegerField("раз в N недель", default=1, validators=[MinValueValidator(1)])
    place = models.CharField("место", max_length=300, blank=True)
    capacity = models.PositiveSmallIntegerField("мест", null=True, blank=True)
    starts_on = models.DateField("с", default=timezone.localdate)
    ends_on = models.DateField("по", null=True, blank=True)
    is_public = models.BooleanField("показывать жителям", default=True)

    class Meta:
        ordering = ["weekday", "starts_at"]
        verbose_name = "расписание"
        verbose_name_plural = "расписания"

    def __str__(self):
        return f"{self.title}: {self.get_weekday_display()} {self.starts_at:%H:%M}"


class Event(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Запланировано"
        HELD = "held", "Проведено"
        CANCELLED = "cancelled", "Отменено"

    centre = models.ForeignKey(Centre, verbose_name="центр", on_delete=models.PROTECT, related_name="events")
    kind = models.CharField("вид", max_length=20, choices=EventKind.choices)
    title = models.CharField("название", max_length=200)
    starts_at = models.DateTimeField("дата и время", db_index=True)
    duration_min = models.PositiveSmallIntegerField("длительность, мин", default=90)
    place = models.CharField("место", max_length=300, blank=True)
    host = models.ForeignKey(
        "directory.Organization",
        verbose_name="проводит",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField("описание", blank=True)
    capacity = models.PositiveSmallIntegerField("мест", null=True, blank=True)
    specialists = models.ManyToManyField(Specialist, verbose_name="специалисты", blank=True, related_name="events")
    volunteers = models.ManyToManyField(
        "volunteers.Volunteer", verbose_name="волонтёры", blank=True, related_name="centre_events"
    )
    registered_extra = models.PositiveSmallIntegerField("записались без данных (число)", default=0)
    attended_extra = models.PositiveSmallIntegerField("пришли без данных (число)", default=0)
    status = models.CharField("статус", max_length=12, choices=Status.choices, default=Status.PLANNED)
    is_public = models.BooleanField("показывать жителям", default=True)
    schedule = models.ForeignKey(EventSchedule, null=True, blank=True, on_delete=models.SET_NULL, related_name="events")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = "мероприятие"
        verbose_name_plural = "мероприятия"
        constraints = [models.UniqueConstraint(fields=["schedule", "starts_at"], name="event_once_per_schedule_slot")]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%d.%m.%Y %H:%M})"


class Participant(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    beneficiary = models.ForeignKey(
        "people.Beneficiary", verbose_name="участник", on_delete=models.PROTECT, related_name="event_participations"
    )
    attended = models.BooleanField("пришёл", default=False)
    registered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "участник мероприятия"
        verbose_name_plural = "участники мероприятий"
        ordering = ["beneficiary__full_name"]
        constraints = [models.UniqueConstraint(fields=["event", "beneficiary"], name="participant_once")]

    def __str__(self):
        return f"Участник №{self.pk}"


class FinanceEntry(models.Model):
    class Kind(models.TextChoices):
        INCOME = "income", "Доход"
        COST = "cost", "Расход"

    class Item(models.TextChoices):
        PAID_SERVICES = "paid_services", "Платные услуги"
        DONATIONS = "donations", "Пожертвования"
        GRANT = "grant", "Грант"
        RENT = "rent", "Аренда помещения"
        CURATOR = "curator", "Услуги куратора"
        SUPPLIES = "supplies", "Материалы"
        OTHER = "other", "Другое"

    centre = models.ForeignKey(Centre, verbose_name="центр", on_delete=models.CASCADE, related_name="finances")
    month = models.DateField("месяц")
    kind = models.CharField("вид", max_length=10, choices=Kind.choices)
    item = models.CharField("статья", max_length=20, choices=Item.choices)
    amount = models.DecimalField("сумма, ₽", max_digits=11, decimal_places=2, validators=[MinValueValidator(0)])
    note = models.CharField("комментарий", max_length=300, blank=True)

    class Meta:
        ordering = ["-month", "kind", "item"]
        verbose_name = "запись о деньгах центра"
        verbose_name_plural = "финансы центра"

    def __str__(self):
        return f"{self.get_item_display()} {self.month:%m.%Y}: {self.amount}"


for _model in (Centre, CentreService, Visit, CareEntry, CareVisit, Specialist, Partner, Event, EventSchedule):
    track(_model)
track(FinanceEntry)
