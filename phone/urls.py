from django.urls import path

from phone import views

app_name = "phone"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("today/", views.today, name="today"),
    path("mine/", views.mine, name="mine"),
    path("enrol/", views.enrol, name="enrol"),
    path("enrolments/<int:pk>/", views.enrolment_detail, name="enrolment"),
    path("enrolments/<int:pk>/call/", views.call, name="call"),
    path("enrolments/<int:pk>/reassign/", views.reassign, name="reassign"),
    path("enrolments/<int:pk>/pause/", views.pause, name="pause"),
    path("enrolments/<int:pk>/end/", views.end, name="end"),
    path("alerts/<int:pk>/resolve/", views.resolve_alert, name="resolve_alert"),
    path("calls/<int:pk>/request/", views.call_request, name="call_request"),
    path("calls/<int:pk>/thanks/", views.thank, name="thank"),
    path("kpi/", views.kpi, name="kpi"),
    path("identified/", views.identified, name="identified"),
    path("identified/new/", views.identify, name="identify"),
    path("identified/<int:pk>/", views.identification, name="identification"),
    path("identified/<int:pk>/enrol/", views.identification_enrol, name="identification_enrol"),
    path("identified/<int:pk>/refuse/", views.identification_refuse, name="identification_refuse"),
    path("sheet/", views.sheet, name="sheet"),
    path("calendar/<str:token>.ics", views.calendar, name="calendar"),
]
