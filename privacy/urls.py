from django.urls import path

from privacy import views

app_name = "privacy"
urlpatterns = [
    path("people/<int:pk>/readers/", views.readers, name="readers"),
]
