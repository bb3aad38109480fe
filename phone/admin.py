from datetime import date

from django import forms
from django.contrib import admin

from phone.models import Holiday


class HolidayForm(forms.ModelForm):
    class Meta:
        model = Holiday
        fields = ["name", "day", "month"]

    def clean(self):
        cleaned = super().clean()
        day, month = cleaned.get("day"), cleaned.get("month")
        if month is not None and not 1 <= month <= 12:
            self.add_error("month", "Месяц — число от 1 до 12.")
        elif day is not None and month is not None:
            try:
                date(2024, month, day)  # a leap year: 29 February is a valid greeting day
            except ValueError:
                self.add_error("day", "Такого дня в этом месяце нет.")
        return cleaned


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    """Greeting dates on the «Алло, волонтёр!» dashboard (e.g. 1 October — День пожилых людей)."""

    form = HolidayForm
    list_display = ["name", "day", "month"]
    search_fields = ["name"]
