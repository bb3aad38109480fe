"""Public pages of the single window: upcoming events per locality and «Стать волонтёром»."""

from itertools import groupby

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from centres import selectors
from centres.forms import VolunteerApplicationForm
from core.throttle import allow_submission
from directory.search import find_localities
from volunteers.services import candidate_create


def events(request):
    locality_text = request.GET.get("locality", "").strip()
    context = {"locality_text": locality_text, "searched": bool(locality_text)}
    if locality_text:
        matches = find_localities(locality_text)
        if matches:
            locality = matches[0]
            found = list(selectors.public_events(locality)[:60])
            nearby = None
            if not found and locality.parent_id:
                nearby = locality.parent
                found = list(selectors.public_events(nearby)[:60])
            days = [
                (day, list(items))
                for day, items in groupby(found, key=lambda e: timezone.localtime(e.starts_at).date())
            ]
            context.update(locality=locality, alternatives=matches[1:4], days=days, nearby=nearby)
    return render(request, "centres/public_events.html", context)


def _centre_for(request, locality):
    centre_id = request.GET.get("centre") or request.POST.get("centre")
    return selectors.centre_for_volunteer(locality, int(centre_id) if centre_id and centre_id.isdigit() else None)


@require_http_methods(["GET", "POST"])
def volunteer(request):
    form = VolunteerApplicationForm(request.POST or None)
    throttled = False
    if request.method == "POST" and form.is_valid():
        if not allow_submission(request):
            throttled = True
        else:
            data = form.cleaned_data
            centre = _centre_for(request, data["locality"])
            try:
                candidate_create(
                    full_name=data["full_name"],
                    phone=data["phone"],
                    territory=data["locality"],
                    age_group=data["age_group"],
                    abilities=data["abilities"],
                    availability=data["availability"],
                    skills=data["skills"],
                    organization=centre.organization if centre else None,
                )
            except ValidationError as exc:  # the card's own checks (volunteers.services): shown by the field
                for field, messages in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, messages)
            else:
                return redirect("centres_public:volunteer_sent")
    return render(
        request,
        "centres/public_volunteer.html",
        {"form": form, "throttled": throttled, "centre": request.GET.get("centre", "")},
        status=429 if throttled else (422 if form.errors else 200),
    )


def volunteer_sent(request):
    return render(request, "centres/public_volunteer_sent.html")
