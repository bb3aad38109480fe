# The public home page at the site root, without a namespace: its name stays `home` (#10: zabota wires apps by
# include only).
from django.urls import path

from public import views

urlpatterns = [
    path("", views.home, name="home"),
]
