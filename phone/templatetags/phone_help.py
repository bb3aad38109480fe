"""`{% phone_help person %}` on the person's page (people/detail.html): the person's stage in «Алло, волонтёр!» —
in the service, identified and waiting, refused — with «Нуждается в телефонной помощи» to record an identification."""

from django import template

from accounts import access

register = template.Library()


@register.inclusion_tag("phone/_person_stage.html", takes_context=True)
def phone_help(context, person):
    from phone.models import Enrolment, Identification

    user = context["request"].user
    if not access.can(user, "phone.identify"):
        return {"allowed": False}
    enrolment = Enrolment.objects.active().filter(beneficiary=person).select_related("volunteer").first()
    latest = access.scoped(user, Identification.objects.filter(beneficiary=person)).first()
    return {
        "allowed": True,
        "b": person,
        "enrolment": enrolment,
        "latest": latest,
        "can_open_enrolment": access.can(user, "phone.calls"),
        "can_record": not person.anonymized_at
        and enrolment is None
        and not (latest and latest.status == Identification.Status.IDENTIFIED),
    }
