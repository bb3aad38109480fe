from django.contrib import admin

from catalog.models import ServiceCategory


@admin.register(ServiceCategory)
class ServiceCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "parent", "position"]
    list_filter = ["parent"]
    search_fields = ["name", "code"]
