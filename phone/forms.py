from django import forms

from phone import selectors
from phone.models import Call, Pause
from volunteers.models import WEEKDAYS

SCORES = [(str(i), str(i)) for i in range(1, 6)]


class EnrolForm(forms.Form):
    beneficiary = forms.ModelChoiceField(label="Подопечный", queryset=None)  # from the user's scope (__init__)
    volunteer = forms.ModelChoiceField(
        label="Волонтёр",
        queryset=None,
        required=False,
        help_text="Можно выбрать позже из подсказок на странице участника.",
    )
    weekdays = forms.TypedMultipleChoiceField(
        label="Дни звонков", choices=WEEKDAYS, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    every_weeks = forms.TypedChoiceField(
        label="Частота", choices=[("1", "каждую неделю"), ("2", "раз в две недели")], coerce=int, initial="1"
    )
    window_start = forms.TimeField(label="Звонить с", widget=forms.TimeInput(attrs={"type": "time"}), initial="10:00")
    window_end = forms.TimeField(label="Звонить до", widget=forms.TimeInput(attrs={"type": "time"}), initial="12:00")
    language = forms.CharField(label="Язык общения", max_length=50, initial="русский", required=False)
    topics_to_avoid = forms.CharField(label="Темы, которых не касаться", max_length=500, required=False)
    consent_given = forms.BooleanField(
        label="Человек согласен участвовать в службе «Алло, волонтёр!» (согласие будет записано)", required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["beneficiary"].queryset = selectors.enrollable_people(user)
        self.fields["volunteer"].queryset = selectors.active_volunteers(user)


class CallForm(forms.ModelForm):
    reached = forms.TypedChoiceField(
        label="Дозвонились?",
        choices=[("yes", "Да"), ("no", "Нет, не ответил")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    wellbeing = forms.TypedChoiceField(
        label="Самочувствие (1 — плохо, 5 — отлично)",
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        required=False,
        empty_value=None,
    )
    mood = forms.TypedChoiceField(
        label="Настроение (1 — плохое, 5 — отличное)",
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        required=False,
        empty_value=None,
    )
    satisfaction = forms.TypedChoiceField(
        label="Опрос: довольны ли звонками? (1–5)",
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        required=False,
        empty_value=None,
    )
    info_given = forms.MultipleChoiceField(
        label="О чём рассказали", choices=Call.Info.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    problems = forms.ModelMultipleChoiceField(
        label="Проблемы (нужна помощь)",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        queryset=selectors.problem_choices(),
    )
    need_note = forms.CharField(
        label="Что нужно — своими словами (это увидит оператор в обращении)",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "Слишком длинно: не больше %(limit_value)d знаков (сейчас %(show_value)d)."},
    )
    create_request = forms.BooleanField(label="Создать обращение по отмеченным проблемам", required=False, initial=True)
    duration_min = forms.IntegerField(
        label="Длительность, минут",
        min_value=0,
        max_value=600,
        required=False,
        error_messages={"invalid": "Введите целое число минут.", "max_value": "Не больше 600 минут."},
    )

    FREQUENT = 6
    field_order = ["reached", "duration_min", "wellbeing", "mood", "plans", "problems", "need_note", "create_request"]

    def problem_groups(self):
        """The problems grouped: the most frequent on calls first, the rest by catalog section."""
        field = self["problems"]
        boxes = {str(w.data["value"]): w for w in field.subwidgets}
        leaves = selectors.problems_by_use()
        frequent = sorted((c for c in leaves if c.used), key=lambda c: -c.used)[: self.FREQUENT]
        if not frequent:
            frequent = leaves[: self.FREQUENT]
        taken = {c.pk for c in frequent}
        groups = [("Чаще всего", [boxes[str(c.pk)] for c in frequent if str(c.pk) in boxes], True)]
        by_parent = {}
        for c in leaves:
            if c.pk not in taken and str(c.pk) in boxes:
                by_parent.setdefault(c.parent.name, []).append(boxes[str(c.pk)])
        chosen = {str(v) for v in (field.value() or [])}
        for name, items in by_parent.items():
            groups.append((name, items, any(str(w.data["value"]) in chosen for w in items)))
        return groups

    class Meta:
        model = Call
        fields = [
            "reached",
            "duration_min",
            "wellbeing",
            "mood",
            "plans",
            "problems",
            "info_given",
            "greeting_made",
            "satisfaction",
            "notes",
            "need_note",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3}), "plans": forms.TextInput()}
        labels = {"notes": "Заметки о разговоре и самочувствии (оператор их не видит)"}


class PauseForm(forms.ModelForm):
    class Meta:
        model = Pause
        fields = ["reason", "starts_on", "ends_on", "note"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("starts_on") and cleaned.get("ends_on") and cleaned["ends_on"] < cleaned["starts_on"]:
            self.add_error("ends_on", "Дата окончания раньше даты начала.")
        return cleaned


class IdentificationForm(forms.Form):
    """«Выявлен(а), нуждается в телефонной помощи»: who identified, the institution, the date; or a refusal."""

    beneficiary = forms.ModelChoiceField(label="Подопечный", queryset=None)  # from the user's scope (__init__)
    identified_on = forms.DateField(
        label="Дата выявления", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    identified_by = forms.CharField(
        label="Кто выявил", max_length=200, required=False, help_text="Специалист и его должность."
    )
    institution = forms.CharField(label="Учреждение", max_length=300, required=False)
    note = forms.CharField(
        label="Примечание (как выявили, что важно знать волонтёру)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    refused = forms.BooleanField(label="Человек отказался от телефонной помощи", required=False)
    refusal_reason = forms.CharField(label="Причина отказа", max_length=500, required=False)

    def __init__(self, *args, user, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["beneficiary"].queryset = selectors.identifiable_people(user, person)
        if person is not None:
            self.fields["beneficiary"].initial = person.pk
            self.fields["beneficiary"].widget = forms.HiddenInput()


class IdentifiedEnrolForm(EnrolForm):
    """The enrolment form of an identified person: the person is already known."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["beneficiary"]
