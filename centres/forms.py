import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts import access
from centres import selectors
from centres.models import AgeGroup, Centre, EventKind, EventSchedule, FinanceEntry, Partner, Source, Specialist
from core.phones import normalize_phone
from directory.search import find_localities
from volunteers.models import Volunteer

PERSON_ID = re.compile(r"№\s*(\d+)\)?\s*$")


def person_label(person):
    year = f", {person.birth_date.year} г.р." if person.birth_date else ""
    return f"{person.full_name}{year} (№{person.pk})"


people_for = selectors.people_for


class PersonField(forms.CharField):
    """A person from the base picked from a datalist «ФИО, г.р. (№id)»; empty means anonymous."""

    def __init__(self, *args, user=None, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 300)
        super().__init__(*args, **kwargs)
        self.user = user
        self.widget.attrs.update({"list": "people-options", "autocomplete": "off"})

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        match = PERSON_ID.search(value)
        person = None
        if match and self.user is not None:
            person = selectors.person_in_scope(self.user, match[1])
        if person is None:
            raise ValidationError("Выберите человека из подсказки списка или оставьте поле пустым (анонимно).")
        return person


def _volunteer_field(centre, label="Волонтёр (если оказал волонтёр)"):
    return forms.ModelChoiceField(
        label=label,
        queryset=selectors.centre_volunteers(centre),
        required=False,
        empty_label="— сотрудник центра (я) —",
    )


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class VisitForm(forms.Form):
    person = PersonField(label="Человек из базы (начните вводить ФИО; пусто — анонимно)")
    age_group = forms.ChoiceField(
        label="Возрастная группа (для анонимного)", choices=AgeGroup.choices, required=False, widget=forms.RadioSelect
    )
    service = ServiceChoiceField(
        label="Услуга",
        queryset=None,
        widget=forms.RadioSelect,
        error_messages={"required": "Выберите услугу — что сделали для человека."},
    )
    is_paid = forms.BooleanField(label="Платно", required=False)
    amount = forms.DecimalField(
        label="Сумма, ₽ (пусто — по цене центра)", required=False, max_digits=9, decimal_places=2
    )
    source = forms.ChoiceField(
        label="Откуда узнали о центре", choices=Source.choices, required=False, widget=forms.RadioSelect
    )
    visited_on = forms.DateField(label="Дата", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    notes = forms.CharField(label="Заметка (что просили)", max_length=500, required=False)

    def __init__(self, *args, centre, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].user = user
        self.fields["service"].queryset = selectors.centre_service_categories(centre)
        self.fields["volunteer"] = _volunteer_field(centre)
        self.order_fields(["person", "age_group", "service", "volunteer", "is_paid", "amount", "source", "visited_on"])
        self.initial.setdefault("visited_on", timezone.localdate())


class CentreForm(forms.ModelForm):
    class Meta:
        model = Centre
        fields = [
            "organization",
            "name",
            "kind",
            "territory",
            "address",
            "opening_hours",
            "phone",
            "keeps_finances",
            "is_active",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = selectors.centre_organizations(user)
        if user.organization_id and not access.can(user, "directory.add"):
            self.fields["organization"].initial = user.organization_id
        self.fields["territory"].queryset = selectors.centre_territories(user)
        self.leaves = list(selectors.service_leaves())
        current = {s.category_id: s.price for s in self.instance.services.all()} if self.instance.pk else {}
        self.service_rows = []
        for leaf in self.leaves:
            self.fields[f"svc_{leaf.pk}"] = forms.BooleanField(
                label=leaf.name, required=False, initial=leaf.pk in current
            )
            self.fields[f"price_{leaf.pk}"] = forms.DecimalField(
                label=f"Цена «{leaf.name}», ₽",
                required=False,
                min_value=0,
                max_digits=9,
                decimal_places=2,
                initial=current.get(leaf.pk),
                error_messages={"min_value": "Цена не может быть отрицательной."},
            )
            self.service_rows.append((self[f"svc_{leaf.pk}"], self[f"price_{leaf.pk}"]))

    def clean_phone(self):
        return normalize_phone(self.cleaned_data.get("phone", ""))

    def services(self):
        return [
            (leaf, self.cleaned_data.get(f"price_{leaf.pk}"))
            for leaf in self.leaves
            if self.cleaned_data.get(f"svc_{leaf.pk}")
        ]

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"svc_{leaf.pk}") for leaf in self.leaves):
            raise ValidationError("Отметьте хотя бы одну услугу, которую оказывает центр.")
        return cleaned


class CareForm(forms.Form):
    person = PersonField(label="Подопечный (начните вводить ФИО)", required=True)
    every_days = forms.IntegerField(label="Навещать раз в, дней", min_value=1, max_value=90, initial=7)
    notes = forms.CharField(label="Заметки", max_length=500, required=False)

    def __init__(self, *args, centre, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].user = user
        self.fields["volunteer"] = _volunteer_field(centre, "Кто навещает")
        self.fields["volunteer"].empty_label = "— сотрудники центра —"
        self.order_fields(["person", "every_days", "volunteer", "notes"])


