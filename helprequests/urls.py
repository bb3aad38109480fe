from django.urls import path

from helprequests import actions, views

app_name = "helprequests"
urlpatterns = [
    path("", views.request_list, name="list"),
    path("export.xlsx", views.request_export, name="export"),
    path("new/", views.request_create, name="create"),
    path("mine/", actions.mine, name="mine"),
    path("batch/", actions.batch_assign, name="batch"),
    path("followups/<int:pk>/", actions.followup, name="followup"),
    path("<int:pk>/", views.request_detail, name="detail"),
    path("<int:pk>/assign/", actions.assign, name="assign"),
    path("<int:pk>/triage/", actions.triage, name="triage"),
    path("<int:pk>/accept/", actions.accept, name="accept"),
    path("<int:pk>/decline/", actions.decline, name="decline"),
    path("<int:pk>/connect/", actions.connect, name="connect"),
    path("<int:pk>/start/", actions.start, name="start"),
    path("<int:pk>/close/", actions.close, name="close"),
    path("<int:pk>/claim/", actions.claim, name="claim"),
]
