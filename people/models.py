from django.conf import settings
from django.db import models
from django.utils import timezone

from audit.tracking import track
from core.personal import ANONYMIZED, BLANK, NUMBERED, YEAR


class Household(models.Model):
    """A family supported together, e.g. a serviceman's family (#МЫВМЕСТЕ)."""

    name = models.CharField("семья", max_length=200, help_text="Например: семья Ивановых")
    territory = models.ForeignKey(
        "territories.Territory", verbose_name="территория", on_delete=models.PROTECT, related_name="households"
    )
    address = models.CharField("адрес", max_length=300, blank=True)
    is_serviceman_family = models.BooleanField("семья военнослужащего", default=False)
    contact_name = models.CharField("контакт семьи", max_length=200, blank=True)
    contact_phone = models.CharField("телефон контакта семьи", max_length=16, blank=True)
    notes = models.TextField("заметки", blank=True)
    # «Требуется опека» (#МЫВМЕСТЕ.ОПЕКА): set by the regional headquarters with the family's needs.
    needs_guardianship_since = models.DateTimeField("требуется опека с", null=True, blank=True)
    guardianship_needs = models.ManyToManyField(
        "catalog.ServiceCategory", verbose_name="потребности семьи", blank=True, related_name="+"
    )
    needs_note = models.TextField("потребности подробно", blank=True)
    created_at = models.DateTimeField("создана", default=timezone.now)

    PERSONAL_FIELDS = {
        "name": NUMBERED,
        "address": BLANK,
        "contact_name": BLANK,
        "contact_phone": BLANK,
        "notes": BLANK,
        "needs_note": BLANK,
    }
    PERSON_LOOKUP = "members"

    class Meta:
        ordering = ["name"]
        verbose_name = "семья"
        verbose_name_plural = "семьи"

    def __str__(self):
        return self.name

    @property
    def audit_label(self):
        return f"Семья №{self.pk}"


class Mobility(models.TextChoices):
    INDEPENDENT = "independent", "Передвигается самостоятельно"
    LIMITED = "limited", "Передвигается с трудом"
    HOMEBOUND = "homebound", "Не выходит из дома"
    BEDRIDDEN = "bedridden", "Лежачий"