class CareVisitForm(forms.Form):
    visited_on = forms.DateField(label="Дата визита", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    notes = forms.CharField(label="Как дела", max_length=500, required=False)


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class EventForm(forms.Form):
    kind = forms.ChoiceField(label="Вид", choices=EventKind.choices, initial=EventKind.MASTER_CLASS)
    title = forms.CharField(label="Название", max_length=200)
    starts_at = forms.DateTimeField(label="Дата и время", widget=LocalDateTimeInput())
    duration_min = forms.IntegerField(label="Длительность, мин", min_value=10, max_value=720, initial=90)
    place = forms.CharField(label="Место", max_length=300, required=False)
    capacity = forms.IntegerField(label="Мест (пусто — без ограничения)", min_value=1, max_value=10000, required=False)
    description = forms.CharField(label="Описание", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    is_public = forms.BooleanField(label="Показывать жителям в афише", required=False, initial=True)

    def __init__(self, *args, centre, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"] = forms.ModelChoiceField(
            label="Проводит (организация-партнёр)",
            queryset=selectors.host_organizations(user),
            required=False,
            empty_label=f"— {centre.organization.name} —",
        )
        self.fields["specialists"] = forms.ModelMultipleChoiceField(
            label="Специалисты",
            queryset=selectors.active_specialists(centre),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["volunteers"] = forms.ModelMultipleChoiceField(
            label="Волонтёры",
            queryset=selectors.centre_volunteers(centre),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )


class ScheduleForm(forms.ModelForm):
    class Meta:
        model = EventSchedule
        fields = [
            "kind",
            "title",
            "weekday",
            "starts_at",
            "duration_min",
            "every_weeks",
            "place",
            "capacity",
            "starts_on",
            "ends_on",
        ]
        widgets = {
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class RegisterForm(forms.Form):
    person = PersonField(label="Записать человека из базы")
    extra = forms.IntegerField(label="или записать число людей без данных", min_value=0, max_value=500, required=False)
    confirm_over_capacity = forms.BooleanField(label="Записать сверх числа мест — подтверждаю", required=False)


class SpecialistForm(forms.ModelForm):
    class Meta:
        model = Specialist
        fields = ["full_name", "profession", "phone", "is_pro_bono"]

    def clean_phone(self):
        return normalize_phone(self.cleaned_data.get("phone", ""))


class HoursForm(forms.Form):
    worked_on = forms.DateField(label="Дата", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    hours = forms.DecimalField(label="Часов", min_value=0.5, max_value=24, decimal_places=1)
    note = forms.CharField(label="Что делал", max_length=300, required=False)

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["specialist"] = forms.ModelChoiceField(label="Специалист", queryset=centre.specialists.all())
        self.order_fields(["specialist", "worked_on", "hours", "note"])


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["name", "role", "contribution", "contact"]


class FinanceForm(forms.ModelForm):
    class Meta:
        model = FinanceEntry
        fields = ["month", "kind", "item", "amount", "note"]
        widgets = {"month": forms.DateInput(attrs={"type": "month"}, format="%Y-%m")}

    month = forms.DateField(
        label="Месяц",
        input_formats=["%Y-%m", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount < 0:
            raise ValidationError("Сумма не может быть отрицательной.")
        return amount


class VolunteerApplicationForm(forms.Form):
    """«Стать волонтёром» — the public recruitment form; «website» is a honeypot."""

    full_name = forms.CharField(label="Фамилия, имя, отчество", max_length=200)
    phone = forms.CharField(label="Телефон", max_length=40)
    locality = forms.CharField(label="Населённый пункт", max_length=120)
    age_group = forms.ChoiceField(label="Возраст", choices=Volunteer.AgeGroup.choices, widget=forms.RadioSelect)
    skills = forms.ModelMultipleChoiceField(
        label="Чем можете помочь",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    abilities = forms.CharField(
        label="Расскажите, что умеете и хотите делать", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    availability = forms.CharField(label="Когда можете помогать (дни, часы)", max_length=300)
    consent = forms.BooleanField(
        label="Я согласен(на) на обработку моих персональных данных, указанных в анкете, "
        "чтобы со мной связались по поводу волонтёрства (152-ФЗ)",
        error_messages={"required": "Без согласия на обработку данных мы не сможем принять анкету."},
    )
    website = forms.CharField(required=False, label="Не заполняйте это поле")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skills"].queryset = selectors.service_leaves()

    def clean_phone(self):
        value = self.cleaned_data.get("phone")
        if not value:
            raise ValidationError("Укажите телефон, чтобы с вами могли связаться.")
        return normalize_phone(value)

    def clean_locality(self):
        found = find_localities(self.cleaned_data["locality"], limit=1)
        if not found:
            raise ValidationError("Не нашли такой населённый пункт. Проверьте название или выберите из подсказки.")
        return found[0]

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError("Форма заполнена автоматически.")
        return ""
