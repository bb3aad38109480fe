"""Reads of #МЫВМЕСТЕ.ОПЕКА, each scoped to the user (accounts.access)."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from accounts import access
from catalog.models import ServiceCategory
from guardianship import figures as fig
from guardianship.models import (
    Call,
    FamilyApplication,
    FamilyLink,
    Guardian,
    GuardianKind,
    Guardianship,
    HelpEntry,
    Story,
    StoryMedia,
    connect_limit,
)
from people.models import Beneficiary, Household
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


# --- the doors of the adapters (views, API, forms): every read below takes the user or an object already
# fetched through the access door, so a caller without a user gets nothing ---

# The seed's list of help: бытовая помощь, досуг детей, уход за животными, ремонт, продукты, материальная помощь.
PROGRAMME_CODES = [
    "home_care",
    "cleaning",
    "child_leisure",
    "pet_care",
    "repairs",
    "groceries",
    "material_aid",
    "transport",
    "legal_aid",
    "psychological_aid",
]


def programme_needs():
    """The catalog's kinds of help the programme works with (public reference data, no personal fields)."""
    return ServiceCategory.objects.filter(code__in=PROGRAMME_CODES).order_by("parent__position", "position")


def territories(user):
    """Territories a guardian may be registered in: the user's scope."""
    return access.scoped(user, Territory.objects.all(), field="id")


def guardians(user, status=None):
    qs = access.scoped(user, Guardian.objects.select_related("territory"))
    return qs.filter(status=status) if status else qs


def guardian_register(user, status=""):
    """The registry page and its XLSX: guardians in scope with what they help with; an unknown status = all."""
    qs = guardians(user).prefetch_related("capabilities")
    return qs.filter(status=status) if status in Guardian.Status.values else qs


def guardian_applications(user):
    """Guardians' applications still in verification (the dashboard's block)."""
    return guardians(user).filter(status__in=[Guardian.Status.APPLIED, Guardian.Status.VERIFYING])


def guardians_api(user, status=None):
    qs = access.scoped(user, Guardian.objects.prefetch_related("capabilities"))
    return qs.filter(status=status) if status else qs


def guardians_without_agreement(user):
    return guardians(user).filter(
        Q(agreement_date__isnull=True) | Q(agreement_number=""), status=Guardian.Status.APPROVED
    )


def guardians_to_match(user):
    """Guardians the user may pass a family to: in the user's territory, as the registry shows, or registered
    above it (a guardian of the region serves its districts); services.match decides whether this one covers
    the family. Another district's guardian is out of scope; nobody without a signed-in user."""
    return access.scoped_or_above(user, Guardian.objects.all())


def guardian_to_match_or_404(request, pk, capability="guardianship.manage"):
    """The guardian a family is passed to: out of scope answers 404 as a missing one would, audited as a refusal."""
    access.require(request, capability)
    return access.one_or_404(
        request, guardians_to_match(request.user), Guardian.objects.all(), capability, "Опекун не найден.", pk=pk
    )


def guardian_or_404(request, pk, capability="guardianship.manage"):
    return access.get_or_404(request, Guardian.objects.select_related("territory", "organization"), capability, pk=pk)


def guardian_families(guardian):
    return guardian.guardianships.select_related("household")


def guardianship_or_404(request, pk, capability="guardianship.view"):
    qs = Guardianship.objects.select_related("household__territory", "guardian")
    return access.get_or_404(request, qs, capability, pk=pk)


def household_or_404(request, pk, capability="guardianship.manage"):
    return access.get_or_404(request, Household.objects.select_related("territory"), capability, pk=pk)


def household_in_scope(user, pk):
    return households(user).filter(pk=pk).first()


def household_for_api_or_404(request, pk, capability="guardianship.manage"):
    return access.get_or_404(request, Household.objects.all(), capability, pk=pk)


def marked_households(user):
    return households(user).filter(needs_guardianship_since__isnull=False)


def household_applications(user, household):
    return applications(user, None).filter(household=household)


def family_member_ids(household_ids):
    """Ids of the members of these families (already read through a scoped selector), for the audit entry."""
    household_ids = {pk for pk in household_ids if pk}
    if not household_ids:
        return []
    return list(Beneficiary.objects.filter(household_id__in=household_ids).values_list("pk", flat=True))


