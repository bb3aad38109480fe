"""Dashboard rollups (#12): a territory's figures for a period, computed once and read by the page.

Aggregates only (counts, shares, hours) — the same plain data the dashboard shows, never a name or an id
of a person; the small counts are masked when shown, as on the live page."""

from django.db import models


class Rollup(models.Model):
    territory = models.ForeignKey("territories.Territory", on_delete=models.CASCADE, related_name="+")
    date_from = models.DateField()
    date_to = models.DateField()
    computed_at = models.DateTimeField(db_index=True)
    figures = models.JSONField("показатели обращений")
    programmes = models.JSONField("показатели программ")
    gaps = models.JSONField("пробелы в охвате", null=True, blank=True)

    class Meta:
        verbose_name = "сводка панели"
        verbose_name_plural = "сводки панели"
        constraints = [
            models.UniqueConstraint(fields=["territory", "date_from", "date_to"], name="stats_rollup_unique_period")
        ]

    def __str__(self):
        return f"{self.territory_id} {self.date_from}–{self.date_to} на {self.computed_at:%d.%m.%Y %H:%M}"
