from django.urls import path

from assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.session_list, name="sessions"),
    path("export.xlsx", views.session_export, name="export"),
    path("new/", views.session_create, name="session_create"),
    path("<int:pk>/", views.session_detail, name="session"),
    path("<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("<int:pk>/scores/", views.scores, name="scores"),
    path("<int:pk>/participants/", views.participants, name="participants"),
    path("participants/<int:pk>/remove/", views.participant_remove, name="participant_remove"),
    path("<int:pk>/proposals/new/", views.proposal_create, name="proposal_create"),
    path("proposals/", views.proposal_list, name="proposals"),
    path("proposals/export.xlsx", views.proposal_export, name="proposal_export"),
    path("proposals/<int:pk>/", views.proposal_edit, name="proposal_edit"),
    path("proposals/<int:pk>/delete/", views.proposal_delete, name="proposal_delete"),
    path("proposals/<int:pk>/roadmap/", views.proposal_roadmap, name="proposal_roadmap"),
    path("<int:pk>/tasks/", views.tasks, name="tasks"),
    path("tasks/<int:pk>/remove/", views.task_remove, name="task_remove"),
    path("<int:pk>/protocol.pdf", views.protocol_pdf, name="protocol_pdf"),
    path("<int:pk>/protocol.docx", views.protocol_docx, name="protocol_docx"),
    path("protocol-template/", views.protocol_template, name="protocol_template"),
    path("protocol-template/default.docx", views.protocol_template_default, name="protocol_template_default"),
    path("protocol-template/<int:pk>/reset/", views.protocol_template_reset, name="protocol_template_reset"),
    path("compare/", views.heat_map, name="heat_map"),
    path("compare/export.xlsx", views.heat_map_export, name="heat_map_export"),
    path("compare/over-time/", views.over_time, name="over_time"),
    path("checklists/", views.checklists, name="checklists"),
    path("checklists/<int:pk>/new-version/", views.checklist_edit, name="checklist_edit"),
]
