"""E-mails to helpers and coordinators (console backend in the demo)."""

from django.conf import settings
from django.core.mail import send_mail

from accounts.models import Role, User


def helper_emails(request):
    if request.helper_organization_id:
        return [u.email for u in request.helper_organization.staff.filter(is_active=True) if u.email] or (
            [request.helper_organization.email] if request.helper_organization.email else []
        )
    if request.helper_volunteer_id:
        v = request.helper_volunteer
        return [e for e in [v.user.email if v.user_id else "", v.email] if e][:1]
    return []


def staff_emails(territory, roles=(Role.COORDINATOR,)):
    """E-mails of the active users with these roles whose territory contains this one."""
    return list(
        User.objects.filter(role__in=roles, is_active=True, territory_id__in=territory.ancestor_ids())
        .exclude(email="")
        .values_list("email", flat=True)
    )


def send(subject, body, recipients):
    if recipients:
        send_mail(f"Забота: {subject}", body, None, recipients)
    return bool(recipients)


def assigned(request):
    needs = ", ".join(n.name for n in request.needs.all())
    return send(
        f"новое обращение {request.number}",
        f"Вам направлено обращение {request.number} ({needs}; {request.territory}).\n"
        f"Примите или отклоните его: {settings.SITE_URL}/requests/{request.pk}/\n"
        f"Связаться с подопечным нужно до {request.connect_due_at:%d.%m.%Y %H:%M}.",
        helper_emails(request),
    )


def escalated(request):
    return send(
        f"просрочено обращение {request.number}",
        f"Обращение {request.number} ({request.territory}) не соединено с помощником за отведённый срок "
        f"(до {request.connect_due_at:%d.%m.%Y %H:%M}). Статус: {request.get_status_display()}.\n"
        f"{settings.SITE_URL}/requests/{request.pk}/",
        staff_emails(request.territory),
    )
