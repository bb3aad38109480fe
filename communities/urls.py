from django.urls import path

from communities import views, views_work

app_name = "communities"
urlpatterns = [
    path("", views_work.community_list, name="list"),
    path("export.xlsx", views_work.community_export, name="export"),
    path("new/", views_work.community_create, name="create"),
    path("<int:pk>/", views_work.community_detail, name="detail"),
    path("<int:pk>/edit/", views_work.community_edit, name="edit"),
    path("<int:pk>/engagement/", views_work.community_engagement, name="engagement"),
    path("<int:pk>/audit/", views_work.community_audit, name="audit"),
    path("<int:pk>/canvas/<str:kind>/", views_work.canvas_view, name="canvas"),
    path("<int:pk>/canvas/<str:kind>/edit/", views_work.canvas_edit, name="canvas_edit"),
    path("<int:pk>/canvas/<str:kind>/diff/", views_work.canvas_diff, name="canvas_diff"),
    path("<int:pk>/canvas/<str:kind>/canvas.pdf", views_work.canvas_pdf, name="canvas_pdf"),
    path("<int:pk>/canvas/<str:kind>/canvas.docx", views_work.canvas_docx, name="canvas_docx"),
    path("<int:pk>/metrics/", views_work.canvas_measure, name="canvas_measure"),
    path("interactions/", views_work.interaction_list, name="interactions"),
    path("interactions/export.xlsx", views_work.interaction_export, name="interaction_export"),
    path("interactions/new/", views_work.interaction_create, name="interaction_create"),
    path("interactions/<int:pk>/done/", views_work.interaction_done, name="interaction_done"),
    path("roadmap/", views_work.roadmap, name="roadmap"),
    path("roadmap/export.xlsx", views_work.roadmap_export, name="roadmap_export"),
    path("roadmap/new/", views_work.roadmap_create, name="roadmap_create"),
    path("roadmap/<int:pk>/edit/", views_work.roadmap_edit, name="roadmap_edit"),
    path("desk/", views_work.desk, name="desk"),
    path("architecture/", views_work.architecture_home, name="architecture_home"),
    path("architecture/<int:pk>/", views_work.architecture, name="architecture"),
    path("leaders/", views.leader_list, name="leaders"),
    path("leaders/export.xlsx", views.leader_export, name="leader_export"),
    path("leaders/new/", views.leader_create, name="leader_create"),
    path("leaders/<int:pk>/", views.leader_detail, name="leader_detail"),
    path("leaders/<int:pk>/edit/", views.leader_edit, name="leader_edit"),
]
