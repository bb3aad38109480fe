# Included through users.urls (one namespace «accounts» with the users pages, which sit above directory and
# volunteers); these are the pages of one's own login.
from django.urls import path

from accounts import two_factor_views, views

urlpatterns = [
    path("password/<uidb64>/<token>/", views.PasswordSetView.as_view(), name="password_set"),
    path("password/done/", views.PasswordSetDoneView.as_view(), name="password_set_done"),
    # --- two-factor login (#11) ---
    path("2fa/verify/", two_factor_views.verify, name="two_factor_verify"),
    path("2fa/enrol/", two_factor_views.enrol, name="two_factor_enrol"),
    path("2fa/backup/", two_factor_views.backup, name="two_factor_backup"),
    path("users/<int:pk>/2fa-reset/", two_factor_views.reset, name="two_factor_reset"),
]
