from django.urls import path

from stats import views, views_gaps

app_name = "stats"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("territories.xlsx", views.export, name="export"),
    path("tables.xlsx", views.tables_export, name="tables_export"),
    path("report.pdf", views.report_pdf, name="report_pdf"),
    path("gaps/", views_gaps.gaps_page, name="gaps"),
    path("gaps.xlsx", views_gaps.gaps_export, name="gaps_export"),
    path("gaps.geojson", views_gaps.gaps_map, name="gaps_map"),
]
