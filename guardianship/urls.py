from django.urls import path

from guardianship import views

app_name = "guardianship"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("mine/", views.mine, name="mine"),
    path("reports/", views.reports, name="reports"),
    path("guardians/", views.guardian_list, name="guardians"),
    path("guardians/new/", views.guardian_create, name="guardian_create"),
    path("guardians/<int:pk>/", views.guardian_detail, name="guardian"),
    path("guardians/<int:pk>/<str:action>/", views.guardian_action, name="guardian_action"),
    path("families/<int:household_id>/mark/", views.mark, name="mark"),
    path("families/<int:household_id>/match/", views.match, name="match"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/do/<str:name>/", views.action, name="action"),
    path("media/<int:pk>/", views.media, name="media"),
]
