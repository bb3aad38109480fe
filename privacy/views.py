"""The person's rights under 152-FZ: who read their data (art. 19 log) and the subject's report (art. 14)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts import access
from audit import log as audit_log
from core.paging import paginate
from people.models import Beneficiary


@login_required
def readers(request, pk):
    """«Кто просматривал»: every page, list, export and API answer that showed this person, newest first."""
    person = access.get_or_404(request, Beneficiary.objects.all(), "people.readers", pk=pk)
    audit_log.viewed(request, person)
    page = paginate(request, audit_log.readers_of(person.pk), per_page=50)
    audit_log.describe_readers(page)
    return render(request, "privacy/readers.html", {"b": person, "page": page})
