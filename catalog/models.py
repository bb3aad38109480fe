from django.core.validators import RegexValidator
from django.db import models

from audit.tracking import track


class ServiceCategory(models.Model):
    """The help catalog: a tree of needs and services with stable latin codes."""

    code = models.SlugField(
        "код",
        max_length=40,
        unique=True,
        validators=[RegexValidator(r"^[a-z][a-z0-9_]*$", "Код — латинские строчные буквы, цифры и «_».")],
    )
    name = models.CharField("название", max_length=120)
    plain_name = models.CharField("простыми словами", max_length=200, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name="раздел", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    position = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "категория помощи"
        verbose_name_plural = "каталог помощи"

    def __str__(self):
        return self.name

    @property
    def parent_code(self):
        return self.parent.code if self.parent_id else None


track(ServiceCategory)
