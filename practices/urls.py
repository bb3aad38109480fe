from django.urls import path

from practices import views

app_name = "practices"
urlpatterns = [
    path("", views.library, name="library"),
    path("<int:pk>/", views.detail, name="detail"),
    path("photo/<int:pk>/", views.photo, name="photo"),
    path("manage/", views.manage, name="manage"),
    path("manage/export.xlsx", views.export, name="export"),
    path("manage/new/", views.create, name="create"),
    path("manage/<int:pk>/edit/", views.edit, name="edit"),
    path("manage/<int:pk>/publish/", views.publish, name="publish"),
    path("manage/<int:pk>/photos/", views.photos, name="photos"),
    path("manage/photos/<int:pk>/delete/", views.photo_delete, name="photo_delete"),
]
