"""#МЫВМЕСТЕ.ОПЕКА: organizations take families under long-term guardianship."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from audit.tracking import track
from core.personal import ANONYMIZED, BLANK, FILE


class GuardianKind(models.TextChoices):
    EDUCATION = "education", "Образовательная организация"
    NGO = "ngo", "Социально ориентированная НКО"
    STATE = "state", "Государственное бюджетное учреждение"
    BUSINESS = "business", "Коммерческая организация"
    PARTNERSHIP = "partnership", "Товарищество, партнёрство"
    ENTREPRENEUR = "entrepreneur", "ИП с командой"
    VOLUNTEER_GROUP = "volunteer_group", "Волонтёрская группа"
    WORK_TEAM = "work_team", "Трудовой коллектив"
    FOUNDATION = "foundation", "Фонд"


class Guardian(models.Model):
    """A candidate guardian: from application through verification to the registry."""

    class Status(models.TextChoices):
        APPLIED = "applied", "Заявка подана"
        VERIFYING = "verifying", "Проходит проверку"
        APPROVED = "approved", "Потенциальный опекун (в реестре)"
        REFUSED = "refused", "Отказано"

    name = models.CharField("название", max_length=300)
    kind = models.CharField("кто подаёт заявку", max_length=20, choices=GuardianKind.choices)
    territory = models.ForeignKey(
        "territories.Territory", verbose_name="территория", on_delete=models.PROTECT, related_name="guardians"
    )
    contact_name = models.CharField("контактное лицо", max_length=200)
    phone = models.CharField("телефон", max_length=16)
    email = models.EmailField("эл. почта", blank=True)
    capabilities = models.ManyToManyField("catalog.ServiceCategory", verbose_name="чем готовы помогать")
    max_families = models.PositiveSmallIntegerField("сколько семей готовы взять", default=1)
    about = models.TextField("о себе", blank=True)
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.APPLIED)
    interview_at = models.DateField("собеседование", null=True, blank=True)
    interview_by = models.CharField("кто провёл собеседование", max_length=200, blank=True)
    instruction_at = models.DateField("инструктаж", null=True, blank=True)
    instruction_by = models.CharField("кто провёл инструктаж", max_length=200, blank=True)
    training_at = models.DateField("обучение (ДОБРО.УНИВЕРСИТЕТ)", null=True, blank=True)
    training_by = models.CharField("курс / кто обучал", max_length=200, blank=True)
    decided_at = models.DateTimeField("решение", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    refusal_reason = models.CharField("причина отказа", max_length=500, blank=True)
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name="организация в справочнике",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guardian_roles",
    )
    agreement_number = models.CharField("номер соглашения с региональным штабом", max_length=50, blank=True)
    agreement_date = models.DateField("дата соглашения", null=True, blank=True)
    agreement_file = models.FileField("соглашение (PDF/DOCX)", upload_to="guardianship/agreements/", blank=True)
    source = models.CharField(max_length=20, default="staff")  # public, staff
    consent_at = models.DateTimeField("согласие на обработку данных", null=True, blank=True)
    created_at = models.DateTimeField("подана", default=timezone.now)

    PERSONAL_FIELDS = {"contact_name": BLANK, "phone": BLANK, "email": BLANK, "about": BLANK, "refusal_reason": BLANK}

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "опекун"
        verbose_name_plural = "опекуны"

    def __str__(self):
        return self.name

    @property
    def verification_complete(self):
        return bool(self.interview_at and self.instruction_at and self.training_at)

    @property
    def has_agreement(self):
        """The seed's order: approved, then the agreement with the regional headquarters, then families."""
        return bool(self.agreement_number and self.agreement_date)


