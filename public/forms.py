from django import forms
from django.core.exceptions import ValidationError

from core.phones import normalize_phone
from directory.search import find_localities
from public import selectors


class NeedChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.plain_name or obj.name


class PublicRequestForm(forms.Form):
    """Fields shared by both public forms; «website» is a honeypot that people never see."""

    locality = forms.CharField(label="Населённый пункт", max_length=120)
    address = forms.CharField(label="Адрес (улица, дом, квартира)", max_length=300)
    needs = NeedChoiceField(
        label="Какая помощь нужна",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    description = forms.CharField(label="Опишите ситуацию", widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)
    consent = forms.BooleanField(
        label="Я согласен(на) на обработку персональных данных, указанных в этой форме, "
        "чтобы мне или моему близкому помогли (152-ФЗ)",
        error_messages={"required": "Без согласия на обработку данных мы не сможем передать обращение."},
    )
    website = forms.CharField(required=False, label="Не заполняйте это поле")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = selectors.need_choices()

    def clean_locality(self):
        found = find_localities(self.cleaned_data["locality"], limit=1)
        if not found:
            raise ValidationError("Не нашли такой населённый пункт. Проверьте название или выберите из подсказки.")
        return found[0]

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError("Форма заполнена автоматически.")
        return ""

    @staticmethod
    def _phone(value, required):
        if not value and required:
            raise ValidationError("Укажите телефон, чтобы с вами могли связаться.")
        return normalize_phone(value)


class NeedHelpForm(PublicRequestForm):
    FOR_CHOICES = [("self", "Для себя"), ("relative", "Для родственника или знакомого")]

    for_whom = forms.ChoiceField(
        label="Кому нужна помощь", choices=FOR_CHOICES, widget=forms.RadioSelect, initial="self"
    )
    full_name = forms.CharField(label="Фамилия, имя, отчество того, кому нужна помощь", max_length=200)
    age = forms.IntegerField(label="Возраст", min_value=18, max_value=120, required=False)
    phone = forms.CharField(label="Телефон того, кому нужна помощь", max_length=40, required=False)
    applicant_name = forms.CharField(label="Ваше имя (если обращаетесь за другого)", max_length=200, required=False)
    applicant_phone = forms.CharField(label="Ваш телефон (если обращаетесь за другого)", max_length=40, required=False)

    field_order = [
        "for_whom",
        "full_name",
        "age",
        "phone",
        "applicant_name",
        "applicant_phone",
        "locality",
        "address",
        "needs",
        "description",
        "consent",
        "website",
    ]

    def clean_phone(self):
        return self._phone(self.cleaned_data.get("phone"), required=False)

    def clean_applicant_phone(self):
        return self._phone(self.cleaned_data.get("applicant_phone"), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("for_whom") == "relative":
            if not cleaned.get("applicant_name"):
                self.add_error("applicant_name", "Укажите, как к вам обращаться.")
            if not cleaned.get("applicant_phone") and "applicant_phone" not in self.errors:
                self.add_error("applicant_phone", "Укажите свой телефон, чтобы с вами могли связаться.")
        elif not cleaned.get("phone") and "phone" not in self.errors:
            self.add_error("phone", "Укажите телефон, чтобы с вами могли связаться.")
        return cleaned


class ReportForm(PublicRequestForm):
    full_name = forms.CharField(label="Как зовут пожилого человека (если знаете)", max_length=200, required=False)
    reporter_name = forms.CharField(label="Ваше имя", max_length=200)
    reporter_phone = forms.CharField(label="Ваш телефон", max_length=40)
    reporter_relation = forms.CharField(label="Кем вы ему приходитесь", max_length=100, initial="сосед", required=False)

    field_order = [
        "full_name",
        "locality",
        "address",
        "needs",
        "description",
        "reporter_name",
        "reporter_phone",
        "reporter_relation",
        "consent",
        "website",
    ]

    def clean_reporter_phone(self):
        return self._phone(self.cleaned_data.get("reporter_phone"), required=True)


class StatusForm(forms.Form):
    """A resident checks a request by its number and the phone given in it (#9)."""

    number = forms.RegexField(
        label="Номер заявки",
        regex=r"^\s*\d{4}-\d{1,6}\s*$",
        max_length=20,
        error_messages={"invalid": "Номер выглядит так: 2026-000123.", "required": "Укажите номер заявки."},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "placeholder": "2026-000123"}),
    )
    phone = forms.CharField(
        label="Телефон, указанный в заявке",
        max_length=40,
        error_messages={"required": "Укажите телефон."},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    def clean_number(self):
        year, seq = self.cleaned_data["number"].strip().split("-")
        return f"{year}-{int(seq):06d}"

    def clean_phone(self):
        phone = normalize_phone(self.cleaned_data["phone"])
        if not phone:
            raise ValidationError("Проверьте номер телефона.")
        return phone
