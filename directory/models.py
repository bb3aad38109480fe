from django.db import models

from audit.tracking import track


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
    territory = models.ForeignKey(
        "territories.Territory", verbose_name="территория", on_delete=models.PROTECT, related_name="organizations"
    )
    phone = models.CharField("телефон", max_length=16, blank=True)
    email = models.EmailField("эл. почта", blank=True)
    address = models.CharField("адрес", max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "организация"
        verbose_name_plural = "организации"

    def __str__(self):
        return self.name


track(Organization)
