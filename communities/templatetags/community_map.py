from django import template

from accounts import access
from communities.map_layer import LEVEL_COLOURS, _filters
from communities.models import Community, Engagement, Form

register = template.Library()


@register.simple_tag(takes_context=True)
def community_map_filters(context):
    """Filters and legend of the community layer, for users who may see communities."""
    request = context["request"]
    if not access.can(request.user, "communities.view"):
        return None
    form, status = _filters(request.GET)
    return {
        "forms": Form.choices,
        "statuses": Community.Status.choices,
        "levels": [(v, label, LEVEL_COLOURS[v]) for v, label in Engagement.choices],
        "form": form,
        "status": status,
        "gaps": request.GET.get("gaps") == "1",
    }
