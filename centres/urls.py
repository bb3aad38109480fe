from django.urls import path

from centres import views

app_name = "centres"
urlpatterns = [
    path("", views.centre_list, name="list"),
    path("new/", views.centre_create, name="create"),
    path("candidates/", views.candidates, name="candidates"),
    path("candidates/<int:pk>/<str:action>/", views.candidate_action, name="candidate_action"),
    path("<int:pk>/", views.centre_detail, name="detail"),
    path("<int:pk>/edit/", views.centre_edit, name="edit"),
    path("<int:pk>/desk/", views.desk, name="desk"),
    path("<int:pk>/visits/", views.visit_list, name="visits"),
    path("<int:pk>/visits/export.xlsx", views.visit_export, name="visit_export"),
    path("visits/<int:pk>/to-request/", views.visit_to_request, name="visit_to_request"),
    path("<int:pk>/care/", views.care, name="care"),
    path("care/<int:pk>/visit/", views.care_visit, name="care_visit"),
    path("care/<int:pk>/end/", views.care_end, name="care_end"),
    path("<int:pk>/events/", views.events, name="events"),
    path("<int:pk>/events/new/", views.event_create, name="event_create"),
    path("events/<int:pk>/", views.event_detail, name="event"),
    path("events/<int:pk>/register/", views.event_register, name="event_register"),
    path("events/<int:pk>/attendance/", views.event_attendance, name="event_attendance"),
    path("events/<int:pk>/cancel/", views.event_cancel, name="event_cancel"),
    path("<int:pk>/team/", views.team, name="team"),
    path("<int:pk>/finances/", views.finances, name="finances"),
    path("<int:pk>/report/", views.report_page, name="report"),
    path("<int:pk>/report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("<int:pk>/report.pdf", views.report_pdf, name="report_pdf"),
]
