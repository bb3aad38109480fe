from django import forms

from assessments import selectors
from assessments.models import Criterion, Participant, Proposal, Session
from outreach.selectors import media_outlets
from practices import selectors as practices

SCORE_CHOICES = [("", "—"), ("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5"), ("nr", "не требуется")]


def _orgs(user):
    return selectors.organization_choices(user)


class SessionForm(forms.ModelForm):
    template = forms.ModelChoiceField(None, label="Чек-лист (версия)", empty_label=None, required=True)
    media_known = forms.MultipleChoiceField(
        label="СМИ из списка контактов",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Издания журналистов из «Анкеты и письма» → «Контакты»; другие впишите выше, по одному в строке.",
    )

    class Meta:
        model = Session
        fields = [
            "title",
            "subtitle",
            "territory",
            "template",
            "held_on",
            "starts_at",
            "place_text",
            "place_org",
            "goal",
            "questions",
            "moderator",
            "intro",
            "moderator_opinion",
            "media",
            "practices",
            "head_title",
            "head_name",
        ]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "goal": forms.Textarea(attrs={"rows": 2}),
            "questions": forms.Textarea(attrs={"rows": 3}),
            "intro": forms.Textarea(attrs={"rows": 4}),
            "moderator_opinion": forms.Textarea(attrs={"rows": 3}),
            "media": forms.Textarea(attrs={"rows": 2}),
            "head_title": forms.Textarea(attrs={"rows": 3}),
            "practices": forms.SelectMultiple(attrs={"size": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = selectors.territories(user)
        self.fields["place_org"].queryset = _orgs(user)
        self.fields["practices"].queryset = practices.choices(user)
        self.fields["practices"].required = False
        self.fields["template"].queryset = selectors.template_choices(user)
        outlets = media_outlets(user)
        if outlets:
            self.fields["media_known"].choices = [(o, o) for o in outlets]
            self.initial["media_known"] = [o for o in outlets if o in self.instance.media_list()]
            order = [name for name in self.fields if name != "media_known"]
            order.insert(order.index("media") + 1, "media_known")
            self.order_fields(order)
        else:
            del self.fields["media_known"]
        if self.instance.pk and self.instance.scores.exists():
            self.fields["template"].disabled = True
            self.fields["template"].help_text = "Оценки уже выставлены по этой версии: сменить её нельзя."
        self.fields["template"].label_from_instance = lambda t: f"{t}{' (текущая)' if t.is_current else ''}"

    def clean(self):
        data = super().clean()
        lines = [line.strip() for line in data.get("media", "").splitlines() if line.strip()]
        chosen = data.pop("media_known", None)
        if chosen is not None:
            # Unticking an outlet of the list removes it; typed outlets stay.
            outlets = {value for value, _ in self.fields["media_known"].choices}
            lines = [line for line in lines if line not in outlets] + list(chosen)
        data["media"] = "\n".join(dict.fromkeys(lines))
        return data


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["group", "organization", "name", "note"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = _orgs(user)

    def clean(self):
        data = super().clean()
        if not data.get("organization") and not (data.get("name") or "").strip():
            self.add_error("organization", "Выберите организацию из справочника или впишите её название.")
        return data


class ProposalForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = [
            "criterion",
            "text",
            "addressee_org",
            "addressee",
            "responsible",
            "due_on",
            "status",
            "status_note",
            "practice",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, user, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = selectors.session_criteria(session)
        self.fields["criterion"].empty_label = "— общее предложение —"
        self.fields["addressee_org"].queryset = _orgs(user)
        self.fields["practice"].queryset = practices.choices(user)


class TaskForm(forms.Form):
    criterion = forms.ModelChoiceField(None, label="Критерий", required=False)
    text = forms.CharField(label="Задача на год", widget=forms.Textarea(attrs={"rows": 2}))
    year = forms.IntegerField(label="Год", required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = selectors.session_criteria(session)
        self.fields["criterion"].empty_label = "— общая задача —"


class ProtocolTemplateForm(forms.Form):
    territory = forms.ModelChoiceField(None, label="Для территории", empty_label=None)
    file = forms.FileField(label="Шаблон протокола (.docx)")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = selectors.territories(user)
        self.fields["territory"].initial = user.territory_id


class CriterionForm(forms.Form):
    number = forms.IntegerField(label="№", min_value=1, max_value=99)
    title = forms.CharField(label="Критерий", max_length=300)
    description = forms.CharField(label="Пояснение", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.ChoiceField(label="Данные платформы", choices=Criterion.Evidence.choices, required=False)


CriterionFormSet = forms.formset_factory(CriterionForm, extra=1, can_delete=True)
