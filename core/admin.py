from django.contrib import admin

from core.models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "subject", "attempts", "sent_at", "next_try_at", "last_error"]
    list_filter = ["sent_at"]
    readonly_fields = [f.name for f in OutgoingMail._meta.fields]

    def has_add_permission(self, request):
        return False
