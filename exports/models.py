from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class Export(models.Model):
    """One export (an XLSX table or a PDF/DOCX/ZIP document) asked for by a user and built by the background
    worker (#12): never in the request.

    Only its owner sees and downloads it; the rows are chosen again in the worker with the owner's scope
    (`params` holds only the filters the page had). Deleted after RETENTION_DAYS["exports"]."""

    class Status(models.TextChoices):
        QUEUED = "queued", "В очереди"
        RUNNING = "running", "Готовится"
        DONE = "done", "Готова"
        FAILED = "failed", "Не удалась"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто выгружает", on_delete=models.CASCADE, related_name="exports"
    )
    kind = models.CharField("что выгружается", max_length=40)
    title = models.CharField("название", max_length=100)
    params = models.JSONField("фильтры", default=dict, blank=True)
    status = models.CharField("состояние", max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_done = models.PositiveIntegerField("готово строк", default=0)
    rows_total = models.PositiveIntegerField("всего строк", null=True, blank=True)
    file = models.FileField("файл", upload_to="exports/", blank=True)
    file_name = models.CharField("имя файла", max_length=120, blank=True)
    created_at = models.DateTimeField("запрошена", default=timezone.now, db_index=True)
    finished_at = models.DateTimeField("готова", null=True, blank=True)
    # the worker's last sign of life (start, each progress step): the stuck cut-off counts from it, not from
    # the request, so a long export that keeps moving is never marked failed
    progress_at = models.DateTimeField("последний ход", null=True, blank=True)
    error = models.CharField("ошибка", max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "выгрузка"
        verbose_name_plural = "выгрузки"
        indexes = [models.Index(fields=["owner", "-created_at"], name="exports_owner_created")]

    def __str__(self):
        return f"Выгрузка №{self.pk}: {self.title}"

    def get_absolute_url(self):
        return reverse("exports:detail", args=[self.pk])

    @property
    def audit_label(self):
        return f"Выгрузка №{self.pk} ({self.title})"

    @property
    def is_running(self):
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def is_table(self):
        return not self.file_name or self.file_name.endswith(".xlsx")

    @property
    def percent(self):
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0
