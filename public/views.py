from urllib.parse import urlencode

from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from accounts import access
from core.throttle import allow_status_check, allow_submission
from directory.search import PUBLIC_LIMIT, find_localities, public_search, public_total
from helprequests.selectors import status_for_resident
from helprequests.services import request_from_public_form
from public import selectors
from public.forms import NeedHelpForm, ReportForm, StatusForm

SENT_SALT = "public-request-sent"


def home(request):
    locality_text = request.GET.get("locality", "").strip()
    need = request.GET.get("need", "").strip()
    categories = selectors.need_groups()
    context = {"categories": categories, "locality_text": locality_text, "need": need, "searched": bool(locality_text)}
    if need and not locality_text:
        # A need tapped before the settlement: focus the settlement field with a hint.
        context["need_without_locality"] = True
        context["need_name"] = selectors.need_name(need)
    if locality_text:
        matches = find_localities(locality_text)
        if matches:
            locality = matches[0]
            hits = public_search(locality, need or None)
            names = selectors.need_names()
            orgs = selectors.organizations_found([h.helper.id for h in hits])
            context.update(
                locality=locality,
                alternatives=matches[1:4],
                results=[
                    {"hit": h, "org": orgs[h.helper.id], "matched": [names[c] for c in h.matched_codes]} for h in hits
                ],
                need_name=names.get(need, ""),
                # Only the nearest are ranked and shown (#12); the total is counted by the database.
                total_found=public_total(locality, need or None) if len(hits) >= PUBLIC_LIMIT else None,
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
    org = access.found_or_404(selectors.public_organizations(), pk=pk)
    locality, need = request.GET.get("locality", "").strip()[:120], request.GET.get("need", "").strip()[:50]
    codes = {s.category.code for s in org.services.all()}
    apply = {"locality": locality or (org.territory.name if org.territory else "")}
    if need in codes:
        apply["need"] = need
    elif len(codes) == 1:
        apply["need"] = next(iter(codes))
    back = {"locality": locality, "need": need} if locality else {}
    return render(
        request,
        "public/organization.html",
        {"org": org, "apply_query": urlencode(apply), "back_query": urlencode(back)},
    )


def _prefill(request):
    """«Оставить заявку» from an organization page: the settlement and the need come filled in."""
    initial = {}
    if request.GET.get("locality"):
        initial["locality"] = request.GET["locality"].strip()[:120]
    codes = [c for c in request.GET.getlist("need") if c]
    if codes:
        initial["needs"] = selectors.need_ids(codes)
    return initial


def _public_form(request, form_class, kind, template):
    form = form_class(request.POST or None, initial=_prefill(request) if request.method == "GET" else None)
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


@require_http_methods(["GET", "POST"])
def status(request):
    """«Что с моей заявкой»: by number and phone, no account; status words only; rate limited."""
    form = StatusForm(request.POST or None)
    context = {"form": form}
    code = 200
    if request.method == "POST":
        if not allow_status_check(request):
            context["throttled"], code = True, 429
        elif form.is_valid():
            words = status_for_resident(number=form.cleaned_data["number"], phone=form.cleaned_data["phone"])
            context["words"] = words
            context["not_found"] = words is None
    return render(request, "public/status.html", context, status=code)
