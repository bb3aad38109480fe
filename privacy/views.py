"""The person's rights under 152-FZ: who read their data (art. 19 log) and the subject's report (art. 14)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts import access
from audit import log as audit_log
from core.documents import PDF, download
from core.paging import paginate
from people.models import Beneficiary
from privacy import services
from privacy.models import SubjectReport


def _person(request, pk, capability):
    return access.get_or_404(request, Beneficiary.objects.select_related("territory"), capability, pk=pk)


def _report(request, pk):
    """A report is reachable by whoever may ask for one about its person (coordinators in scope, admins)."""
    item = SubjectReport.objects.filter(pk=pk).first()
    if item is None:
        access.require(request, "people.report")
        raise Http404("Справка не найдена.")
    _person(request, item.beneficiary_id, "people.report")
    return item


@login_required
def readers(request, pk):
    """«Кто просматривал»: every page, list, export and API answer that showed this person, newest first."""
    person = _person(request, pk, "people.readers")
    audit_log.viewed(request, person)
    page = paginate(request, audit_log.readers_of(person.pk), per_page=50)
    audit_log.describe_readers(page)
    return render(request, "privacy/readers.html", {"b": person, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def report_start(request, pk):
    """«Справка субъекту»: what a report holds, earlier reports, and the button that asks for a new one."""
    person = _person(request, pk, "people.report")
    if request.method == "POST":
        item = services.report_request(beneficiary=person, actor=request.user)
        messages.success(request, "Справка запрошена.")
        return redirect("privacy:report_status", pk=item.pk)
    audit_log.viewed(request, person)
    return render(
        request,
        "privacy/report_start.html",
        {"b": person, "reports": person.subject_reports.select_related("requested_by")[:20]},
    )


@login_required
def report_status(request, pk):
    item = _report(request, pk)
    partial = request.headers.get("HX-Request")
    template = "privacy/report_status.html#status" if partial else "privacy/report_status.html"
    return render(request, template, {"item": item, "b": item.beneficiary})


@login_required
def report_download(request, pk):
    item = _report(request, pk)
    if item.state != SubjectReport.State.READY or not item.file:
        raise Http404("Справка ещё не готова.")
    audit_log.exported(request, "Справка субъекту (ст. 14 152-ФЗ)", 1, [item.beneficiary_id])
    with item.file.open("rb") as f:
        content = f.read()
    return download(content, f"справка-152фз-{item.beneficiary_id}.pdf", PDF)
