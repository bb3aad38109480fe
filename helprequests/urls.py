from django.urls import path

from helprequests import views

app_name = "helprequests"
urlpatterns = [
    path("", views.request_list, name="list"),
    path("<int:pk>/", views.request_detail, name="detail"),
]
