"""The person's rights under 152-FZ: who read their data (art. 19 log) and the subject's report (art. 14)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from audit import log as audit_log
from core.documents import PDF, download
from core.paging import paginate
from privacy import selectors, services
from privacy.models import SubjectReport

_person = selectors.person_or_404
_report = selectors.report_or_404


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
        {"b": person, "reports": selectors.reports_of(person)},
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
