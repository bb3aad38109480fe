from django.urls import path

from guardianship import views

app_name = "guardianship"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("mine/", views.mine, name="mine"),
    path("reports/", views.reports, name="reports"),
    path("calls/", views.calls, name="calls"),
    path("stories/", views.stories, name="stories"),
    path("stories/package/", views.stories_package, name="stories_package"),
    path("stories/sent/", views.stories_sent, name="stories_sent"),
    path("guardians/", views.guardian_list, name="guardians"),
    path("guardians/new/", views.guardian_create, name="guardian_create"),
    path("guardians/<int:pk>/", views.guardian_detail, name="guardian"),
    path("guardians/<int:pk>/<str:action>/", views.guardian_action, name="guardian_action"),
    path("families/<int:household_id>/apply/", views.family_apply, name="family_apply"),
    path("families/<int:household_id>/mark/", views.mark, name="mark"),
    path("families/<int:household_id>/match/", views.match, name="match"),
    path("applications/<int:pk>/decline/", views.application_decline, name="application_decline"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/do/<str:name>/", views.action, name="action"),
    path("media/<int:pk>/", views.media, name="media"),
    path("files/<str:kind>/<int:pk>/", views.document, name="document"),
]
