from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts import access
from audit.models import AuditEntry
from audit.readable import describe
from audit.selectors import FILTERS, entries_matching, object_types
from core.paging import keyset
from exports.views import start as exports_start


def _filtered(request):
    f = {k: request.GET.get(k, "").strip() for k in FILTERS}
    return entries_matching(request.user, f), f


@login_required
def audit_list(request):
    access.require(request, "audit.view")
    qs, f = _filtered(request)
    labels = {m._meta.label_lower: m._meta.verbose_name for m in apps.get_models()}
    types = object_types(request.user)
    page = keyset(request, qs, ("-at", "-pk"), per_page=50)  # the log only grows: no COUNT(*), no OFFSET (#12)
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
    """Queued for the worker (audit.export_kinds); the answer is the export's status page (#12)."""
    return exports_start(request, "audit")
