from django import forms

from users import selectors


class LinkForm(forms.Form):
    """Link a login to a volunteer card and/or an organization (#9)."""

    volunteer = forms.ModelChoiceField(
        label="Карточка волонтёра", queryset=None, required=False, empty_label="— не связана —"
    )
    organization = forms.ModelChoiceField(label="Организация", queryset=None, required=False, empty_label="— нет —")

    def __init__(self, *args, user, target, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = selectors.volunteer_cards_to_link(user, target)
        self.fields["organization"].queryset = selectors.organizations_to_link(user)


class InviteForm(forms.Form):
    """Invite a volunteer by e-mail: they set their own password through a one-time link (#9)."""

    volunteer = forms.ModelChoiceField(
        label="Карточка волонтёра", queryset=None, error_messages={"required": "Выберите карточку волонтёра."}
    )
    email = forms.EmailField(
        label="Электронная почта волонтёра",
        error_messages={"invalid": "Проверьте адрес: например, ivanova@mail.ru", "required": "Укажите адрес."},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = selectors.volunteer_cards_to_invite(user)
