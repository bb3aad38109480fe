from django import forms

from helprequests import selectors
from helprequests.models import Channel, CloseReason, Urgency
from helprequests.services import HELPER_NOTE_MAX
from people.forms import BeneficiaryForm
from people.selectors import live_people


class NeedsField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=selectors.need_choices(),
            widget=forms.CheckboxSelectMultiple,
            label="Что нужно",
            error_messages={"required": "Отметьте хотя бы одну потребность."},
            **kwargs,
        )


class IntakeForm(forms.Form):
    """Hotline intake: a request for an existing person or for a new one."""

    beneficiary = forms.ModelChoiceField(
        label="Подопечный из базы",
        queryset=None,  # set from the user's scope in __init__
        required=False,
        widget=forms.HiddenInput,  # chosen by the search above the form, not from a list of everyone
        error_messages={"invalid_choice": "Этого человека нет в вашей зоне: найдите его поиском ещё раз."},
    )
    channel = forms.ChoiceField(label="Канал", choices=Channel.choices, initial=Channel.HOTLINE)
    needs = NeedsField()
    urgency = forms.ChoiceField(label="Срочность", choices=Urgency.choices, initial=Urgency.WITHIN_3_DAYS)
    description = forms.CharField(label="Описание", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    reporter_name = forms.CharField(label="Кто сообщил (если не сам человек)", max_length=200, required=False)
    reporter_phone = forms.CharField(label="Телефон сообщившего", max_length=40, required=False)
    received_at = forms.DateTimeField(
        label="Когда поступило",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="Если звонок был раньше, укажите его время: срок соединения считается от него.",
    )
    confirm_new = forms.BooleanField(label="Это другой человек — всё равно записать нового", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["beneficiary"].queryset = live_people(user)

    def clean_reporter_phone(self):
        from core.phones import normalize_phone

        return normalize_phone(self.cleaned_data.get("reporter_phone"))


class NewPersonForm(BeneficiaryForm):
    """The person's fields on the intake page (prefixed «p»)."""


TOO_LONG = {"max_length": "Слишком длинно: не больше %(limit_value)d знаков (сейчас %(show_value)d)."}


class HelperNoteForm(forms.Form):
    """An optional note on a helper's action: how, when, what was agreed."""

    note = forms.CharField(
        label="Примечание (необязательно): как, когда, о чём договорились",
        max_length=HELPER_NOTE_MAX,
        required=False,
        error_messages=TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Причина отказа",
        max_length=500,
        error_messages={**TOO_LONG, "required": "Укажите, почему вы не можете помочь."},
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CloseForm(forms.Form):
    reason_code = forms.ChoiceField(
        label="Причина закрытия",
        choices=CloseReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Выберите причину закрытия из списка."},
    )
    institution = forms.CharField(
        label="Куда передано (учреждение)", max_length=300, required=False, error_messages=TOO_LONG
    )
    text = forms.CharField(
        label="Примечание: как помогли, о чём договорились",
        max_length=500,
        required=False,
        error_messages=TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class FollowUpForm(forms.Form):
    help_came = forms.TypedChoiceField(
        label="Помощь пришла?",
        choices=[("yes", "Да"), ("no", "Нет")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    satisfaction = forms.TypedChoiceField(
        label="Насколько человек доволен помощью (1 — совсем нет, 5 — очень)",
        choices=[(str(i), str(i)) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        required=False,
        empty_value=None,
    )
    comment = forms.CharField(
        label="Комментарий", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
