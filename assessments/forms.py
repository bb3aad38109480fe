from django import forms

from accounts import access
from assessments.models import ChecklistTemplate, Criterion, Participant, Proposal, Session
from directory.models import Organization
from practices.models import Practice
from territories.models import Territory

SCORE_CHOICES = [("", "—"), ("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5"), ("nr", "не требуется")]


def _orgs(user):
    return access.scoped(user, Organization.objects.all()).order_by("name")


class SessionForm(forms.ModelForm):
    template = forms.ModelChoiceField(
        ChecklistTemplate.objects.all(), label="Чек-лист (версия)", empty_label=None, required=True
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
        self.fields["territory"].queryset = access.scoped(user, Territory.objects.all(), "id")
        self.fields["place_org"].queryset = _orgs(user)
        self.fields["practices"].queryset = Practice.objects.order_by("title")
        self.fields["practices"].required = False
        self.fields["template"].queryset = ChecklistTemplate.objects.all()
        if self.instance.pk and self.instance.scores.exists():
            self.fields["template"].disabled = True
            self.fields["template"].help_text = "Оценки уже выставлены по этой версии: сменить её нельзя."
        self.fields["template"].label_from_instance = lambda t: f"{t}{' (текущая)' if t.is_current else ''}"


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
        self.fields["criterion"].queryset = Criterion.objects.filter(template=session.template)
        self.fields["criterion"].empty_label = "— общее предложение —"
        self.fields["addressee_org"].queryset = _orgs(user)
        self.fields["practice"].queryset = Practice.objects.order_by("title")


class TaskForm(forms.Form):
    criterion = forms.ModelChoiceField(Criterion.objects.none(), label="Критерий", required=False)
    text = forms.CharField(label="Задача на год", widget=forms.Textarea(attrs={"rows": 2}))
    year = forms.IntegerField(label="Год", required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = Criterion.objects.filter(template=session.template)
        self.fields["criterion"].empty_label = "— общая задача —"


class ProtocolTemplateForm(forms.Form):
    territory = forms.ModelChoiceField(Territory.objects.none(), label="Для территории", empty_label=None)
    file = forms.FileField(label="Шаблон протокола (.docx)")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = access.scoped(user, Territory.objects.all(), "id")
        self.fields["territory"].initial = user.territory_id


class CriterionForm(forms.Form):
    number = forms.IntegerField(label="№", min_value=1, max_value=99)
    title = forms.CharField(label="Критерий", max_length=300)
    description = forms.CharField(label="Пояснение", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.ChoiceField(label="Данные платформы", choices=Criterion.Evidence.choices, required=False)


CriterionFormSet = forms.formset_factory(CriterionForm, extra=1, can_delete=True)
