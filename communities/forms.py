from django import forms

from accounts import access
from communities.models import CommunityLeader
from core.phones import normalize_phone
from territories.models import Territory


class LeaderForm(forms.ModelForm):
    phone = forms.CharField(label="Телефон", max_length=40, required=False)

    class Meta:
        model = CommunityLeader
        fields = [
            "full_name",
            "community",
            "territory",
            "role",
            "phone",
            "email",
            "influence_area",
            "how_found",
            "found_on",
            "notes",
            "lat",
            "lon",
        ]
        widgets = {
            "found_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = access.scoped(user, Territory.objects.all(), field="id")

    def clean_phone(self):
        return normalize_phone(self.cleaned_data.get("phone"))
