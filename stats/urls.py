from django.urls import path

from stats import views

app_name = "stats"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("territories.xlsx", views.export, name="export"),
]
