from django.urls import path

from outreach import public_views

app_name = "outreach_public"
urlpatterns = [path("<str:token>/", public_views.answer, name="answer")]
