from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from catalog.models import ServiceCategory
from core.throttle import allow_submission
from directory.models import Organization
from directory.search import find_localities, public_search
from helprequests.services import request_from_public_form
from public.forms import NeedHelpForm, ReportForm

SENT_SALT = "public-request-sent"


def home(request):
    locality_text = request.GET.get("locality", "").strip()
    need = request.GET.get("need", "").strip()
    categories = ServiceCategory.objects.filter(parent__isnull=True).prefetch_related("children")
    context = {"categories": categories, "locality_text": locality_text, "need": need, "searched": bool(locality_text)}
    if locality_text:
        matches = find_localities(locality_text)
        if matches:
            locality = matches[0]
            hits = public_search(locality, need or None)
            names = dict(ServiceCategory.objects.values_list("code", "name"))
            orgs = Organization.objects.in_bulk([h.provider.id for h in hits])
            context.update(
                locality=locality,
                alternatives=matches[1:4],
                results=[
                    {"hit": h, "org": orgs[h.provider.id], "matched": [names[c] for c in h.matched_codes]} for h in hits
                ],
                need_name=names.get(need, ""),
                results_points={
                    "center": [locality.lat, locality.lon] if locality.has_point else None,
                    "points": [
                        {"name": o.name, "lat": o.lat, "lon": o.lon, "url": reverse("public:organization", args=[o.pk])}
                        for o in orgs.values()
                        if o.has_point
                    ],
                },
            )
    return render(request, "public/home.html", context)


def localities(request):
    """Autocomplete options (htmx fills the datalist; without JavaScript the search still matches)."""
    matches = find_localities(request.GET.get("locality", ""), limit=10)
    return render(request, "public/localities.html", {"matches": matches})


def organization(request, pk):
    org = get_object_or_404(
        Organization.objects.publicly_listed().select_related("territory").prefetch_related("services__category"), pk=pk
    )
    return render(request, "public/organization.html", {"org": org})


def _public_form(request, form_class, kind, template):
    form = form_class(request.POST or None)
    throttled = False
    if request.method == "POST" and form.is_valid():
        if not allow_submission(request):
            throttled = True
        else:
            help_request = request_from_public_form(kind=kind, data=form.cleaned_data)
            return redirect("public:sent", token=signing.dumps(help_request.number, salt=SENT_SALT))
    return render(request, template, {"form": form, "throttled": throttled}, status=429 if throttled else 200)


@require_http_methods(["GET", "POST"])
def need_help(request):
    return _public_form(request, NeedHelpForm, "self", "public/need_help.html")


@require_http_methods(["GET", "POST"])
def report(request):
    return _public_form(request, ReportForm, "report", "public/report.html")


def sent(request, token):
    try:
        number = signing.loads(token, salt=SENT_SALT, max_age=7 * 24 * 3600)
    except signing.BadSignature as exc:
        raise Http404 from exc
    return render(request, "public/sent.html", {"number": number})
