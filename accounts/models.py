import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models

from audit.tracking import track


class Role(models.TextChoices):
    COORDINATOR = "coordinator", "Координатор"
    OPERATOR = "operator", "Оператор горячей линии"
    ORG_STAFF = "org_staff", "Сотрудник организации"
    VOLUNTEER = "volunteer", "Волонтёр"
    ANALYST = "analyst", "Аналитик"
    ADMIN = "admin", "Администратор"


class User(AbstractUser):
    role = models.CharField("роль", max_length=20, choices=Role.choices)
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name="территория",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name="организация",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    phone = models.CharField("телефон", max_length=16, blank=True)

    class Meta:
        verbose_name = "пользователь"
        verbose_name_plural = "пользователи"

    def save(self, *args, **kwargs):
        # Only administrators reach the Django admin (users, roles, catalogs).
        self.is_staff = self.is_superuser = self.role == Role.ADMIN
        super().save(*args, **kwargs)

    def __str__(self):
        return self.get_full_name() or self.username


def _digest(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token; only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "API-токен"
        verbose_name_plural = "API-токены"

    def __str__(self):
        return f"{self.prefix}… ({self.user})"

    @classmethod
    def issue(cls, user):
        raw = "zb_" + secrets.token_urlsafe(32)
        cls.objects.create(user=user, digest=_digest(raw), prefix=raw[:8])
        return raw

    @classmethod
    def user_for(cls, raw):
        token = cls.objects.select_related("user").filter(digest=_digest(raw)).first()
        if token is None or not token.user.is_active:
            return None
        return token.user


track(User)
