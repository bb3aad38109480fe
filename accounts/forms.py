from django import forms
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Неверное имя пользователя или пароль. Проверьте раскладку клавиатуры.",
        "inactive": "Эта учётная запись отключена. Обратитесь к администратору.",
    }

    username = forms.CharField(
        label="Имя пользователя", max_length=150, widget=forms.TextInput(attrs={"autofocus": True})
    )
    password = forms.CharField(label="Пароль", strip=False, widget=forms.PasswordInput)


class LinkForm(forms.Form):
    """Link a login to a volunteer card and/or an organization (#9)."""

    volunteer = forms.ModelChoiceField(
        label="Карточка волонтёра", queryset=None, required=False, empty_label="— не связана —"
    )
    organization = forms.ModelChoiceField(label="Организация", queryset=None, required=False, empty_label="— нет —")

    def __init__(self, *args, user, target, **kwargs):
        from django.db.models import Q

        from accounts import access
        from directory.models import Organization
        from volunteers.models import Volunteer

        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = (
            access.scoped(user, Volunteer.objects.select_related("territory"))
            .filter(Q(user__isnull=True) | Q(user=target))
            .order_by("full_name")
        )
        self.fields["organization"].queryset = access.scoped(user, Organization.objects.all()).order_by("name")


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
        from accounts import access
        from volunteers.models import Volunteer

        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = access.scoped(
            user, Volunteer.objects.filter(user__isnull=True).select_related("territory")
        ).order_by("full_name")
