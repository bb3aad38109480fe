"""`{% circle_of_ties person %}` on the person's page (people/detail.html): the picture, the text list and the
explained risk level. Reads only; the level shown is the stored one (recomputed when facts change)."""

from django import template

from accounts import access

register = template.Library()


@register.inclusion_tag("ties/circle.html", takes_context=True)
def circle_of_ties(context, person):
    from ties import selectors

    request = context["request"]
    if not access.can(request.user, "ties.view"):
        return {"allowed": False}
    items = selectors.circle(request.user, person)
    return {
        "allowed": True,
        "b": person,
        "items": items,
        "picture": selectors.circle_picture(items),
        "risk": selectors.stored_risk(person),
        "can_change": access.can(request.user, "ties.change") and not person.anonymized_at,
        "request": request,
    }
