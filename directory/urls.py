from django.urls import path

from directory import import_views, map_views, views

app_name = "directory"
urlpatterns = [
    path("", views.organization_list, name="list"),
    path("export.xlsx", views.organization_export, name="export"),
    path("new/", views.organization_create, name="create"),
    path("<int:pk>/", views.organization_detail, name="detail"),
    path("<int:pk>/edit/", views.organization_edit, name="edit"),
    path("<int:pk>/verify/", views.organization_verify, name="verify"),
    path("<int:pk>/confirm/", views.organization_confirm, name="confirm"),
    path("<int:pk>/area/approve/", views.area_approve, name="area_approve"),
    path("<int:pk>/area/reject/", views.area_reject, name="area_reject"),
    path("map/", map_views.staff_map, name="map"),
    path("map/data.geojson", map_views.map_data, name="map_data"),
    path("import/", import_views.import_start, name="import"),
    path("import/template.xlsx", import_views.import_template, name="import_template"),
    path("import/<int:pk>/", import_views.import_job, name="import_job"),
    path("import/<int:pk>/confirm/", import_views.import_confirm, name="import_confirm"),
    path("hsds/", import_views.hsds_exchange, name="hsds"),
    path("hsds/<int:pk>/", import_views.hsds_preview, name="hsds_preview"),
    path("hsds/<int:pk>/import/", import_views.hsds_import_run, name="hsds_import"),
    path("hsds/export.zip", import_views.hsds_export, name="hsds_export"),
]
