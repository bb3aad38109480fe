from django.urls import path

from public import views

app_name = "public"
urlpatterns = [
    path("localities/", views.localities, name="localities"),
    path("o/<int:pk>/", views.organization, name="organization"),
    path("help/", views.need_help, name="need_help"),
    path("report/", views.report, name="report"),
    path("sent/<str:token>/", views.sent, name="sent"),
    path("status/", views.status, name="status"),
]
