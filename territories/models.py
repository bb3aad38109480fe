from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models, transaction

from audit.tracking import track


class TerritoryQuerySet(models.QuerySet):
    def subtree(self, territory):
        """The territory and everything below it."""
        return self.filter(path__startswith=territory.path)


class Territory(models.Model):
    class Kind(models.TextChoices):
        REGION = "region", "Регион"
        DISTRICT = "district", "Муниципальный район / городской округ"
        SETTLEMENT = "settlement", "Населённый пункт"
        AREA = "area", "Микрорайон / территория ТОС"

    # A child is always one level finer than its parent.
    ALLOWED_PARENT = {
        Kind.REGION: None,
        Kind.DISTRICT: Kind.REGION,
        Kind.SETTLEMENT: Kind.DISTRICT,
        Kind.AREA: Kind.SETTLEMENT,
    }

    name = models.CharField("название", max_length=200)
    kind = models.CharField("вид", max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="входит в", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    oktmo = models.CharField(
        "код ОКТМО",
        max_length=11,
        blank=True,
        validators=[RegexValidator(r"^(\d{8}|\d{11})$", "Код ОКТМО — 8 или 11 цифр.")],
    )
    lat = models.FloatField("широта", null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)])
    lon = models.FloatField(
        "долгота", null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    boundary = models.JSONField(
        "граница (GeoJSON)", null=True, blank=True, help_text="Геометрия Polygon или MultiPolygon в координатах WGS 84."
    )
    # Materialized path "/1/5/23/" makes "this and everything below" one indexed prefix query.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = "территория"
        verbose_name_plural = "территории"
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="territory_unique_name_in_parent")]

    def __str__(self):
        return self.name

    @transaction.atomic
    def save(self, *args, **kwargs):
        if self.pk is None:
            super().save(*args, **kwargs)
            self.path, self.depth = self._compute_path()
            Territory.objects.filter(pk=self.pk).update(path=self.path, depth=self.depth)
            return
        old_path = self.path
        self.path, self.depth = self._compute_path()
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            for child in Territory.objects.filter(parent=self):
                child.save()

    def clean(self):
        from django.core.exceptions import ValidationError

        expected = self.ALLOWED_PARENT.get(self.kind)
        parent_kind = self.parent.kind if self.parent_id else None
        if expected is None and self.parent_id:
            raise ValidationError({"parent": "Регион не может входить в другую территорию."})
        if expected is not None and parent_kind != expected:
            label = self.Kind(expected).label.lower()
            raise ValidationError({"parent": f"Территория этого вида должна входить в: {label}."})
        if self.pk and self.parent_id and self.parent.path.startswith(self.path):
            raise ValidationError({"parent": "Территория не может входить сама в себя."})

    def _compute_path(self):
        prefix = self.parent.path if self.parent_id else "/"
        return f"{prefix}{self.pk}/", (self.parent.depth + 1 if self.parent_id else 0)

    @property
    def has_point(self):
        return self.lat is not None and self.lon is not None

    def ancestor_ids(self):
        return [int(part) for part in self.path.strip("/").split("/")]

    def ancestors(self):
        ids = self.ancestor_ids()[:-1]
        return sorted(Territory.objects.filter(id__in=ids), key=lambda t: t.depth)


track(Territory)
