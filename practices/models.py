"""База практик: карточки лучших практик заботы о старших (поля как в карточках семян)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from audit.tracking import track


class Tag(models.Model):
    class Kind(models.TextChoices):
        TOPIC = "topic", "Тема"
        AUDIENCE = "audience", "Для кого"

    name = models.CharField("тег", max_length=100)
    kind = models.CharField("вид", max_length=10, choices=Kind.choices, default=Kind.TOPIC)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="practice_tag_unique")]
        verbose_name = "тег"
        verbose_name_plural = "теги"

    def __str__(self):
        return self.name


class PracticeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Practice(models.Model):
    title = models.CharField("название", max_length=300)
    organization_name = models.CharField("организация", max_length=400)
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name="организация из справочника",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
    )
    region = models.CharField("регион", max_length=200, help_text="Например: Пермский край.")
    geography = models.CharField("география проекта", max_length=400, blank=True)
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name="территория на платформе",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
    )
    started_on = models.DateField("начало", null=True, blank=True)
    ended_on = models.DateField("окончание", null=True, blank=True)
    dates_text = models.CharField("сроки (текстом)", max_length=200, blank=True, help_text="Например: «с 2020 года».")
    tags = models.ManyToManyField(Tag, verbose_name="теги", blank=True, related_name="practices")
    summary = models.CharField("кратко", max_length=500, blank=True)
    problem = models.TextField("проблема", blank=True)
    description = models.TextField("описание практики")
    audience = models.CharField("целевая аудитория", max_length=500, blank=True)
    launch = models.TextField("как запускали", blank=True)
    partners = models.TextField("партнёры", blank=True)
    results = models.TextField("результаты в цифрах", blank=True, help_text="По одному результату в строке.")
    resources = models.TextField("ресурсы и затраты", blank=True)
    risks = models.TextField("риски", blank=True)
    replication = models.TextField("как повторить", blank=True)
    contacts = models.TextField("контакты", blank=True)
    source = models.CharField("источник", max_length=300, blank=True)
    is_published = models.BooleanField("опубликована", default=False)
    published_at = models.DateTimeField("опубликована", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = "практика"
        verbose_name_plural = "практики"

    def __str__(self):
        return self.title

    @property
    def audit_label(self):
        return f"Практика «{self.title[:80]}»"

    @property
    def dates(self):
        if self.started_on and self.ended_on:
            return f"{self.started_on:%d.%m.%Y} – {self.ended_on:%d.%m.%Y}"
        if self.started_on:
            return f"с {self.started_on:%d.%m.%Y}"
        return self.dates_text

    def result_lines(self):
        return [line.strip() for line in self.results.splitlines() if line.strip()]


class Photo(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField("фото", upload_to="practices/%Y/")
    alt = models.CharField("что на фото (для незрячих)", max_length=300)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["practice", "id"]
        verbose_name = "фото"
        verbose_name_plural = "фото"

    def __str__(self):
        return self.alt


track(Practice)