class Beneficiary(models.Model):
    """An older person (подопечный)."""

    full_name = models.CharField("ФИО", max_length=200)
    birth_date = models.DateField("дата рождения", null=True, blank=True)
    # Operators find a caller by phone (intake search, duplicates, the public status check).
    phone = models.CharField("телефон", max_length=16, blank=True, db_index=True)
    phone2 = models.CharField("второй телефон", max_length=16, blank=True, db_index=True)
    territory = models.ForeignKey(
        "territories.Territory", verbose_name="территория", on_delete=models.PROTECT, related_name="beneficiaries"
    )
    household = models.ForeignKey(
        Household, verbose_name="семья", null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    household_role = models.CharField("кем приходится в семье", max_length=100, blank=True)
    mobility = models.CharField("подвижность", max_length=20, choices=Mobility.choices, blank=True)
    address = models.CharField("адрес", max_length=300, blank=True)
    lat = models.FloatField("широта", null=True, blank=True)
    lon = models.FloatField("долгота", null=True, blank=True)
    lives_alone = models.BooleanField("живёт один", null=True, blank=True, default=None)  # None: unknown
    notes = models.TextField("заметки", blank=True)
    created_at = models.DateTimeField("создан", default=timezone.now)
    anonymized_at = models.DateTimeField("обезличен", null=True, blank=True)
    # Recorded from someone else's words (a neighbour, a relative on the website): «не подтверждено»
    # until an operator has checked the details with the person (#9).
    unconfirmed = models.BooleanField("не подтверждено", default=False)
    confirmed_at = models.DateTimeField("сведения подтверждены", null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто подтвердил",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    merged_into = models.ForeignKey(
        "self", verbose_name="объединён с", null=True, blank=True, on_delete=models.PROTECT, related_name="merged"
    )

    class Meta:
        ordering = ["full_name"]
        verbose_name = "подопечный"
        verbose_name_plural = "подопечные"
        # The people list reads in name order after a cursor (#12).
        indexes = [models.Index(fields=["full_name", "id"], name="people_name_order")]

    # The audit log records that these changed, never their values.
    PERSONAL_FIELDS = {
        "full_name": NUMBERED,
        "birth_date": YEAR,
        "phone": BLANK,
        "phone2": BLANK,
        "address": BLANK,
        "lat": BLANK,
        "lon": BLANK,
        "notes": BLANK,
        "household_role": BLANK,
    }
    PERSON_LOOKUP = ""

    def __str__(self):
        return self.full_name

    @property
    def audit_label(self):
        return f"Подопечный №{self.pk}"

    @property
    def age(self):
        if not self.birth_date:
            return None
        today = timezone.localdate()
        b = self.birth_date
        return today.year - b.year - ((today.month, today.day) < (b.month, b.day))


class SocialContact(models.Model):
    """Relatives, neighbours and friends who can be called about the person."""

    class Relation(models.TextChoices):
        RELATIVE = "relative", "Родственник"
        NEIGHBOUR = "neighbour", "Сосед"
        FRIEND = "friend", "Друг"
        SOCIAL_WORKER = "social_worker", "Соцработник"
        OTHER = "other", "Другое"

    beneficiary = models.ForeignKey(Beneficiary, on_delete=models.CASCADE, related_name="contacts")
    relation = models.CharField("кем приходится", max_length=20, choices=Relation.choices)
    name = models.CharField("имя", max_length=200)
    phone = models.CharField("телефон", max_length=16, blank=True)
    note = models.CharField("примечание", max_length=300, blank=True)

    PERSONAL_FIELDS = {"name": ANONYMIZED, "phone": BLANK, "note": BLANK}
    PERSON_LOOKUP = "beneficiary"

    class Meta:
        ordering = ["relation", "name"]
        verbose_name = "социальный контакт"
        verbose_name_plural = "социальные контакты"

    def __str__(self):
        return f"{self.name} ({self.get_relation_display()})"

    @property
    def audit_label(self):
        return f"Контакт подопечного №{self.beneficiary_id}"


class Consent(models.Model):
    class Purpose(models.TextChoices):
        PERSONAL_DATA = "personal_data", "Обработка персональных данных для оказания помощи"
        PHONE_SERVICE = "phone_service", "Участие в службе «Алло, волонтёр!»"
        PUBLICATION = "publication", "Публикация историй, фото и видео"
        RELATIVES = "relatives", "Информирование родственников"

    CURRENT_TEXT_VERSION = "2026-1"

    beneficiary = models.ForeignKey(
        Beneficiary, verbose_name="чьё согласие", on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField("цель", max_length=20, choices=Purpose.choices)
    text_version = models.CharField("версия текста", max_length=20, default=CURRENT_TEXT_VERSION)
    given_at = models.DateTimeField("дано", default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто записал",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField("отозвано", null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто записал отзыв",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-given_at"]
        verbose_name = "согласие"
        verbose_name_plural = "согласия"

    def __str__(self):
        return self.get_purpose_display()

    @property
    def audit_label(self):
        return f"Согласие №{self.pk}: {self.get_purpose_display()} (подопечный №{self.beneficiary_id})"

    @property
    def is_active(self):
        return self.withdrawn_at is None


track(Household)
track(Beneficiary)
track(SocialContact)
track(Consent)


class Destruction(models.Model):
    """Destruction of a person's data after the personal-data consent was withdrawn (152-FZ art. 21):
    due within 30 days, performed by the periodic check (or a coordinator), confirmed by an act."""

    TERM_DAYS = 30
    GROUND = "Отзыв субъектом согласия на обработку персональных данных (ч. 5 ст. 21 Федерального закона № 152-ФЗ)"

    beneficiary = models.OneToOneField(
        Beneficiary, verbose_name="подопечный", on_delete=models.PROTECT, related_name="destruction"
    )
    consent = models.ForeignKey(
        Consent, verbose_name="отозванное согласие", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField("согласие отозвано")
    due_by = models.DateTimeField("уничтожить до", db_index=True)
    done_at = models.DateTimeField("уничтожено", null=True, blank=True, db_index=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто провёл",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # What was destroyed: [[category, [fields]], ...] (Russian, from the declared lists) and {model: records}.
    categories = models.JSONField("категории данных", default=list, blank=True)
    erased = models.JSONField("записей обработано", default=dict, blank=True)

    class Meta:
        ordering = ["done_at", "due_by"]
        verbose_name = "уничтожение персональных данных"
        verbose_name_plural = "уничтожение персональных данных"

    def __str__(self):
        return self.audit_label

    @property
    def audit_label(self):
        return f"Уничтожение данных подопечного №{self.beneficiary_id}"

    @property
    def act_number(self):
        return f"У-{self.pk}"

    def is_overdue(self, now=None):
        return self.done_at is None and (now or timezone.now()) > self.due_by


track(Destruction)
