# Included at /staff/ without a namespace: the name stays `staff_home` (login redirect, menu, templates).
from django.urls import path

from desk import views

urlpatterns = [
    path("", views.staff_home, name="staff_home"),
]
