from django import forms

from communities import canvas, selectors, services
from communities.models import (
    READINESS,
    SIGN_SCORES,
    SIGNS,
    Community,
    CommunityAudit,
    CommunityLeader,
    Engagement,
    Interaction,
    RoadmapStep,
)
from core.phones import normalize_phone

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LeaderForm(forms.ModelForm):
    phone = forms.CharField(label="Телефон", max_length=40, required=False)

    class Meta:
        model = CommunityLeader
        fields = list(services.LEADER_FIELDS)
        widgets = {"found_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = selectors.territory_choices(user)
        self.fields["linked_community"].queryset = selectors.community_choices(user)

    def clean_phone(self):
        return normalize_phone(self.cleaned_data.get("phone"))

    def clean(self):
        data = super().clean()
        if not data.get("linked_community") and not (data.get("community") or "").strip():
            self.add_error("linked_community", "Выберите сообщество из реестра или впишите его название текстом.")
        return data


def _staff(user):
    """People a step may be assigned to: coordinators and operators of the user's territory."""
    return selectors.staff_choices(user)


def _sign_fields(form, initial):
    for code, label, hint in SIGNS:
        form.fields[f"sign_{code}"] = forms.TypedChoiceField(
            label=label,
            help_text=hint,
            choices=[("", "не оценён")] + [(str(v), t) for v, t in SIGN_SCORES],
            coerce=int,
            empty_value=None,
            required=False,
            initial=(initial or {}).get(code),
        )


def _signs(data):
    return {code: data.get(f"sign_{code}") for code, *_ in SIGNS if data.get(f"sign_{code}") is not None}


class CommunityForm(forms.ModelForm):
    engagement = forms.ChoiceField(label="Уровень вовлечения", choices=Engagement.choices, initial=Engagement.INFORMING)
    readiness = forms.MultipleChoiceField(
        label="Когда появляются сообщества (готовность)",
        choices=READINESS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Community
        fields = [
            "name",
            "form",
            "territory",
            "status",
            "responsible",
            "member_estimate",
            "coalition_since",
            "meeting_place",
            "chat_links",
            "organizations",
            "description",
            "lat",
            "lon",
        ]
        widgets = {
            "coalition_since": DATE,
            "chat_links": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = selectors.territory_choices(user)
        self.fields["organizations"].queryset = selectors.organization_choices(user)
        self.fields["organizations"].required = False
        self.fields["responsible"].queryset = _staff(user)
        if self.instance.pk:
            del self.fields["engagement"]  # changed on its own form, with history
            self.fields["readiness"].initial = self.instance.readiness
        else:
            self.initial.setdefault("responsible", user.pk)
            if self.initial["responsible"] is None:
                self.initial["responsible"] = user.pk
        _sign_fields(self, self.instance.signs)

    def service_kwargs(self):
        data = dict(self.cleaned_data)
        kwargs = {k: data[k] for k in self._meta.fields if k != "organizations"}
        kwargs["organizations"] = list(data.get("organizations") or [])
        kwargs["signs"] = _signs(data)
        kwargs["readiness"] = data.get("readiness") or []
        if "engagement" in data:
            kwargs["engagement"] = data["engagement"]
        return kwargs


class EngagementForm(forms.Form):
    level = forms.ChoiceField(label="Новый уровень вовлечения", choices=Engagement.choices)
    note = forms.CharField(label="Комментарий", max_length=500, required=False)


class CanvasForm(forms.Form):
    note = forms.CharField(label="Что изменилось в этой версии", max_length=300, required=False)

    def __init__(self, *args, kind, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        answers = version.answers if version else {}
        for b in canvas.blocks(kind):
            if b.code in canvas.STRUCTURED[kind]:
                continue
            self.fields[b.code] = forms.CharField(
                label=f"{b.label}. {b.question}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=answers.get(b.code, ""),
            )
        if kind == canvas.MINIMUM:
            self.fields["values"] = forms.CharField(
                label="3. Ценности. Какие 3 принципа нам важны? (по одному в строке, ровно 3)",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial="\n".join(version.values) if version else "",
            )
            metrics = version.metrics if version else []
            for i in range(1, canvas.METRICS_COUNT + 1):
                current = metrics[i - 1] if len(metrics) >= i else {}
                self.fields[f"metric_{i}_name"] = forms.CharField(
                    label=f"4. Определение успеха: метрика {i}",
                    max_length=200,
                    required=False,
                    initial=current.get("name", ""),
                )
                self.fields[f"metric_{i}_target"] = forms.CharField(
                    label=f"Цель метрики {i} через 12 месяцев",
                    max_length=100,
                    required=False,
                    initial=current.get("target", ""),
                )
        self.order_fields([b.code for b in canvas.blocks(kind)] + ["note"])

    def service_kwargs(self):
        data = self.cleaned_data
        kwargs = {"answers": {k: v for k, v in data.items() if k in {b.code for b in canvas.blocks(self.kind)}}}
        if self.kind == canvas.MINIMUM:
            kwargs["values"] = [line.strip() for line in (data.get("values") or "").splitlines() if line.strip()]
            kwargs["metrics"] = [
                {"name": data.get(f"metric_{i}_name", ""), "target": data.get(f"metric_{i}_target", "")}
                for i in range(1, canvas.METRICS_COUNT + 1)
            ]
        kwargs["note"] = data.get("note", "")
        return kwargs

    def add_service_errors(self, exc):
        for field, messages in exc.message_dict.items():
            target = None if field == "__all__" else ("metric_1_target" if field == "metrics" else field)
            if target and target not in self.fields:
                target = None
            for message in messages:
                self.add_error(target, message)


class MeasurementForm(forms.Form):
    metric = forms.TypedChoiceField(label="Метрика", coerce=int, choices=())
    measured_on = forms.DateField(label="Дата измерения", widget=DATE)
    value = forms.FloatField(label="Значение")

    def __init__(self, *args, metrics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metric"].choices = [(i, m["name"]) for i, m in enumerate(metrics, start=1)]


class InteractionForm(forms.ModelForm):
    class Meta:
        model = Interaction
        fields = [
            "held_on",
            "community",
            "organization",
            "format",
            "topic",
            "participants",
            "result",
            "next_step",
            "responsible",
            "due_date",
        ]
        widgets = {"held_on": DATE, "due_date": DATE, "result": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = selectors.community_choices(user)
        self.fields["organization"].queryset = selectors.organization_choices(user)
        self.fields["responsible"].queryset = _staff(user)

    def clean(self):
        data = super().clean()
        if not data.get("community") and not data.get("organization"):
            self.add_error("community", "Укажите сообщество или организацию.")
        if data.get("next_step") and not data.get("due_date"):
            self.add_error("due_date", "Укажите срок следующего шага.")
        return data


class RoadmapStepForm(forms.ModelForm):
    class Meta:
        model = RoadmapStep
        fields = ["title", "territory", "community", "responsible", "start_date", "due_date", "status", "result"]
        widgets = {"start_date": DATE, "due_date": DATE, "result": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = selectors.territory_choices(user)
        self.fields["community"].queryset = selectors.community_choices(user)
        self.fields["responsible"].queryset = _staff(user)
        if self.instance.pk:
            del self.fields["territory"]
        else:
            del self.fields["status"], self.fields["result"]

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("due_date") and data["due_date"] < data["start_date"]:
            self.add_error("due_date", "Срок не может быть раньше начала.")
        return data


class AuditForm(forms.ModelForm):
    class Meta:
        model = CommunityAudit
        fields = ["held_on", "mood", "feedback", "events_held", "decision", "note"]
        widgets = {
            "held_on": DATE,
            "mood": forms.Textarea(attrs={"rows": 2}),
            "feedback": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 2}),
            "decision": forms.RadioSelect,
        }

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        _sign_fields(self, community.signs)
        self.order_fields(["held_on"] + [f"sign_{c}" for c, *_ in SIGNS])

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision and decision != CommunityAudit.Decision.CONTINUE and not (data.get("note") or "").strip():
            self.add_error(
                "note", "Обоснуйте решение: почему сообщество перезапускается, реорганизуется или закрывается."
            )
        return data

    def service_kwargs(self):
        data = self.cleaned_data
        return {
            "held_on": data["held_on"],
            "signs": _signs(data),
            "mood": data.get("mood", ""),
            "feedback": data.get("feedback", ""),
            "events_held": data.get("events_held"),
            "decision": data["decision"],
            "note": data.get("note", ""),
        }


def validation_to_form(form, exc):
    for field, messages in exc.message_dict.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