class Guardianship(models.Model):
    """A family under a guardian's care, from the match to termination."""

    class Status(models.TextChoices):
        MATCHED = "matched", "Подобран опекун"
        ACTIVE = "active", "Опека идёт"
        TERMINATED = "terminated", "Прекращена"

    class Termination(models.TextChoices):
        CANNOT_MEET = "cannot_meet", "Невозможно удовлетворить потребности"
        NO_RESOURCES = "no_resources", "Нехватка ресурсов у опекуна"
        CONFLICT = "conflict", "Конфликтная ситуация"
        ALL_MET = "all_met", "Все потребности удовлетворены"
        OTHER = "other", "Другое"

    household = models.ForeignKey(
        "people.Household", verbose_name="семья", on_delete=models.PROTECT, related_name="guardianships"
    )
    guardian = models.ForeignKey(
        Guardian, verbose_name="опекун", on_delete=models.PROTECT, related_name="guardianships"
    )
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.MATCHED)
    matched_at = models.DateTimeField("подобран", default=timezone.now)
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    first_contact_at = models.DateTimeField("первый контакт", null=True, blank=True)
    hq_present = models.CharField("кто из штаба участвовал", max_length=200, blank=True)
    family_agreement_number = models.CharField("номер соглашения с семьёй", max_length=50, blank=True)
    family_agreement_date = models.DateField("дата соглашения с семьёй", null=True, blank=True)
    family_agreement_file = models.FileField("соглашение с семьёй", upload_to="guardianship/family/", blank=True)
    terminated_at = models.DateTimeField("прекращена", null=True, blank=True)
    termination_reason = models.CharField("причина прекращения", max_length=20, choices=Termination.choices, blank=True)
    termination_text = models.CharField("комментарий", max_length=500, blank=True)

    PERSONAL_FIELDS = {"termination_text": BLANK, "family_agreement_file": FILE}
    PERSON_LOOKUP = "household__members"

    class Meta:
        ordering = ["-matched_at"]
        verbose_name = "опека"
        verbose_name_plural = "опека над семьями"

    def __str__(self):
        return f"{self.guardian} → {self.household}"

    @property
    def audit_label(self):
        return f"Опека №{self.pk}"


class HelpEntry(models.Model):
    guardianship = models.ForeignKey(Guardianship, on_delete=models.CASCADE, related_name="help_entries")
    category = models.ForeignKey(
        "catalog.ServiceCategory", verbose_name="вид помощи", null=True, blank=True, on_delete=models.SET_NULL
    )
    what = models.CharField("что сделано", max_length=500)
    happened_on = models.DateField("когда", default=timezone.localdate)
    who = models.CharField("кто помогал", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    PERSONAL_FIELDS = {"what": ANONYMIZED, "who": BLANK}
    PERSON_LOOKUP = "guardianship__household__members"

    class Meta:
        ordering = ["-happened_on", "-id"]
        verbose_name = "запись о помощи"
        verbose_name_plural = "журнал помощи"

    def __str__(self):
        return self.what


class Story(models.Model):
    """A story with photos or videos for publication (#МЫВМЕСТЕ)."""

    guardianship = models.ForeignKey(Guardianship, on_delete=models.CASCADE, related_name="stories")
    title = models.CharField("заголовок", max_length=200)
    text = models.TextField("история")
    publication_consent = models.BooleanField("семья согласна на публикацию", default=False)
    consent_by = models.CharField("кто из семьи дал согласие", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    consent_file = models.FileField("согласие на публикацию (скан)", upload_to="guardianship/consents/", blank=True)
    sent_to_federal_at = models.DateTimeField("передано в федеральный штаб", null=True, blank=True)
    sent_to_federal_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    PERSONAL_FIELDS = {"title": ANONYMIZED, "text": ANONYMIZED, "consent_by": BLANK, "consent_file": FILE}
    PERSON_LOOKUP = "guardianship__household__members"

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "история"
        verbose_name_plural = "истории для публикации"

    def __str__(self):
        return self.title


class StoryMedia(models.Model):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="media")
    file = models.FileField(upload_to="guardianship/stories/")
    kind = models.CharField(max_length=10)  # photo, video

    class Meta:
        verbose_name = "материал истории"
        verbose_name_plural = "материалы историй"

    def __str__(self):
        return self.file.name

    PERSONAL_FIELDS = {"file": FILE}
    PERSON_LOOKUP = "story__guardianship__household__members"


class Call(models.Model):
    """Staff calls the family 2 weeks and 1 month after help starts."""

    guardianship = models.ForeignKey(Guardianship, on_delete=models.CASCADE, related_name="calls")
    kind = models.CharField(max_length=5, choices=[("14d", "Через 2 недели"), ("30d", "Через месяц")])
    due_at = models.DateTimeField("позвонить")
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notes = models.CharField("итог звонка", max_length=1000, blank=True)
    reminded_at = models.DateTimeField("напоминание отправлено", null=True, blank=True)

    PERSONAL_FIELDS = {"notes": BLANK}
    PERSON_LOOKUP = "guardianship__household__members"

    class Meta:
        verbose_name = "звонок семье"
        verbose_name_plural = "звонки семьям"
        ordering = ["due_at"]
        constraints = [models.UniqueConstraint(fields=["guardianship", "kind"], name="guardianship_call_once")]
        # The periodic reminder and the dashboard ask for calls due and not done.
        indexes = [models.Index(fields=["done_at", "due_at"], name="guardianship_call_due")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.guardianship_id})"


