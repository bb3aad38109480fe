from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.throttle import allow_submission
from guardianship import selectors, services
from guardianship.forms import ApplicationForm, FeedbackForm, NeedsForm
from guardianship.models import FamilyLink


@require_http_methods(["GET", "POST"])
def apply(request):
    """Public application to become a guardian (#МЫВМЕСТЕ.ОПЕКА)."""
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not allow_submission(request):
            return render(request, "guardianship/apply.html", {"form": form, "throttled": True}, status=429)
        d = form.cleaned_data
        guardian = services.guardian_create(
            actor=None,
            name=d["name"],
            kind=d["kind"],
            territory=d["locality"],
            contact_name=d["contact_name"],
            phone=d["phone"],
            email=d["email"],
            max_families=d["max_families"],
            about=d["about"],
            capabilities=d["capabilities"],
            source="public",
        )
        return render(request, "guardianship/applied.html", {"guardian": guardian})
    return render(request, "guardianship/apply.html", {"form": form})


@require_http_methods(["GET", "POST"])
def feedback(request, token):
    link = selectors.family_link_or_404(token, FamilyLink.Purpose.FEEDBACK)
    if link.used_at:
        return render(request, "guardianship/feedback_done.html", {"already": True})
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_feedback(link=link, answers=form.cleaned_data)
        except ValidationError:
            return render(request, "guardianship/feedback_done.html", {"already": True})
        return render(request, "guardianship/feedback_done.html", {"already": False})
    return render(request, "guardianship/feedback.html", {"form": form})


@require_http_methods(["GET", "POST"])
def needs(request, token):
    link = selectors.family_link_or_404(token, FamilyLink.Purpose.NEEDS)
    household = link.household
    form = NeedsForm(
        request.POST or None, initial={"needs": household.guardianship_needs.all(), "note": household.needs_note}
    )
    if request.method == "POST" and form.is_valid():
        services.update_needs(link=link, needs=form.cleaned_data["needs"], note=form.cleaned_data["note"])
        messages.success(request, "Спасибо! Потребности семьи обновлены — штаб и опекун их увидят.")
        return redirect("guardianship_public:needs", token=token)
    return render(request, "guardianship/needs.html", {"form": form})
