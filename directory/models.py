from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from audit.tracking import track

# Listings stay fresh: re-confirm every 6 months; hidden from the public after a grace period.
CONFIRM_EVERY = timedelta(days=settings.LISTING_CONFIRM_DAYS)
GRACE_PERIOD = timedelta(days=settings.LISTING_GRACE_DAYS)


class CareLevel(models.TextChoices):
    """Уровни заботы о старших (methodology seed)."""

    SELF = "self", "Самозабота"
    FAMILY = "family", "Забота близких, родственников, друзей, коллег"
    NEIGHBOURS = "neighbours", "Соседское сообщество"
    COMMUNITY = "community", "ТРЦ, ТОС, НКО, волонтёрские организации, инициативные группы, Коалиция"
    STATE = "state", "Государственная система: здравоохранение, соцзащита, пенсионный фонд"
    BUDGET = "budget", "Бюджетные организации"
    BUSINESS = "business", "Бизнес: КСО и благотворительность"


class OrganizationQuerySet(models.QuerySet):
    def publicly_listed(self, now=None):
        """Public, verified and confirmed within 6 months plus the grace period."""
        now = now or timezone.now()
        return self.filter(
            is_public=True, verified_at__isnull=False, last_confirmed_at__gte=now - CONFIRM_EVERY - GRACE_PERIOD
        )

    def confirmation_due(self, now=None):
        now = now or timezone.now()
        return self.filter(Q(last_confirmed_at__isnull=True) | Q(last_confirmed_at__lt=now - CONFIRM_EVERY))


