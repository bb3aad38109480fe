"""The community map (appendix 2) as a layer of the staff map: communities coloured by engagement level,
filtered by form and status; «gaps» are settlements with older people on the platform and no working community."""

from django.urls import reverse

from accounts import access
from communities import selectors
from communities.models import Community, Engagement, Form
from core.geo import circle_polygon

# The same colours as the engagement badges (communities.css).
LEVEL_COLOURS = {
    Engagement.INFORMING: "#5f6368",
    Engagement.CONSULTING: "#0b5394",
    Engagement.PARTICIPATION: "#b06000",
    Engagement.PARTNERSHIP: "#137333",
}
GAP_COLOUR = "#b3261e"


def _filters(params):
    form = params.get("cform", "")
    status = params.get("cstatus", "")
    return (form if form in Form.values else ""), (status if status in Community.Status.values else "")


def leaders(request):
    """Community leaders (appendix 8) as points, for those who manage them."""
    user = request.user
    if not access.can(user, "leaders.view"):
        return []
    return [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [leader.lon, leader.lat]},
            "properties": {
                "kind": "leader",
                "name": leader.full_name,
                "label": leader.community,
                "url": reverse("communities:leader_detail", args=[leader.pk]),
            },
        }
        for leader in selectors.map_leaders(user)
    ]


def features(request):
    user = request.user
    if not access.can(user, "communities.view") or request.GET.get("communities") == "0":
        return []
    form, status = _filters(request.GET)
    found = []
    for c in selectors.map_communities(user, form=form, status=status):
        point = c.point()
        if point is None:
            continue
        found.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [point[1], point[0]]},
                "properties": {
                    "kind": "community",
                    "name": c.name,
                    "label": f"{c.get_form_display()} · {c.get_status_display()} · {c.get_engagement_display()}",
                    "color": LEVEL_COLOURS[c.engagement],
                    "url": reverse("communities:detail", args=[c.pk]),
                },
            }
        )
    if request.GET.get("gaps") == "1":
        found.extend(gaps(user))
    return found


def gaps(user):
    found = []
    for t in selectors.gap_settlements(user):
        if not t.has_point:
            continue
        found.append(
            {
                "type": "Feature",
                "geometry": circle_polygon(t.lat, t.lon, 1.5, points=16),
                "properties": {
                    "kind": "gap",
                    "name": t.name,
                    "label": f"Пожилых на платформе: {t.people}; действующего сообщества нет",
                    "color": GAP_COLOUR,
                },
            }
        )
    return found
