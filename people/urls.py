from django.urls import path

from people import views, views_destruction

app_name = "people"
urlpatterns = [
    path("", views.beneficiary_list, name="list"),
    path("export.xlsx", views.beneficiary_export, name="export"),
    path("new/", views.beneficiary_create, name="create"),
    path("<int:pk>/", views.beneficiary_detail, name="detail"),
    path("<int:pk>/edit/", views.beneficiary_edit, name="edit"),
    path("<int:pk>/confirm/", views.beneficiary_confirm, name="confirm"),
    path("<int:pk>/merge/<int:other>/", views.beneficiary_merge, name="merge"),
    path("<int:pk>/contacts/new/", views.contact_create, name="contact_create"),
    path("households/", views.household_list, name="households"),
    path("households/new/", views.household_create, name="household_create"),
    path("households/<int:pk>/", views.household_detail, name="household"),
    path("<int:pk>/consents/new/", views.consent_create, name="consent_create"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("destructions/", views_destruction.destruction_list, name="destructions"),
    path("destructions/<int:pk>/act.pdf", views_destruction.destruction_act, name="destruction_act"),
    path("destructions/<int:pk>/perform/", views_destruction.destruction_perform, name="destruction_perform"),
]
