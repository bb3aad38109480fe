from django.db import models
from django.utils import timezone

from audit.tracking import track


class CommunityLeader(models.Model):
    """Реестр лидеров сообществ (приложение 8 методического сборника)."""

    full_name = models.CharField("ФИО", max_length=200)
    community = models.CharField("сообщество", max_length=200)
    territory = models.ForeignKey(
        "territories.Territory", verbose_name="территория", on_delete=models.PROTECT, related_name="leaders"
    )
    role = models.CharField("роль в сообществе", max_length=200, blank=True)
    phone = models.CharField("телефон", max_length=16, blank=True)
    email = models.EmailField("эл. почта", blank=True)
    influence_area = models.CharField("сфера влияния", max_length=300, blank=True)
    how_found = models.CharField("как выявлен", max_length=300, blank=True)
    found_on = models.DateField("дата", default=timezone.localdate)
    notes = models.TextField("примечания", blank=True)
    lat = models.FloatField("широта", null=True, blank=True)
    lon = models.FloatField("долгота", null=True, blank=True)

    AUDIT_MASKED = {"full_name", "phone", "email"}

    class Meta:
        ordering = ["full_name"]
        verbose_name = "лидер сообщества"
        verbose_name_plural = "лидеры сообществ"

    def __str__(self):
        return self.full_name

    @property
    def audit_label(self):
        return f"Лидер сообщества №{self.pk}"


track(CommunityLeader)
