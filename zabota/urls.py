from django.contrib import admin
from django.urls import include, path

from zabota import views
from zabota.api import api

admin.site.site_header = "Забота — администрирование"
admin.site.site_title = "Забота"

urlpatterns = [
    path("", include("public.home_urls")),
    path("", include("public.urls")),
    path("", include("accounts.login_urls")),
    path("staff/", include("desk.urls")),
    path("territories/", include("territories.urls")),
    path("catalog/", include("catalog.urls")),
    path("organizations/", include("directory.urls")),
    path("people/", include("people.urls")),
    path("volunteers/", include("volunteers.urls")),
    path("communities/", include("communities.urls")),
    path("requests/", include("helprequests.urls")),
    path("phone/", include("phone.urls")),
    path("guardianship/", include("guardianship.urls")),
    path("g/", include("guardianship.public_urls")),
    path("centres/", include("centres.urls")),
    path("", include("centres.public_urls")),
    path("assessments/", include("assessments.urls")),
    path("practices/", include("practices.urls")),
    path("stats/", include("stats.urls")),
    path("ties/", include("ties.urls")),
    path("outreach/", include("outreach.urls")),
    path("q/", include("outreach.public_urls")),
    path("audit/", include("privacy.audit_urls")),
    path("privacy/", include("privacy.urls")),
    path("exports/", include("exports.urls")),
    path("accounts/", include("users.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

handler403 = views.error_403
handler404 = views.error_404
handler500 = views.error_500
