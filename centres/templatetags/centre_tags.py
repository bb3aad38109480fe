from django import template

from centres.models import EventSchedule

register = template.Library()


@register.simple_tag
def centre_schedules(organization):
    """Recurring schedules of the organization's running centres (they replace the free-text schedule)."""
    return list(
        EventSchedule.objects.filter(centre__organization=organization, centre__is_active=True, is_public=True)
        .select_related("centre")
        .order_by("weekday", "starts_at")
    )
