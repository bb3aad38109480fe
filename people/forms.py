from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.versions import VersionedFormMixin
from core.phones import normalize_phone
from people import selectors
from people.models import Beneficiary, Consent, Household, SocialContact


class BeneficiaryForm(VersionedFormMixin, forms.ModelForm):
    consent_given = forms.BooleanField(
        label="Согласие на обработку персональных данных получено",
        help_text="Без согласия человека данные записывать нельзя (152-ФЗ).",
        error_messages={"required": "Отметьте, что согласие на обработку персональных данных получено."},
    )
    # Wider than the stored +7XXXXXXXXXX: people type spaces, brackets and dashes.
    phone = forms.CharField(label="Телефон", max_length=40, required=False, help_text="Например: 8 912 345-67-89")
    phone2 = forms.CharField(label="Второй телефон", max_length=40, required=False)

    class Meta:
        model = Beneficiary
        fields = [
            "full_name",
            "birth_date",
            "phone",
            "phone2",
            "territory",
            "address",
            "lives_alone",
            "mobility",
            "household",
            "household_role",
            "notes",
        ]
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = selectors.territory_choices(user)
        self.fields["household"].queryset = selectors.household_choices(user)
        if self.instance.pk:
            del self.fields["consent_given"]

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name) < 3:
            raise ValidationError("Укажите фамилию и имя.")
        return name

    def clean_birth_date(self):
        value = self.cleaned_data.get("birth_date")
        if value and not (value.year >= 1900 and value <= timezone.localdate()):
            raise ValidationError("Дата рождения вне допустимого диапазона.")
        return value

    def clean_phone(self):
        return normalize_phone(self.cleaned_data.get("phone"))

    def clean_phone2(self):
        return normalize_phone(self.cleaned_data.get("phone2"))

    # Written by people.services.beneficiary_create / beneficiary_update (coordinates from the territory there).


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["purpose", "text_version", "given_at"]
        widgets = {"given_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}

    def clean_given_at(self):
        value = self.cleaned_data["given_at"]
        if value > timezone.now():
            raise ValidationError("Дата согласия не может быть в будущем.")
        return value


class ContactForm(forms.ModelForm):
    phone = forms.CharField(label="Телефон", max_length=40, required=False)

    class Meta:
        model = SocialContact
        fields = ["relation", "name", "phone", "note"]

    def clean_phone(self):
        return normalize_phone(self.cleaned_data.get("phone"))


class HouseholdForm(forms.ModelForm):
    class Meta:
        model = Household
        fields = ["name", "territory", "address", "is_serviceman_family", "notes"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = selectors.territory_choices(user)
