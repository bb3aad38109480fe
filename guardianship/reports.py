from datetime import datetime, time

from django.db.models import Count
from django.utils import timezone

from accounts import access
from core.utils import period
from guardianship.models import Guardian, GuardianKind, Guardianship
from guardianship.services import OPEN
from people.models import Household
from territories.models import Territory


def build(request):
    """Aggregates only (no names): safe for analysts."""
    user = request.user
    start, finish = period(request, lambda today: today.replace(month=1, day=1))
    a = timezone.make_aware(datetime.combine(start, time.min))
    b = timezone.make_aware(datetime.combine(finish, time.max))
    ids = access.territory_ids(user)
    districts = Territory.objects.filter(id__in=ids, kind__in=[Territory.Kind.DISTRICT]).order_by("name")
    households = Household.objects.filter(territory__in=ids)
    rows = []
    for d in districts:
        inside = households.filter(territory__path__startswith=d.path)
        active_ids = Guardianship.objects.filter(household__in=inside, status__in=OPEN).values("household")
        rows.append(
            {
                "territory": d.name,
                "needing": inside.filter(needs_guardianship_since__isnull=False).exclude(pk__in=active_ids).count(),
                "active": Guardianship.objects.filter(household__in=inside, status=Guardianship.Status.ACTIVE).count(),
                "new_marked": inside.filter(needs_guardianship_since__range=(a, b)).count(),
                "terminated": Guardianship.objects.filter(household__in=inside, terminated_at__range=(a, b)).count(),
            }
        )
    kinds = dict(GuardianKind.choices)
    by_kind = (
        Guardian.objects.filter(territory__in=ids, status=Guardian.Status.APPROVED)
        .values("kind")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    return {
        "rows": rows,
        "by_kind": [(kinds[x["kind"]], x["n"]) for x in by_kind],
        "start": start,
        "finish": finish,
        "totals": {k: sum(r[k] for r in rows) for k in ("needing", "active", "new_marked", "terminated")},
    }
