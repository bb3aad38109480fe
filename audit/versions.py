"""Optimistic locking for edit forms: the latest audit entry of a record is its version.

A form remembers the version it was opened at; saving over a newer change by someone else is refused
once with who and when, keeping what was typed, and a second «Сохранить» then applies it on purpose."""

from django import forms
from django.utils import timezone

from audit.models import AuditEntry

CHANGES = [AuditEntry.Action.CREATE, AuditEntry.Action.UPDATE]


def _changes(obj):
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk), action__in=CHANGES)


def version_of(obj):
    return _changes(obj).order_by("-pk").values_list("pk", flat=True).first() or 0


class VersionedFormMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"] = forms.IntegerField(
                widget=forms.HiddenInput, required=False, initial=version_of(self.instance)
            )

    def clean(self):
        data = super().clean()
        opened_at = data.pop("version", None)
        if self.instance.pk and opened_at is not None:
            newer = _changes(self.instance).filter(pk__gt=opened_at).select_related("user").order_by("-pk").first()
            if newer is not None:
                who = (newer.user.get_full_name() or newer.user.username) if newer.user else "другой пользователь"
                when = timezone.localtime(newer.at).strftime("%d.%m.%Y %H:%M")
                self.data = self.data.copy()
                self.data[self.add_prefix("version")] = newer.pk
                raise forms.ValidationError(
                    f"Пока вы редактировали, эту карточку изменил(а) {who} ({when}). Ваши изменения не "
                    "сохранены: сверьте поля с карточкой и нажмите «Сохранить» ещё раз, чтобы записать свои."
                )
        return data
