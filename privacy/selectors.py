"""Reads of the person's-rights pages (152-FZ); each goes through accounts.access."""

from django.http import Http404

from accounts import access
from people.selectors import beneficiary_or_404
from privacy.models import SubjectReport


def person_or_404(request, pk, capability):
    return beneficiary_or_404(request, pk, capability, related=("territory",))


def report_or_404(request, pk):
    """A report is reachable by whoever may ask for one about its person (coordinators in scope, admins)."""
    item = SubjectReport.objects.filter(pk=pk).first()
    if item is None:
        access.require(request, "people.report")
        raise Http404("Справка не найдена.")
    person_or_404(request, item.beneficiary_id, "people.report")
    return item


def reports_of(person, limit=20):
    """The person's earlier reports, newest first, with who asked for them."""
    return person.subject_reports.select_related("requested_by")[:limit]
