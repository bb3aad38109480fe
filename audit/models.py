from django.conf import settings
from django.db import models
from django.utils import timezone


class AppendOnlyError(Exception):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Журнал действий нельзя изменять.")

    def delete(self):
        raise AppendOnlyError("Журнал действий нельзя изменять.")


class AppendOnly(models.Model):
    """Rows of the journal are written once: never changed, never deleted one by one."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Журнал действий нельзя изменять.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Журнал действий нельзя изменять.")


class AuditEntry(AppendOnly):
    class Action(models.TextChoices):
        LOGIN = "login", "Вход"
        LOGIN_FAILED = "login_failed", "Неудачный вход"
        LOCKED_OUT = "locked_out", "Вход заблокирован"
        LOGOUT = "logout", "Выход"
        VIEW = "view", "Просмотр персональных данных"
        CREATE = "create", "Создание"
        UPDATE = "update", "Изменение"
        DELETE = "delete", "Удаление"
        EXPORT = "export", "Выгрузка"
        DENIED = "denied", "Отказ в доступе"

    at = models.DateTimeField("когда", default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    username = models.CharField("имя пользователя", max_length=150, blank=True)
    ip = models.GenericIPAddressField("адрес", null=True, blank=True)
    action = models.CharField("действие", max_length=20, choices=Action.choices, db_index=True)
    object_type = models.CharField("тип записи", max_length=60, blank=True, db_index=True)
    object_id = models.CharField("номер записи", max_length=40, blank=True, db_index=True)
    object_repr = models.CharField("запись", max_length=200, blank=True)
    path = models.CharField("адрес страницы", max_length=300, blank=True)
    details = models.JSONField("подробности", default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        # «История изменений» of one record: its entries, newest first.
        indexes = [models.Index(fields=["object_type", "object_id", "-at"], name="audit_object_history")]
        verbose_name = "запись журнала"
        verbose_name_plural = "журнал действий"

    def __str__(self):
        return f"{self.at:%d.%m.%Y %H:%M} {self.username} {self.get_action_display()} {self.object_repr}"


class AuditEntryPerson(AppendOnly):
    """One person (beneficiary) an entry showed: a record page, or one of the ids of a list, export or API
    answer. Answers «who saw this person» on SQLite and PostgreSQL alike with one indexed lookup (a JSON
    «contains» on the entry's details is not portable). Written only by `audit.log`, append-only."""

    entry = models.ForeignKey(AuditEntry, on_delete=models.CASCADE, related_name="persons")
    # A plain number, not a key: the log outlives merges and anonymization, and audit sits below people.
    beneficiary_id = models.PositiveIntegerField("подопечный №")

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "подопечный в записи журнала"
        verbose_name_plural = "подопечные в записях журнала"
        indexes = [models.Index(fields=["beneficiary_id", "entry"], name="audit_person_entry")]

    def __str__(self):
        return f"№{self.beneficiary_id} в записи {self.entry_id}"
