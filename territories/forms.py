from django import forms

from accounts import access
from territories.models import Territory
from territories.selectors import territories_in_scope


class TerritoryForm(forms.ModelForm):
    class Meta:
        model = Territory
        fields = ["name", "kind", "parent", "oktmo", "lat", "lon"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["parent"].queryset = territories_in_scope(user)
        self.fields["parent"].required = not access.is_nationwide(user)

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("lat") is None) != (cleaned.get("lon") is None):
            self.add_error("lon", "Укажите и широту, и долготу — или ни то, ни другое.")
        return cleaned
