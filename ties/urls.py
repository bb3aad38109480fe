from django.urls import path

from ties import views

app_name = "ties"
urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("export.xlsx", views.worklist_export, name="export"),
    path("counts/", views.counts, name="counts"),
    path("people/<int:pk>/new/", views.tie_create, name="tie_create"),
    path("<int:pk>/edit/", views.tie_edit, name="tie_edit"),
    path("<int:pk>/contacted/", views.tie_contacted, name="tie_contacted"),
    path("people/<int:pk>/enrol/", views.step_enrol, name="step_enrol"),
    path("people/<int:pk>/invite/<int:event>/", views.step_invite, name="step_invite"),
    path("people/<int:pk>/visit/", views.step_visit, name="step_visit"),
    path("people/<int:pk>/task/", views.task_create, name="task_create"),
    path("tasks/<int:pk>/done/", views.task_done, name="task_done"),
    path("people/<int:pk>/leaflet/", views.leaflet, name="leaflet"),
]
