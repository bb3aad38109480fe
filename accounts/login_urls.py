# Login and logout, included by zabota/urls.py at the site root without a namespace: the names `login` and
# `logout` (settings.LOGIN_URL, templates) stay as they were (#10: zabota wires apps by include only).
from django.contrib.auth import views as auth_views
from django.urls import path

from accounts.forms import LoginForm

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
