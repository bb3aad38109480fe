from django import forms

from accounts import access
from catalog.selectors import services_offered
from core.phones import normalize_phone
from territories.selectors import territories_in_scope
from volunteers import selectors
from volunteers.models import WEEKDAYS, Volunteer


class VolunteerForm(forms.ModelForm):
    phone = forms.CharField(label="Телефон", max_length=40, required=False)
    weekdays = forms.TypedMultipleChoiceField(
        label="Дни", choices=WEEKDAYS, coerce=int, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Volunteer
        fields = [
            "full_name",
            "phone",
            "email",
            "age_group",
            "is_permanent",
            "skills",
            "territory",
            "lat",
            "lon",
            "area_radius_km",
            "weekdays",
            "hours_from",
            "hours_to",
            "training",
            "trained_at",
            "organization",
            "max_load",
            "former_beneficiary",
            "is_active",
        ]
        widgets = {
            "skills": forms.CheckboxSelectMultiple,
            "hours_from": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "hours_to": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "trained_at": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skills"].queryset = services_offered()
        self.fields["territory"].queryset = territories_in_scope(user)
        self.fields["organization"].queryset = selectors.organizations_for_cards(user)
        if access.is_org_staff(user):
            self.fields["organization"].required = True
        self.fields["former_beneficiary"].queryset = selectors.former_beneficiaries(user)

    def clean_phone(self):
        return normalize_phone(self.cleaned_data.get("phone"))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("hours_from"), cleaned.get("hours_to")
        if start and end and start >= end:
            self.add_error("hours_to", "Время окончания должно быть позже начала.")
        return cleaned
