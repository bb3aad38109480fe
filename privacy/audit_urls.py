# The audit log's page keeps its address /audit/ and its names audit:list, audit:export (#10: moved from audit).
from django.urls import path

from privacy import audit_views

app_name = "audit"
urlpatterns = [
    path("", audit_views.audit_list, name="list"),
    path("export.xlsx", audit_views.audit_export, name="export"),
]
