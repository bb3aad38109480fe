from django import forms

from practices import selectors
from practices.models import Practice, Tag
from practices.services import FIELDS


class PracticeForm(forms.ModelForm):
    topics = forms.CharField(
        label="Теги (через запятую)", required=False, help_text="Например: Связь поколений, Взаимопомощь"
    )
    audiences = forms.CharField(
        label="Для кого (через запятую)", required=False, help_text="Например: одинокие пожилые, люди с инвалидностью"
    )

    class Meta:
        model = Practice
        fields = list(FIELDS)
        widgets = {
            "started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ended_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in (
                    "problem",
                    "launch",
                    "partners",
                    "results",
                    "resources",
                    "risks",
                    "replication",
                    "contacts",
                )
            },
            "description": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = selectors.organization_choices(user)
        self.fields["territory"].queryset = selectors.territory_choices(user)
        if self.instance.pk:
            tags = list(self.instance.tags.all())
            self.fields["topics"].initial = ", ".join(t.name for t in tags if t.kind == Tag.Kind.TOPIC)
            self.fields["audiences"].initial = ", ".join(t.name for t in tags if t.kind == Tag.Kind.AUDIENCE)


class PhotoForm(forms.Form):
    file = forms.FileField(label="Фото (JPEG, PNG или WebP, до 5 МБ)")
    alt = forms.CharField(label="Что на фото", max_length=300)
