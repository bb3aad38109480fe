from django.contrib import admin

from directory.models import Organization


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "territory"]
    list_filter = ["kind"]
    search_fields = ["name"]
    autocomplete_fields = ["territory"]
