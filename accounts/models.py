import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models

from audit.tracking import track
from core.personal import BLANK


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
    # Raised to end every session of the user at once (see _get_session_auth_hash).
    session_epoch = models.PositiveIntegerField("поколение сеансов", default=0, editable=False)

    PERSONAL_FIELDS = {"first_name": BLANK, "last_name": BLANK, "email": BLANK, "phone": BLANK}

    class Meta:
        verbose_name = "пользователь"
        verbose_name_plural = "пользователи"

    def save(self, *args, **kwargs):
        # Only administrators reach the Django admin (users, roles, catalogs).
        self.is_staff = self.is_superuser = self.role == Role.ADMIN
        super().save(*args, **kwargs)

    def _get_session_auth_hash(self, secret=None):
        # Django checks this hash on every request: changing the epoch ends all sessions of the user.
        if not self.session_epoch:
            return super()._get_session_auth_hash(secret=secret)
        from django.utils.crypto import salted_hmac

        key_salt = "zabota.accounts.User.session_epoch"
        value = f"{self.password}:{self.session_epoch}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()

    def end_sessions(self):
        """Log the user out everywhere (a lost phone, a disabled account)."""
        User.objects.filter(pk=self.pk).update(session_epoch=models.F("session_epoch") + 1)
        self.refresh_from_db(fields=["session_epoch"])

    def __str__(self):
        return self.get_full_name() or self.username


def _digest(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token; only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField("выпущен", auto_now_add=True)
    last_used_at = models.DateTimeField("последнее использование", null=True, blank=True)
    expires_at = models.DateTimeField("действует до", null=True, blank=True)

    class Meta:
        verbose_name = "API-токен"
        verbose_name_plural = "API-токены"

    def __str__(self):
        return f"{self.prefix}… ({self.user})"

    @classmethod
    def issue(cls, user, days=None):
        from datetime import timedelta

        from django.conf import settings
        from django.utils import timezone

        days = settings.API_TOKEN_DAYS if days is None else days
        raw = "zb_" + secrets.token_urlsafe(32)
        expires_at = timezone.now() + timedelta(days=days) if days else None
        cls.objects.create(user=user, digest=_digest(raw), prefix=raw[:8], expires_at=expires_at)
        return raw

    @classmethod
    def user_for(cls, raw):
        from datetime import timedelta

        from django.utils import timezone

        token = cls.objects.select_related("user").filter(digest=_digest(raw)).first()
        now = timezone.now()
        if token is None or not token.user.is_active or (token.expires_at and token.expires_at <= now):
            return None
        if token.last_used_at is None or token.last_used_at < now - timedelta(minutes=1):
            cls.objects.filter(pk=token.pk).update(last_used_at=now)  # at most one write a minute
        return token.user


track(User)
