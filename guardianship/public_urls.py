from django.urls import path

from guardianship import public_views

app_name = "guardianship_public"
urlpatterns = [
    path("apply/", public_views.apply, name="apply"),
    path("feedback/<str:token>/", public_views.feedback, name="feedback"),
    path("needs/<str:token>/", public_views.needs, name="needs"),
]
