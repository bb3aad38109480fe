from django import forms

from audit.versions import VersionedFormMixin
from catalog.selectors import services_offered
from core.phones import normalize_phone
from directory.models import Organization, OrganizationService
from territories.selectors import territories_all, territories_in_scope

MAX_AGE = 120


def _within(value, low, high, message):
    if value is not None and not low <= value <= high:
        raise forms.ValidationError(message)
    return value


class OrganizationForm(VersionedFormMixin, forms.ModelForm):
    phone = forms.CharField(label="Телефон", max_length=40, required=False, help_text="Например: 8 4912 55-01-01")
    website = forms.URLField(label="Сайт", required=False, assume_scheme="https")

    class Meta:
        model = Organization
        fields = [
            "name",
            "kind",
            "care_level",
            "description",
            "territory",
            "served_territories",
            "address",
            "lat",
            "lon",
            "phone",
            "email",
            "website",
            "links",
            "opening_hours",
            "schedule",
            "capacity",
            "min_age",
            "eligibility",
            "is_public",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "links": forms.Textarea(attrs={"rows": 2}),
            "schedule": forms.Textarea(attrs={"rows": 3}),
            "served_territories": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from directory.services import sets_area_directly

        in_scope = territories_in_scope(user)
        self.fields["territory"].queryset = in_scope
        # The served area decides whose requests the staff may claim: a coordinator sets it within their
        # territory; the organization's staff may propose any territory, which waits for a coordinator.

        served = self.fields["served_territories"]
        if sets_area_directly(user):
            served.queryset = in_scope
        else:
            served.queryset = territories_all()
            served.label = "Обслуживаемые территории (предложение)"
            served.help_text = (
                "Изменения вступят в силу после подтверждения координатором: "
                "до тех пор организация обслуживает подтверждённые территории."
            )

    def clean_phone(self):
        return normalize_phone(self.cleaned_data.get("phone"))

    # The same limits as the import (directory/importing.py): checked on the server, named by the field.
    def clean_lat(self):
        return _within(self.cleaned_data.get("lat"), -90, 90, "Широта должна быть числом от −90 до 90.")

    def clean_lon(self):
        return _within(self.cleaned_data.get("lon"), -180, 180, "Долгота должна быть числом от −180 до 180.")

    def clean_min_age(self):
        return _within(self.cleaned_data.get("min_age"), 0, MAX_AGE, f"Возраст — целое число от 0 до {MAX_AGE}.")

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("lat") is None) != (cleaned.get("lon") is None):
            self.add_error("lon", "Укажите и широту, и долготу — или ни то, ни другое.")
        return cleaned


class ServiceForm(forms.ModelForm):
    class Meta:
        model = OrganizationService
        fields = ["category", "is_free", "who_may_apply", "schedule"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = services_offered()


class BaseServiceFormSet(forms.BaseInlineFormSet):
    def get_unique_error_message(self, unique_check):
        return "Одна и та же услуга указана в нескольких строках — оставьте одну строку на услугу."

    def get_form_error(self):
        return "Исправьте повторяющуюся услугу ниже."

    def chosen(self):
        """The whole list of services as plain data for directory.services.organization_save."""
        return [
            {"category": d["category"], **{k: d[k] for k in ("is_free", "who_may_apply", "schedule")}}
            for d in (form.cleaned_data for form in self.forms)
            if d.get("category") and not d.get("DELETE")
        ]


ServiceFormSet = forms.inlineformset_factory(
    Organization, OrganizationService, form=ServiceForm, formset=BaseServiceFormSet, extra=2, can_delete=True
)


class DirectoryFilter(forms.Form):
    SORTS = [
        ("name", "по названию"),
        ("-created_at", "сначала новые"),
        ("last_confirmed_at", "давно не подтверждались"),
        ("territory__name", "по территории"),
    ]
    VERIFIED = [("", "Все"), ("yes", "Проверенные"), ("no", "Не проверенные"), ("due", "Пора подтвердить")]

    q = forms.CharField(label="Название", required=False)
    kind = forms.ChoiceField(label="Вид", choices=[("", "Все виды"), *Organization.Kind.choices], required=False)
    territory = forms.ModelChoiceField(label="Территория", queryset=None, required=False, empty_label="Все территории")
    service = forms.ModelChoiceField(
        label="Услуга",
        queryset=None,
        to_field_name="code",
        required=False,
        empty_label="Любая услуга",
    )
    verified = forms.ChoiceField(label="Проверка", choices=VERIFIED, required=False)
    sort = forms.ChoiceField(label="Сортировка", choices=SORTS, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = territories_in_scope(user)
        self.fields["service"].queryset = services_offered()