def active_guardianships(user):
    return access.scoped(user, Guardianship.objects.filter(status=Guardianship.Status.ACTIVE)).select_related(
        "household", "guardian"
    )


def my_guardianships(user):
    """The guardian's own families (the scope of a guardian login), open first."""
    qs = access.scoped(user, Guardianship.objects.select_related("household__territory", "guardian"))
    return qs.order_by("status", "-matched_at")


def open_guardianships(user):
    """The families a guardian login looks after now (matched or active)."""
    return access.scoped(
        user, Guardianship.objects.filter(status__in=[Guardianship.Status.MATCHED, Guardianship.Status.ACTIVE])
    )


def needs_link(household):
    return household.guardianship_links.filter(purpose="needs").first()


def pending_guardianship(household):
    return household.guardianships.filter(status=Guardianship.Status.MATCHED).first()


def active_guardianship(household):
    """The guardianship already under way: the family cannot be matched again (services.match refuses)."""
    return household.guardianships.filter(status=Guardianship.Status.ACTIVE).select_related("guardian").first()


def members(household):
    return list(household.members.filter(merged_into=None))


def help_entries(guardianship):
    return guardianship.help_entries.select_related("category")


def stories_of(guardianship):
    return guardianship.stories.prefetch_related("media")


def family_links(guardianship):
    """The family's needs link and this guardianship's own links (feedback)."""
    return FamilyLink.objects.filter(household=guardianship.household).filter(
        Q(guardianship=guardianship) | Q(purpose="needs")
    )


def has_feedback_link(guardianship):
    return guardianship.links.filter(purpose=FamilyLink.Purpose.FEEDBACK).exists()


def feedback_links(guardianship):
    return FamilyLink.objects.filter(guardianship=guardianship, purpose="feedback").select_related("guardianship")


def help_categories(household):
    """Kinds of help to record: the family's needs, or every kind when it has none."""
    return ServiceCategory.objects.filter(
        code__in=[c.code for c in household.guardianship_needs.all()]
    ) or ServiceCategory.objects.filter(parent__isnull=False)


def help_category(pk):
    return ServiceCategory.objects.filter(pk=pk).first() if pk is not None else None


def story_media_or_404(request, pk):
    """A story's photo or video: served only to those who may open its guardianship."""
    item = access.found_or_404(StoryMedia.objects.select_related("story"), pk=pk)
    guardianship_or_404(request, item.story.guardianship_id)
    return item


def story_or_404(request, pk):
    story = access.found_or_404(Story.objects.all(), pk=pk)
    guardianship_or_404(request, story.guardianship_id)
    return story


def stories_for_package(user, ids=()):
    """The chosen stories with consent, or all not yet sent."""
    qs = stories(user, None)
    return qs.filter(pk__in=ids) if ids else qs.filter(sent_to_federal_at__isnull=True)


def stories_to_mark_sent(user, ids):
    return stories(user, False).filter(pk__in=ids)


def report_territory(user, territories, pk=None):
    """The territory asked for (in scope), else the user's own, else the first of the scope."""
    territory = territories.filter(pk=pk).first() if pk is not None else None
    if territory is None:
        territory = territories.filter(pk=user.territory_id).first() or territories.first()
    return territory


def report_territory_or_404(request, pk):
    return access.get_or_404(request, Territory.objects.all(), "guardianship.reports", field="id", pk=pk)


def guardians_by_kind(user, territory):
    """Approved guardians per kind in the territory and below (aggregates only)."""
    kinds = dict(GuardianKind.choices)
    rows = (
        Guardian.objects.filter(territory__in=access.territory_ids(user), status=Guardian.Status.APPROVED)
        .filter(territory__path__startswith=territory.path if territory else "")
        .values("kind")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    return [(kinds.get(x["kind"], x["kind"]), x["n"]) for x in rows]


def family_link_or_404(token, purpose):
    """A family's personal link (no account): its secret token is the access."""
    return access.found_or_404(FamilyLink.objects.select_related("household"), token=token, purpose=purpose)
