from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import ApiToken, User

# Access follows the role (accounts.access), not Django groups: the unused «Группы» would only mislead.
admin.site.unregister(Group)

# The second factor is reset on the user's page (audited, sessions ended), never edited by hand here.
for _device in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device):
        admin.site.unregister(_device)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "last_name", "first_name", "role", "territory", "organization", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["username", "last_name", "first_name", "email"]
    autocomplete_fields = ["territory", "organization"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("Человек", {"fields": ["last_name", "first_name", "email", "phone"]}),
        ("Роль и зона ответственности", {"fields": ["role", "territory", "organization", "is_active"]}),
        ("Даты", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"fields": ["username", "password1", "password2", "role", "territory", "organization"]})]
    readonly_fields = ["last_login", "date_joined"]
    actions = ["end_sessions"]

    @admin.action(description="Завершить все сеансы выбранных пользователей")
    def end_sessions(self, request, queryset):
        for user in queryset:
            user.end_sessions()
        self.message_user(request, f"Сеансы завершены: {queryset.count()}.")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            obj.end_sessions()  # a disabled account is logged out everywhere at once


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "user", "created_at", "last_used_at", "expires_at"]
    readonly_fields = ["prefix", "user", "created_at", "last_used_at"]
    exclude = ["digest"]

    def has_add_permission(self, request):
        return False