class Organization(models.Model):
    class Kind(models.TextChoices):
        NGO = "ngo", "НКО"
        TOS = "tos", "ТОС"
        INITIATIVE = "initiative", "Инициативная группа"
        TRC = "trc", "ТРЦ"
        AUTHORITY = "authority", "Орган власти"
        STATE = "state", "Бюджетное учреждение / КЦСОН"
        BUSINESS = "business", "Бизнес"
        DOBRO = "dobro", "Добро.Центр"
        SOCIAL_SITE = "social_site", "Площадка социализации"
        EDUCATION = "education", "Образовательная организация"
        ENTREPRENEUR = "entrepreneur", "ИП с командой"

    name = models.CharField("название", max_length=300)
    kind = models.CharField("вид", max_length=20, choices=Kind.choices)
    care_level = models.CharField("уровень заботы", max_length=20, choices=CareLevel.choices, blank=True)
    description = models.TextField("чем помогает", blank=True)
    territory = models.ForeignKey(
        "territories.Territory", verbose_name="территория", on_delete=models.PROTECT, related_name="organizations"
    )
    served_territories = models.ManyToManyField(
        "territories.Territory",
        verbose_name="обслуживаемые территории",
        related_name="serving_organizations",
        blank=True,
        help_text="Организация обслуживает эти территории и всё, что в них входит.",
    )
    address = models.CharField("адрес", max_length=300, blank=True)
    lat = models.FloatField("широта", null=True, blank=True)
    lon = models.FloatField("долгота", null=True, blank=True)
    phone = models.CharField("телефон", max_length=16, blank=True)
    email = models.EmailField("эл. почта", blank=True)
    website = models.URLField("сайт", blank=True)
    links = models.TextField("ссылки (соцсети)", blank=True, help_text="По одной ссылке в строке.")
    opening_hours = models.CharField("часы работы", max_length=300, blank=True)
    schedule = models.TextField(
        "расписание занятий", blank=True, help_text="Для площадок активного долголетия: что и когда проходит."
    )
    capacity = models.PositiveIntegerField("сколько обращений может вести одновременно", default=10)
    min_age = models.PositiveSmallIntegerField("с какого возраста", null=True, blank=True)
    eligibility = models.CharField("кому помогают (условия)", max_length=300, blank=True)
    is_public = models.BooleanField("показывать на публичной странице", default=True)
    verified_at = models.DateTimeField("проверена", null=True, blank=True, db_index=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто проверил",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_confirmed_at = models.DateTimeField("данные подтверждены", null=True, blank=True, db_index=True)
    confirm_reminded_at = models.DateTimeField("напоминание отправлено", null=True, blank=True)
    created_at = models.DateTimeField("создана", default=timezone.now)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "организация"
        verbose_name_plural = "организации"

    def __str__(self):
        return self.name

    @property
    def has_point(self):
        return self.lat is not None and self.lon is not None

    def served_paths(self):
        """Paths it serves (with everything below); none listed means its own territory.
        Prefetch served_territories and select territory when calling this in a loop."""
        return tuple(t.path for t in self.served_territories.all()) or (self.territory.path,)

    def public_status(self, now=None):
        """One line for staff: is it shown to residents, and if not, why (the rules of `publicly_listed`)."""
        reasons = []
        if not self.is_public:
            reasons.append("организация решила не показываться")
        if self.verified_at is None:
            reasons.append("не проверена координатором")
        state = self.confirmation_state(now)
        if state == "never":
            reasons.append("данные ещё ни разу не подтверждались")
        elif state == "hidden":
            reasons.append("данные не подтверждались больше 7 месяцев")
        if reasons:
            return "Не показывается жителям: " + "; ".join(reasons) + "."
        return "Показывается жителям."

    def confirmation_state(self, now=None):
        now = now or timezone.now()
        if self.last_confirmed_at is None:
            return "never"
        age = now - self.last_confirmed_at
        if age > CONFIRM_EVERY + GRACE_PERIOD:
            return "hidden"
        if age > CONFIRM_EVERY:
            return "due"
        return "fresh"


class OrganizationService(models.Model):
    """A catalog category an organization offers, with its conditions."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="services")
    category = models.ForeignKey(
        "catalog.ServiceCategory", verbose_name="услуга", on_delete=models.PROTECT, related_name="offers"
    )
    is_free = models.BooleanField("бесплатно", default=True)
    who_may_apply = models.CharField("кто может обратиться", max_length=300, blank=True)
    schedule = models.CharField("когда", max_length=200, blank=True)

    class Meta:
        ordering = ["category__position", "category__name"]
        verbose_name = "услуга организации"
        verbose_name_plural = "услуги организаций"
        constraints = [models.UniqueConstraint(fields=["organization", "category"], name="org_service_once")]

    def __str__(self):
        return f"{self.category} ({self.organization})"


track(Organization)
track(OrganizationService)


class ImportJob(models.Model):
    """One uploaded XLSX/CSV file: checked row by row, then imported all at once or not at all."""

    class Kind(models.TextChoices):
        ORGANIZATIONS = "organizations", "Организации"
        VOLUNTEERS = "volunteers", "Волонтёры"

    class State(models.TextChoices):
        CHECKING = "checking", "Проверяется"
        INVALID = "invalid", "Есть ошибки"
        READY = "ready", "Готов к импорту"
        IMPORTING = "importing", "Импортируется"
        DONE = "done", "Импортирован"
        FAILED = "failed", "Ошибка"

    kind = models.CharField("что импортируем", max_length=20, choices=Kind.choices)
    file_name = models.CharField("файл", max_length=200)
    data = models.BinaryField()
    mark_verified = models.BooleanField("отметить организации проверенными", default=False)
    state = models.CharField("состояние", max_length=20, choices=State.choices, default=State.CHECKING)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    duplicates = models.JSONField(default=list, blank=True)
    created_count = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    # The check's clean rows and what they were checked against (the file and the lookups, hashed): the write
    # reuses them when nothing changed instead of reading and checking every row again (#12); emptied after it.
    checked_rows = models.JSONField(null=True, blank=True)
    checked_key = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "импорт"
        verbose_name_plural = "импорты"

    def __str__(self):
        return f"Импорт {self.file_name}"

    @property
    def percent(self):
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0

    @property
    def is_running(self):
        return self.state in (self.State.CHECKING, self.State.IMPORTING)


class AreaProposal(models.Model):
    """Served territories proposed by the organization's staff. The area decides whose requests staff may
    claim and read, so it changes only when a coordinator confirms it (#10)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Ждёт подтверждения"
        APPROVED = "approved", "Подтверждено"
        REJECTED = "rejected", "Отклонено"

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="area_proposals")
    territories = models.ManyToManyField(
        "territories.Territory", verbose_name="предложенные территории", related_name="+", blank=True
    )
    status = models.CharField("статус", max_length=10, choices=Status.choices, default=Status.PENDING)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто предложил", on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField("когда предложено", default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто решил",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("когда решено", null=True, blank=True)
    reason = models.CharField("причина отказа", max_length=300, blank=True)

    class Meta:
        ordering = ["-proposed_at"]
        verbose_name = "предложение обслуживаемых территорий"
        verbose_name_plural = "предложения обслуживаемых территорий"

    def __str__(self):
        return f"Предложение территорий №{self.pk}"


class TaxonomyMapping(models.Model):
    """A taxonomy term of another HSDS publisher → a catalog category, confirmed by a coordinator once and
    reused for every next package with the same term. No category: the term's services are not carried over."""

    vocabulary = models.CharField("словарь", max_length=100, blank=True)
    term_code = models.CharField("код термина", max_length=200)
    term_name = models.CharField("название термина", max_length=300, blank=True)
    category = models.ForeignKey(
        "catalog.ServiceCategory",
        verbose_name="категория каталога",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто подтвердил",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField("когда подтверждено", default=timezone.now)

    class Meta:
        verbose_name = "сопоставление термина HSDS"
        verbose_name_plural = "сопоставления терминов HSDS"
        constraints = [models.UniqueConstraint(fields=["vocabulary", "term_code"], name="taxonomy_mapping_unique_term")]

    def __str__(self):
        return f"{self.vocabulary or 'услуга'}: {self.term_name or self.term_code}"


class HsdsUpload(models.Model):
    """An HSDS package waiting for the coordinator: mapping, then preview, then one import."""

    file_name = models.CharField("файл", max_length=200)
    data = models.BinaryField()
    mark_verified = models.BooleanField("отметить организации проверенными", default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    imported_at = models.DateTimeField("импортирован", null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "пакет HSDS"
        verbose_name_plural = "пакеты HSDS"

    def __str__(self):
        return f"Пакет HSDS {self.file_name}"
