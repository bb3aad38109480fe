from datetime import datetime, time

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from accounts import access
from audit import log as audit_log
from audit.models import AuditEntry
from audit.readable import describe
from core.paging import paginate
from core.xlsx import export_about, xlsx_response


def _date(value, end=False):
    try:
        day = datetime.strptime(value, "%Y-%m-%d").date()
    except (TypeError, ValueError):
        return None
    return timezone.make_aware(datetime.combine(day, time.max if end else time.min))


def _filtered(request):
    qs = AuditEntry.objects.select_related("user")
    if not access.is_nationwide(request.user):
        # A coordinator reads the log of the people who work in their territory.
        qs = qs.filter(user__territory__in=access.territory_ids(request.user))
    f = {
        k: request.GET.get(k, "").strip()
        for k in ("user", "action", "object_type", "object_id", "date_from", "date_to")
    }
    if f["user"]:
        qs = qs.filter(
            Q(username__icontains=f["user"])
            | Q(user__last_name__icontains=f["user"])
            | Q(user__first_name__icontains=f["user"])
        )
    if f["action"] in AuditEntry.Action.values:
        qs = qs.filter(action=f["action"])
    if f["object_type"]:
        qs = qs.filter(object_type=f["object_type"])
    if f["object_id"]:
        qs = qs.filter(object_id=f["object_id"])
    if start := _date(f["date_from"]):
        qs = qs.filter(at__gte=start)
    if end := _date(f["date_to"], end=True):
        qs = qs.filter(at__lte=end)
    return qs, f


@login_required
def audit_list(request):
    access.require(request, "audit.view")
    qs, f = _filtered(request)
    labels = {m._meta.label_lower: m._meta.verbose_name for m in apps.get_models()}
    types = AuditEntry.objects.order_by().values_list("object_type", flat=True).distinct()
    page = paginate(request, qs, per_page=50)
    for entry in describe(page):
        entry.type_label = labels.get(entry.object_type, "")
    return render(
        request,
        "audit/list.html",
        {
            "page": page,
            "f": f,
            "actions": AuditEntry.Action.choices,
            "types": sorted((t, labels.get(t, t)) for t in types if t),
        },
    )


@login_required
def audit_export(request):
    access.require(request, "audit.export")
    qs, f = _filtered(request)
    labels = {m._meta.label_lower: str(m._meta.verbose_name) for m in apps.get_models()}
    rows = (
        (
            e.at,
            e.who,
            e.username,
            e.ip,
            e.get_action_display(),
            labels.get(e.object_type, e.object_type),
            e.object_id,
            e.object_repr,
            "; ".join(e.lines),
            e.path,
        )
        for e in describe(qs[:50000])
    )
    headers = [
        "Когда",
        "Кто",
        "Логин",
        "Адрес",
        "Действие",
        "Тип записи",
        "Номер",
        "Запись",
        "Что изменилось",
        "Страница",
    ]
    start, finish = _date(f["date_from"]), _date(f["date_to"])
    about = export_about(request.user, start=start and start.date(), finish=finish and finish.date())
    response = xlsx_response("zhurnal", headers, rows, title="Журнал действий", about=about)
    audit_log.exported(request, "Журнал действий", response.row_count)
    return response
