from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.phones import normalize_phone
from ties.models import Frequency, Kind, Tie


class TieForm(forms.Form):
    kind = forms.ChoiceField(label="Кто это", choices=Kind.choices)
    contact_name = forms.CharField(label="Имя (для человека)", max_length=200, required=False)
    name = forms.CharField(label="Название (для сообщества, клуба, ТОС)", max_length=200, required=False)
    phone = forms.CharField(label="Телефон", max_length=40, required=False)
    email = forms.EmailField(
        label="Эл. почта", required=False, error_messages={"invalid": "Эл. почта указана неверно."}
    )
    note = forms.CharField(label="Примечание", max_length=300, required=False)
    frequency = forms.ChoiceField(label="Как часто общаются", choices=Frequency.choices, required=False)
    last_contact_on = forms.DateField(
        label="Последний контакт",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Укажите дату в формате ДД.ММ.ГГГГ."},
    )
    lives_nearby = forms.BooleanField(label="Живёт рядом", required=False)
    agrees_to_messages = forms.BooleanField(
        label="Согласен(на) получать сообщения о подопечном (эл. почта, SMS)",
        required=False,
        help_text="Нужно и согласие самого подопечного «Информирование родственников».",
    )
    ended_on = forms.DateField(
        label="Связь прекратилась",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Укажите дату в формате ДД.ММ.ГГГГ."},
    )
    ended_reason = forms.ChoiceField(label="Почему", choices=[("", "—"), *Tie.Ended.choices], required=False)

    def clean_phone(self):
        return normalize_phone(self.cleaned_data.get("phone"))

    def clean_last_contact_on(self):
        value = self.cleaned_data.get("last_contact_on")
        if value and value > timezone.localdate():
            raise ValidationError("Дата последнего контакта не может быть в будущем.")
        return value

    @classmethod
    def initial_for(cls, tie):
        return {
            "kind": tie.kind,
            "contact_name": tie.contact.name if tie.contact_id else "",
            "name": tie.name,
            "phone": tie.phone,
            "email": tie.email,
            "note": tie.contact.note if tie.contact_id else "",
            "frequency": tie.frequency,
            "last_contact_on": tie.last_contact_on,
            "lives_nearby": tie.lives_nearby,
            "agrees_to_messages": tie.agrees_to_messages,
            "ended_on": tie.ended_on,
            "ended_reason": tie.ended_reason,
        }
