from django import template

from outreach import selectors

register = template.Library()


@register.inclusion_tag("outreach/respondent_answers.html", takes_context=True)
def respondent_answers(context, organization=None, community=None):
    """Answers of an organization or a community to questionnaires (on its card), for those who may see them."""
    request = context.get("request")
    if request is None:
        return {"answers": []}
    return {"answers": selectors.respondent_answers(request.user, organization=organization, community=community)}
