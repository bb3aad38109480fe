"""#МЫВМЕСТЕ.ОПЕКА checks run by `manage.py periodic`; each e-mails once per marker or call."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from guardianship.models import Call, Escalation, Guardianship, connect_limit
from helprequests import notify
from people.models import Household


def _contacted_since_marker(household):
    return household.guardianships.filter(
        first_contact_at__isnull=False, matched_at__gte=household.needs_guardianship_since
    ).exists()


def escalate_guardianship(now=None):
    """The 3-day limit (settings.CONNECT_LIMIT_HOURS, as for help requests) passed without a first contact:
    the territory's coordinators get one e-mail per marker."""
    now = now or timezone.now()
    sent = 0
    for household in Household.objects.filter(needs_guardianship_since__lt=now - connect_limit()).select_related(
        "territory"
    ):
        if _contacted_since_marker(household):
            continue
        try:
            with transaction.atomic():
                Escalation.objects.create(
                    household=household, marked_at=household.needs_guardianship_since, sent_at=now
                )
        except IntegrityError:
            continue  # already e-mailed for this marker
        matched = household.guardianships.filter(status=Guardianship.Status.MATCHED).select_related("guardian").first()
        state = f"опекун подобран ({matched.guardian}), первого контакта нет" if matched else "опекун не подобран"
        sent += notify.send(
            f"опека: семья ждёт дольше {settings.CONNECT_LIMIT_HOURS} ч",
            f"Семья №{household.pk} ({household.territory}) с маркером «Требуется опека» с "
            f"{timezone.localtime(household.needs_guardianship_since):%d.%m.%Y %H:%M}: {state}.\n"
            f"{settings.SITE_URL}{reverse('guardianship:match', args=[household.pk])}",
            notify.staff_emails(household.territory),
        )
    return f"эскалаций по опеке: {sent}"


def remind_guardianship_calls(now=None):
    """Calls to the family at 2 weeks and 1 month (settings.FOLLOWUP_DAYS) that fall due: reminded once."""
    now = now or timezone.now()
    due = Call.objects.filter(done_at__isnull=True, due_at__lte=now, reminded_at__isnull=True).select_related(
        "guardianship__household__territory"
    )
    sent = 0
    for call in due:
        household = call.guardianship.household
        sent += notify.send(
            f"опека: звонок семье ({call.get_kind_display().lower()})",
            f"Пора позвонить семье №{household.pk} ({household.territory}) — "
            f"{call.get_kind_display().lower()} после начала помощи.\n"
            f"{settings.SITE_URL}{reverse('guardianship:detail', args=[call.guardianship_id])}",
            notify.staff_emails(household.territory, (Role.COORDINATOR,)),
        )
        Call.objects.filter(pk=call.pk).update(reminded_at=now)
    return f"напоминаний о звонках семьям: {sent}"
