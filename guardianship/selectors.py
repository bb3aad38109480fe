"""Reads of #МЫВМЕСТЕ.ОПЕКА, each scoped to the user (accounts.access)."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from accounts import access
from guardianship import figures as fig
from guardianship.models import (
    Call,
    FamilyApplication,
    FamilyLink,
    Guardianship,
    HelpEntry,
    Story,
    connect_limit,
)
from people.models import Household
from territories.models import Territory


def households(user):
    return access.scoped(user, Household.objects.select_related("territory"))


def waiting_families(user):
    """Marked families without help started: nobody matched yet, or matched and waiting for the first contact.

    A matched family stays here (with its guardian) until the first contact is recorded.
    """
    active = Guardianship.objects.filter(household=OuterRef("pk"), status=Guardianship.Status.ACTIVE)
    pending = Guardianship.objects.filter(status=Guardianship.Status.MATCHED).select_related("guardian")
    return (
        households(user)
        .filter(needs_guardianship_since__isnull=False)
        .exclude(Exists(active))
        .prefetch_related("guardianship_needs", Prefetch("guardianships", queryset=pending, to_attr="pending"))
        .order_by("needs_guardianship_since")
    )


def applications(user, status=FamilyApplication.Status.NEW):
    qs = FamilyApplication.objects.select_related("household__territory").filter(
        household__in=households(user).values("pk")
    )
    return qs.filter(status=status) if status else qs


CALL_QUEUES = {
    "due": "Пора позвонить",
    "missed": "Пропущенные звонки",
}


def calls(user, queue="due", now=None):
    """Calls to families at 2 weeks and 1 month: due now, or missed (not made FOLLOWUP_MISSED_AFTER_DAYS after due)."""
    now = now or timezone.now()
    missed_before = now - timedelta(days=settings.FOLLOWUP_MISSED_AFTER_DAYS)
    qs = Call.objects.filter(
        guardianship__in=access.scoped(user, Guardianship.objects.all()), done_at__isnull=True, due_at__lte=now
    ).select_related("guardianship__household__territory", "guardianship__guardian")
    if queue == "missed":
        return qs.filter(due_at__lte=missed_before)
    return qs.filter(due_at__gt=missed_before)


def stories(user, sent=None):
    """Stories with the family's consent to publication, for the package to the federal headquarters."""
    qs = (
        Story.objects.filter(publication_consent=True, guardianship__in=access.scoped(user, Guardianship.objects.all()))
        .select_related("guardianship__household__territory", "guardianship__guardian")
        .prefetch_related("media")
    )
    if sent is True:
        qs = qs.filter(sent_to_federal_at__isnull=False)
    elif sent is False:
        qs = qs.filter(sent_to_federal_at__isnull=True)
    return qs


def report_territories(user):
    """Territories the user may report on (every level of the tree inside their scope)."""
    return Territory.objects.filter(id__in=access.territory_ids(user)).order_by("path")


def _rows(user, territory):
    """Plain rows (ids, dates, statuses — no names) of the families in the territory and below."""
    base = Household.objects.filter(territory__in=access.territory_ids(user))
    if territory is not None:
        base = base.filter(territory__path__startswith=territory.path)
    overrides = FamilyApplication.objects.filter(
        household=OuterRef("pk"),
        status=FamilyApplication.Status.SELECTED,
        decided_at__gte=OuterRef("needs_guardianship_since"),
    ).exclude(override_reason="")
    fams = base.annotate(override=Exists(overrides)).values_list(
        "pk", "territory__path", "needs_guardianship_since", "override"
    )
    families = [(path, fig.Family(pk, marked, bool(over))) for pk, path, marked, over in fams]
    ids = base.values("pk")
    matches = [
        (hid, fig.Match(hid, status, matched, first, ended, reason))
        for hid, status, matched, first, ended, reason in Guardianship.objects.filter(household__in=ids).values_list(
            "household_id", "status", "matched_at", "first_contact_at", "terminated_at", "termination_reason"
        )
    ]
    entries = [
        fig.Entry(hid, day, cat or "")
        for hid, day, cat in HelpEntry.objects.filter(guardianship__household__in=ids).values_list(
            "guardianship__household_id", "happened_on", "category__name"
        )
    ]
    answers = [
        fig.Answer(hid, used, (data or {}).get("satisfaction"))
        for hid, used, data in FamilyLink.objects.filter(
            household__in=ids, purpose=FamilyLink.Purpose.FEEDBACK, used_at__isnull=False
        ).values_list("household_id", "used_at", "answers")
    ]
    apps = [
        fig.Application(hid, received, source, status)
        for hid, received, source, status in FamilyApplication.objects.filter(household__in=ids).values_list(
            "household_id", "received_at", "source", "status"
        )
    ]
    return families, matches, entries, answers, apps


def _count(families, matches, entries, answers, apps, start, end, now, path=None, exact=False):
    keep = {f.id for p, f in families if path is None or (p == path if exact else p.startswith(path))}
    return fig.count(
        families=[f for _, f in families if f.id in keep],
        matches=[m for hid, m in matches if hid in keep],
        entries=[e for e in entries if e.household_id in keep],
        answers=[a for a in answers if a.household_id in keep],
        applications=[a for a in apps if a.household_id in keep],
        start=start,
        end=end,
        now=now,
        limit=connect_limit(),
    )


def figures(user, territory, start, end, now=None):
    """Plain counts for the federal headquarters' report: one territory (None = the user's whole scope) and
    period [start, end] of dates. Aggregates only: safe for analysts and for the statistics dashboard."""
    now = now or timezone.now()
    return _count(*_rows(user, territory), start, end, now)


def report(user, territory, start, end, now=None):
    """The territory's figures and one row per child territory (the rows add up to the total)."""
    now = now or timezone.now()
    data = _rows(user, territory)
    children = report_territories(user).filter(parent=territory) if territory else Territory.objects.none()
    rows = [(child.name, _count(*data, start, end, now, path=child.path)) for child in children]
    if territory is not None and any(p == territory.path for p, _ in data[0]):
        rows.append(
            (
                f"{territory.name} (без уточнения населённого пункта)",
                _count(*data, start, end, now, path=territory.path, exact=True),
            )
        )
    return {"total": _count(*data, start, end, now), "rows": rows}
