"""One namespace `accounts` for the pages of logins (users, invitation: this app) and of one's own login (password
set by an invitation's link, two-factor login: accounts), so URL names and paths stay as they were (#10)."""

from django.urls import path

from accounts.urls import urlpatterns as own_login_patterns
from users import views

app_name = "accounts"
urlpatterns = [
    path("users/", views.user_list, name="users"),
    path("users/<int:pk>/", views.user_detail, name="user"),
    path("invite/", views.invite, name="invite"),
    *own_login_patterns,
]
