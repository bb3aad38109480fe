from django.contrib import admin

from territories.models import Territory


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "oktmo"]
    list_filter = ["kind"]
    search_fields = ["name", "oktmo"]
    autocomplete_fields = ["parent"]
