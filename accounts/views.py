"""Setting one's password through an invitation's one-time link (#9); the users pages are in users.views."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy


class PasswordSetView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_set.html"
    success_url = reverse_lazy("accounts:password_set_done")


class PasswordSetDoneView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_set_done.html"
