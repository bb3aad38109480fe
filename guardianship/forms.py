from django import forms

from core.phones import normalize_phone
from directory.search import find_localities
from guardianship import selectors
from guardianship.models import FamilyApplication, Guardian, GuardianKind, Guardianship

# The programme's kinds of help (the querysets are set in each form's __init__ from the selectors).
PROGRAMME_CODES = selectors.PROGRAMME_CODES
programme_needs = selectors.programme_needs


class ApplicationForm(forms.Form):
    """The public application to become a guardian; «website» is a honeypot."""

    name = forms.CharField(label="Название организации, группы или коллектива", max_length=300)
    kind = forms.ChoiceField(label="Кто вы", choices=GuardianKind.choices)
    locality = forms.CharField(label="Населённый пункт", max_length=120)
    contact_name = forms.CharField(label="Контактное лицо", max_length=200)
    phone = forms.CharField(label="Телефон", max_length=40)
    email = forms.EmailField(label="Эл. почта", required=False)
    capabilities = forms.ModelMultipleChoiceField(
        label="Чем готовы помогать семье", queryset=None, widget=forms.CheckboxSelectMultiple
    )
    max_families = forms.IntegerField(
        label="Сколько семей готовы взять под опеку", min_value=1, max_value=50, initial=1
    )
    about = forms.CharField(
        label="Коротко о вас", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )
    consent = forms.BooleanField(
        label="Согласен(на) на обработку персональных данных для участия в программе (152-ФЗ)",
        error_messages={"required": "Без согласия мы не сможем рассмотреть заявку."},
    )
    website = forms.CharField(required=False, label="Не заполняйте это поле")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["capabilities"].queryset = programme_needs()
        self.fields["capabilities"].error_messages["required"] = "Отметьте хотя бы один вид помощи."

    def clean_locality(self):
        found = find_localities(self.cleaned_data["locality"], limit=1)
        if not found:
            raise forms.ValidationError("Не нашли такой населённый пункт.")
        return found[0]

    def clean_phone(self):
        return normalize_phone(self.cleaned_data["phone"])

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("Форма заполнена автоматически.")
        return ""


class StaffGuardianForm(forms.ModelForm):
    phone = forms.CharField(label="Телефон", max_length=40)

    class Meta:
        model = Guardian
        fields = [
            "name",
            "kind",
            "territory",
            "contact_name",
            "phone",
            "email",
            "capabilities",
            "max_families",
            "about",
        ]
        widgets = {"capabilities": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = selectors.territories(user)
        self.fields["capabilities"].queryset = programme_needs()

    def clean_phone(self):
        return normalize_phone(self.cleaned_data["phone"])


class FamilyApplicationForm(forms.Form):
    """A family's application to the programme: where it came from (the seed: ОНФ.Помощь or the regional HQ)."""

    source = forms.ChoiceField(
        label="Откуда заявка", choices=FamilyApplication.Source.choices, widget=forms.RadioSelect
    )
    source_note = forms.CharField(label="Уточнение источника (для «Другое»)", max_length=200, required=False)
    received_at = forms.DateTimeField(
        label="Когда получена", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), required=False
    )
    request_text = forms.CharField(
        label="О чём просит семья", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False
    )
    contact_email = forms.EmailField(label="Эл. почта контакта семьи (для анкеты обратной связи)", required=False)

    def clean(self):
        data = super().clean()
        if data.get("source") == FamilyApplication.Source.OTHER and not (data.get("source_note") or "").strip():
            self.add_error("source_note", "Для источника «Другое» уточните, откуда заявка.")
        return data


class MarkForm(forms.Form):
    serviceman = forms.BooleanField(label="Семья военнослужащего (подтверждено при отборе)", required=False)
    override_reason = forms.CharField(
        label="Не семья военнослужащего — причина исключения (решение координатора, не входит в отчёт "
        "федеральному штабу)",
        max_length=500,
        required=False,
    )
    needs = forms.ModelMultipleChoiceField(
        label="Потребности семьи", queryset=None, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label="Подробно", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000)
    contact_name = forms.CharField(label="Контакт семьи (кто передаёт потребности)", max_length=200)
    contact_phone = forms.CharField(label="Телефон контакта семьи", max_length=40)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = programme_needs()

    def clean_contact_phone(self):
        return normalize_phone(self.cleaned_data["contact_phone"])


class NeedsForm(forms.Form):
    needs = forms.ModelMultipleChoiceField(
        label="Что сейчас нужно семье",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note = forms.CharField(
        label="Подробно (что, когда, сколько)",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = programme_needs()


class FeedbackForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label="Насколько вы довольны помощью опекуна (1 — совсем нет, 5 — очень)",
        choices=[(str(i), str(i)) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    helped = forms.CharField(
        label="Что помогло больше всего", widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=1000
    )
    improve = forms.CharField(
        label="Что можно сделать лучше", widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=1000
    )
    continue_help = forms.TypedChoiceField(
        label="Хотите продолжать взаимодействие с опекуном?",
        choices=[("yes", "Да"), ("no", "Нет")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )


class FirstContactForm(forms.Form):
    at = forms.DateTimeField(
        label="Когда был первый контакт", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    hq_present = forms.CharField(label="Кто из регионального штаба участвовал", max_length=200)
    agreement_number = forms.CharField(label="Номер соглашения с семьёй", max_length=50, required=False)
    agreement_date = forms.DateField(
        label="Дата соглашения", widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
    agreement_file = forms.FileField(label="Соглашение (PDF или DOCX)", required=False)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,video/mp4"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class StoryForm(forms.Form):
    title = forms.CharField(label="Заголовок", max_length=200)
    text = forms.CharField(label="История", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    files = MultipleFileField(label="Фото и видео (JPG, PNG, WEBP до 10 МБ, MP4 до 100 МБ)", required=False)
    publication_consent = forms.BooleanField(label="Семья согласна на публикацию", required=False)
    consent_by = forms.CharField(label="Кто из семьи дал согласие", max_length=200, required=False)


class TerminateForm(forms.Form):
    reason = forms.ChoiceField(label="Причина", choices=Guardianship.Termination.choices, widget=forms.RadioSelect)
    text = forms.CharField(label="Комментарий", max_length=500, required=False)
