from django.conf import settings
from django.db import models
from django.utils import timezone

from core.personal import FILE


class SubjectReport(models.Model):
    """The subject's report (art. 14 152-FZ) on one person, produced in the background as PDF."""

    class State(models.TextChoices):
        QUEUED = "queued", "Готовится"
        READY = "ready", "Готова"
        FAILED = "failed", "Не удалось подготовить"

    beneficiary = models.ForeignKey(
        "people.Beneficiary", verbose_name="подопечный", on_delete=models.CASCADE, related_name="subject_reports"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто запросил", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField("запрошена", default=timezone.now)
    state = models.CharField("состояние", max_length=10, choices=State.choices, default=State.QUEUED)
    finished_at = models.DateTimeField("готова", null=True, blank=True)
    file = models.FileField("файл", upload_to="privacy/reports/", blank=True)
    error = models.CharField("ошибка", max_length=300, blank=True)

    # The PDF names the person and everything about them: deleted on anonymization (core.personal).
    PERSONAL_FIELDS = {"file": FILE}
    PERSON_LOOKUP = "beneficiary"

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = "справка субъекту персональных данных"
        verbose_name_plural = "справки субъектам персональных данных"

    def __str__(self):
        return f"Справка №{self.pk} (подопечный №{self.beneficiary_id})"

    @property
    def audit_label(self):
        return f"Справка субъекту №{self.pk} (подопечный №{self.beneficiary_id})"

    @property
    def is_running(self):
        return self.state == self.State.QUEUED
