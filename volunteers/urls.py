from django.urls import path

from volunteers import views

app_name = "volunteers"
urlpatterns = [
    path("", views.volunteer_list, name="list"),
    path("export.xlsx", views.volunteer_export, name="export"),
    path("new/", views.volunteer_create, name="create"),
    path("<int:pk>/", views.volunteer_detail, name="detail"),
    path("<int:pk>/edit/", views.volunteer_edit, name="edit"),
]
