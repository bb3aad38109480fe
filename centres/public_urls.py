from django.urls import path

from centres import public_views

app_name = "centres_public"
urlpatterns = [
    path("events/", public_views.events, name="events"),
    path("volunteer/", public_views.volunteer, name="volunteer"),
    path("volunteer/sent/", public_views.volunteer_sent, name="volunteer_sent"),
]
