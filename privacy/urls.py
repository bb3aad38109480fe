from django.urls import path

from privacy import views

app_name = "privacy"
urlpatterns = [
    path("people/<int:pk>/readers/", views.readers, name="readers"),
    path("people/<int:pk>/report/", views.report_start, name="report"),
    path("reports/<int:pk>/", views.report_status, name="report_status"),
    path("reports/<int:pk>/download/", views.report_download, name="report_download"),
]