def _token():
    return secrets.token_urlsafe(24)


class FamilyLink(models.Model):
    """A link the family opens without an account: a feedback form (once) or the needs page."""

    class Purpose(models.TextChoices):
        FEEDBACK = "feedback", "Анкета обратной связи"
        NEEDS = "needs", "Потребности семьи"

    household = models.ForeignKey("people.Household", on_delete=models.CASCADE, related_name="guardianship_links")
    guardianship = models.ForeignKey(
        Guardianship, null=True, blank=True, on_delete=models.CASCADE, related_name="links"
    )
    purpose = models.CharField(max_length=10, choices=Purpose.choices)
    token = models.CharField(max_length=64, unique=True, default=_token)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    sent_at = models.DateTimeField("отправлена семье", null=True, blank=True)
    sent_how = models.CharField("как отправлена", max_length=100, blank=True)

    class Meta:
        verbose_name = "ссылка для семьи"
        verbose_name_plural = "ссылки для семей"

    def __str__(self):
        return f"{self.get_purpose_display()} ({self.household})"

    PERSONAL_FIELDS = {"answers": BLANK}
    PERSON_LOOKUP = "household__members"


class FamilyApplication(models.Model):
    """A family's application to the programme; the headquarters select it before the marker."""

    class Source(models.TextChoices):
        ONF_HOTLINE = "onf_hotline", "Горячая линия ОНФ.Помощь"
        REGIONAL_HQ = "regional_hq", "Региональный штаб #МЫВМЕСТЕ"
        OTHER = "other", "Другое"

    class Status(models.TextChoices):
        NEW = "new", "Ждёт отбора"
        SELECTED = "selected", "Отобрана: «Требуется опека»"
        DECLINED = "declined", "Не отобрана"

    household = models.ForeignKey(
        "people.Household", verbose_name="семья", on_delete=models.CASCADE, related_name="guardianship_applications"
    )
    source = models.CharField("откуда заявка", max_length=20, choices=Source.choices)
    source_note = models.CharField("уточнение источника", max_length=200, blank=True)
    received_at = models.DateTimeField("заявка получена", default=timezone.now)
    request_text = models.TextField("о чём просит семья", blank=True)
    contact_email = models.EmailField("эл. почта контакта семьи", blank=True)
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.NEW)
    decided_at = models.DateTimeField("решение", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.CharField("комментарий к решению", max_length=500, blank=True)
    # Not a serviceman's family, yet marked by a coordinator's explicit decision: excluded from the federal report.
    override_reason = models.CharField("причина исключения (не семья военнослужащего)", max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    PERSONAL_FIELDS = {
        "source_note": BLANK,
        "request_text": BLANK,
        "contact_email": BLANK,
        "decision_note": BLANK,
        "override_reason": BLANK,
    }
    PERSON_LOOKUP = "household__members"

    class Meta:
        ordering = ["-received_at"]
        verbose_name = "заявка семьи"
        verbose_name_plural = "заявки семей"

    def __str__(self):
        return f"Заявка семьи №{self.pk}"

    @property
    def audit_label(self):
        return f"Заявка семьи №{self.pk}"


class Escalation(models.Model):
    """The 3-day limit passed for one marker: e-mailed once (the marker's time makes a new marker a new limit)."""

    household = models.ForeignKey("people.Household", on_delete=models.CASCADE, related_name="+")
    marked_at = models.DateTimeField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "эскалация"
        verbose_name_plural = "эскалации"
        constraints = [models.UniqueConstraint(fields=["household", "marked_at"], name="guardianship_escalation_once")]

    def __str__(self):
        return f"Эскалация: семья №{self.household_id}"


def connect_limit():
    """The same connection limit the help requests use (settings.CONNECT_LIMIT_HOURS)."""
    return timedelta(hours=settings.CONNECT_LIMIT_HOURS)


track(Guardian)
track(Guardianship)
track(HelpEntry)
track(Story)
track(FamilyApplication)
