from django.urls import path

from people import views

app_name = "people"
urlpatterns = [
    path("", views.beneficiary_list, name="list"),
    path("export.xlsx", views.beneficiary_export, name="export"),
    path("new/", views.beneficiary_create, name="create"),
    path("<int:pk>/", views.beneficiary_detail, name="detail"),
    path("<int:pk>/consents/new/", views.consent_create, name="consent_create"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
]
