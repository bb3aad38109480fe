"""The audit log's page and its XLSX export (who did what, 152-FZ's journal of access to personal data).

Here, above audit and exports, because the page asks accounts.access who may read the log and starts a
background export, while audit itself sits below both: they write to it (#10).
"""

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts import access
from audit.models import AuditEntry
from audit.readable import describe
from core.paging import keyset
from exports.views import start as exports_start
from privacy.selectors import AUDIT_FILTERS, audit_entries, audit_object_types


def _filtered(request):
    f = {k: request.GET.get(k, "").strip() for k in AUDIT_FILTERS}
    return audit_entries(request.user, f), f


@login_required
def audit_list(request):
    access.require(request, "audit.view")
    qs, f = _filtered(request)
    labels = {m._meta.label_lower: m._meta.verbose_name for m in apps.get_models()}
    types = audit_object_types(request.user)
    page = keyset(request, qs, ("-at", "-pk"), per_page=50)  # the log only grows: no COUNT(*), no OFFSET (#12)
    for entry in describe(page):
        entry.type_label = labels.get(entry.object_type, "")
        entry.capability_name = access.capability_name((entry.details or {}).get("capability", ""))
    return render(
        request,
        "privacy/audit_log.html",
        {
            "page": page,
            "f": f,
            "actions": AuditEntry.Action.choices,
            "types": sorted((t, labels.get(t, t)) for t in types if t),
        },
    )


@login_required
def audit_export(request):
    """Queued for the worker (privacy.export_kinds); the answer is the export's status page (#12)."""
    return exports_start(request, "audit")
