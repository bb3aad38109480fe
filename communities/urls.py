from django.urls import path

from communities import views

app_name = "communities"
urlpatterns = [
    path("leaders/", views.leader_list, name="leaders"),
    path("leaders/export.xlsx", views.leader_export, name="leader_export"),
    path("leaders/new/", views.leader_create, name="leader_create"),
    path("leaders/<int:pk>/", views.leader_detail, name="leader_detail"),
    path("leaders/<int:pk>/edit/", views.leader_edit, name="leader_edit"),
]
