from django.conf import settings
from django.db import models
from django.utils import timezone

from audit.tracking import track
from core.personal import BLANK

WEEKDAYS = [(1, "пн"), (2, "вт"), (3, "ср"), (4, "чт"), (5, "пт"), (6, "сб"), (7, "вс")]


class Volunteer(models.Model):
    class Status(models.TextChoices):
        CANDIDATE = "candidate", "Кандидат"
        ACTIVE = "active", "Действующий"
        REJECTED = "rejected", "Не подошёл"

    class Source(models.TextChoices):
        STAFF = "staff", "Внесён сотрудником"
        PUBLIC_FORM = "public_form", "Анкета «Стать волонтёром»"

    class AgeGroup(models.TextChoices):
        SILVER = "silver", "Серебряный волонтёр (55+)"
        YOUTH = "youth", "Молодёжь"
        ADULT = "adult", "Взрослый"

    full_name = models.CharField("ФИО", max_length=200)
    phone = models.CharField("телефон", max_length=16, blank=True)
    email = models.EmailField("эл. почта", blank=True)
    age_group = models.CharField("возрастная группа", max_length=10, choices=AgeGroup.choices)
    is_permanent = models.BooleanField("постоянный волонтёр", default=True)
    skills = models.ManyToManyField("catalog.ServiceCategory", verbose_name="чем помогает", blank=True)
    territory = models.ForeignKey(
        "territories.Territory", verbose_name="территория", on_delete=models.PROTECT, related_name="volunteers"
    )
    lat = models.FloatField("широта", null=True, blank=True)
    lon = models.FloatField("долгота", null=True, blank=True)
    area_radius_km = models.PositiveSmallIntegerField("радиус выездов, км", default=5)
    weekdays = models.JSONField("дни", default=list, blank=True, help_text="Номера дней недели: 1 — пн … 7 — вс.")
    hours_from = models.TimeField("с", null=True, blank=True)
    hours_to = models.TimeField("до", null=True, blank=True)
    languages = models.CharField("языки общения", max_length=200, default="русский", blank=True)
    training = models.CharField("пройденное обучение", max_length=300, blank=True)
    trained_at = models.DateField("дата обучения", null=True, blank=True)
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name="организация",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteers",
    )
    max_load = models.PositiveSmallIntegerField("максимум задач одновременно", default=3)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="учётная запись",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer",
    )
    former_beneficiary = models.ForeignKey(
        "people.Beneficiary",
        verbose_name="был подопечным",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField("активен", default=True)
    # Recruitment (#16): a public application stays a candidate until a coordinator or centre staff activate it.
    status = models.CharField("статус", max_length=12, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    source = models.CharField("откуда", max_length=12, choices=Source.choices, default=Source.STAFF)
    abilities = models.TextField("что может делать (со слов кандидата)", blank=True)
    availability = models.CharField("когда может помогать (со слов кандидата)", max_length=300, blank=True)
    consent_at = models.DateTimeField("согласие на обработку данных", null=True, blank=True)
    reviewed_at = models.DateTimeField("рассмотрен", null=True, blank=True)
    created_at = models.DateTimeField("добавлен", default=timezone.now)

    PERSONAL_FIELDS = {"full_name": BLANK, "phone": BLANK, "email": BLANK, "lat": BLANK, "lon": BLANK}

    class Meta:
        ordering = ["full_name"]
        verbose_name = "волонтёр"
        verbose_name_plural = "волонтёры"
        indexes = [  # routing suggestions (#12, helprequests.helpers): the box around a request, the widest reach
            models.Index(fields=["lat", "lon"], name="volunteer_reach_box"),
            models.Index(fields=["is_active", "area_radius_km"], name="volunteer_widest_reach"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def audit_label(self):
        return f"Волонтёр №{self.pk}"

    def speaks(self, language):
        return not language or language.strip().lower() in {x.strip().lower() for x in self.languages.split(",")}

    def weekdays_display(self):
        names = dict(WEEKDAYS)
        return ", ".join(names[d] for d in sorted(self.weekdays or []) if d in names)


track(Volunteer)
