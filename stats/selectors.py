"""Plain rows for the figures: a territory subtree of the user's scope, a period; aggregate queries only."""

from collections import defaultdict
from datetime import datetime, time, timedelta

from django.db.models import F, Q
from django.utils import timezone

from accounts import access
from territories.models import Territory


def territories_for(user):
    """The territories the user may choose (their whole tree), settlements' areas excluded."""
    return access.scoped(user, Territory.objects.exclude(kind=Territory.Kind.AREA), field="id")


def territory_chosen(user, pk):
    """The territory the user chose among theirs (`territories_for`), or None."""
    return territories_for(user).filter(pk=pk).first()


def default_territory(user):
    if user.territory_id:
        return user.territory
    return territories_for(user).filter(parent__isnull=True).first()


def bounds(date_from, date_to):
    """Local calendar days [date_from, date_to] as an aware half-open range."""
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(date_from, time.min), tz)
    end = timezone.make_aware(datetime.combine(date_to + timedelta(days=1), time.min), tz)
    return start, end


def request_rows(territory, start, end, now):
    """Requests under the territory received or closed in [start, end), plus those overdue now."""
    from helprequests.models import NOT_CONNECTED, HelpRequest

    queryset = HelpRequest.objects.filter(territory__path__startswith=territory.path).filter(
        Q(received_at__gte=start, received_at__lt=end)
        | Q(closed_at__gte=start, closed_at__lt=end)
        | Q(status__in=NOT_CONNECTED, connect_due_at__lt=now)
    )
    rows = list(
        queryset.values(
            "id",
            "beneficiary_id",
            "channel",
            "urgency",
            "status",
            "received_at",
            "connect_due_at",
            "connected_at",
            "closed_at",
            "close_reason",
            territory_path=F("territory__path"),
        )
    )
    needs = defaultdict(list)
    through = HelpRequest.needs.through
    for request_id, name in through.objects.filter(helprequest_id__in=queryset.values("id")).values_list(
        "helprequest_id", "servicecategory__name"
    ):
        needs[request_id].append(name)
    for row in rows:
        row["needs"] = needs.get(row["id"], [])
    return rows


def followup_rows(territory, start, end):
    from helprequests.models import FollowUp

    return list(
        FollowUp.objects.filter(request__territory__path__startswith=territory.path)
        .filter(Q(due_at__gte=start, due_at__lt=end) | Q(done_at__gte=start, done_at__lt=end))
        .values("due_at", "done_at", "satisfaction")
    )


def people_known(territory):
    """Older people registered under the territory (merged duplicates and anonymized records excluded)."""
    from people.models import Beneficiary

    return Beneficiary.objects.filter(
        territory__path__startswith=territory.path, merged_into__isnull=True, anonymized_at__isnull=True
    ).count()


def children(territory):
    return list(territory.children.order_by("name").values_list("id", "name", "path"))


def figures_for(territory, date_from, date_to, now=None):
    """Everything the dashboard and the API show: this period, the previous one of equal length, the table."""
    from stats import figures

    now = now or timezone.now()
    start, end = bounds(date_from, date_to)
    prev_start, prev_end = figures.previous_period(start, end)
    rows = request_rows(territory, prev_start, end, now)
    followups = followup_rows(territory, prev_start, end)
    current = figures.summary(rows, followups, start, end, now)
    previous = figures.summary(rows, followups, prev_start, prev_end, now)
    previous["overdue_now"] = None  # a snapshot has no previous value
    lines, total = figures.territory_table(rows, children(territory), start, end, now)
    return {
        "current": current,
        "previous": previous,
        "previous_from": prev_start.date(),
        "previous_to": (prev_end - timedelta(days=1)).date(),
        "breakdowns": figures.breakdowns(rows, start, end),
        "previous_breakdowns": figures.breakdowns(rows, prev_start, prev_end),
        "lines": lines,
        "total": total,
        "people_known": people_known(territory),
    }
