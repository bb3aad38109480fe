from django import forms

from communities.models import Form as CommunityForm
from core.phones import normalize_phone
from directory.models import Organization
from outreach import selectors
from outreach.models import Contact, LetterTemplate, Question

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


territories = selectors.territories


class QuestionnaireForm(forms.Form):
    title = forms.CharField(label="Название анкеты", max_length=300)
    intro = forms.CharField(label="Вступление", required=False, max_length=3000, widget=forms.Textarea({"rows": 3}))


class QuestionForm(forms.Form):
    section = forms.CharField(
        label="Раздел",
        required=False,
        max_length=200,
        help_text="Вопросы с одинаковым разделом идут под одним заголовком.",
    )
    text = forms.CharField(label="Вопрос", max_length=1000, widget=forms.Textarea({"rows": 2}))
    help_text = forms.CharField(label="Подсказка", required=False, max_length=500)
    kind = forms.ChoiceField(label="Тип ответа", choices=Question.Kind.choices)
    required = forms.BooleanField(label="Обязательный", required=False)
    choices = forms.CharField(
        label="Варианты ответа",
        required=False,
        max_length=9000,
        widget=forms.Textarea({"rows": 5}),
        help_text="Для «Один вариант» и «Несколько вариантов»: по одному в строке.",
    )
    allow_other = forms.BooleanField(label="Добавить «Другое» с полем для своего варианта", required=False)
    scale_low = forms.CharField(label="Подпись к 1 (шкала)", required=False, max_length=100)
    scale_high = forms.CharField(label="Подпись к 5 (шкала)", required=False, max_length=100)
    order = forms.IntegerField(label="Порядок", required=False, min_value=0, max_value=100000)

    def service_kwargs(self):
        d = dict(self.cleaned_data)
        d["choices"] = (d.pop("choices") or "").splitlines()
        return d


INCLUDE = [("organizations", "Организации"), ("communities", "Сообщества"), ("leaders", "Лидеры сообществ")]


class RecipientFilter(forms.Form):
    territory = forms.ModelChoiceField(
        label="Территория", queryset=None, required=False, empty_label="Вся моя территория"
    )
    include = forms.MultipleChoiceField(
        label="Кому", choices=INCLUDE, required=False, widget=forms.CheckboxSelectMultiple
    )
    org_kind = forms.ChoiceField(
        label="Вид организации", choices=[("", "Любой")] + Organization.Kind.choices, required=False
    )
    community_form = forms.ChoiceField(
        label="Форма сообщества", choices=[("", "Любая")] + CommunityForm.choices, required=False
    )
    q = forms.CharField(label="Название", required=False, max_length=100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = territories(user)


class SendingForm(forms.Form):
    title = forms.CharField(label="Название рассылки", max_length=300, required=False)
    message = forms.CharField(
        label="Сопроводительный текст письма", required=False, max_length=3000, widget=forms.Textarea({"rows": 3})
    )
    deadline = forms.DateField(label="Ответить до", required=False, widget=DATE)


class ContactForm(forms.ModelForm):
    phone = forms.CharField(label="Телефон", max_length=40, required=False)

    class Meta:
        model = Contact
        fields = [
            "kind",
            "last_name",
            "first_name",
            "middle_name",
            "gender",
            "position",
            "position_dative",
            "organization",
            "organization_name",
            "outlet",
            "beat",
            "territory",
            "email",
            "phone",
            "address",
            "consent_at",
            "consent_note",
            "notes",
        ]
        widgets = {"consent_at": DATE, "notes": forms.Textarea({"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = territories(user)
        self.fields["organization"].queryset = selectors.organizations(user)

    def clean_phone(self):
        return normalize_phone(self.cleaned_data.get("phone"))

    def clean(self):
        data = super().clean()
        if data.get("kind") == Contact.Kind.MEDIA and not (data.get("outlet") or "").strip():
            self.add_error("outlet", "Для журналиста укажите издание.")
        if not data.get("consent_at"):
            self.add_error("consent_at", "Укажите дату согласия на обработку персональных данных.")
        return data


class LetterTemplateForm(forms.ModelForm):
    class Meta:
        model = LetterTemplate
        fields = [
            "name",
            "kind",
            "subject",
            "body",
            "centre_name",
            "head_position",
            "head_name",
            "centre_contacts",
            "region",
            "number_prefix",
        ]
        widgets = {"body": forms.Textarea({"rows": 14})}


class ContactFilter(forms.Form):
    q = forms.CharField(label="Поиск", required=False, max_length=100)
    kind = forms.ChoiceField(label="Кто", choices=[("", "Все")] + Contact.Kind.choices, required=False)
    territory = forms.ModelChoiceField(
        label="Территория", queryset=None, required=False, empty_label="Вся моя территория"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = territories(user)


class MergeForm(forms.Form):
    date = forms.DateField(label="Дата письма", widget=DATE)
    paragraph = forms.CharField(
        label="Свободный абзац (поле {абзац})", required=False, max_length=3000, widget=forms.Textarea({"rows": 4})
    )
