"""The respondent's personal link: no account, works on a phone, save and continue, submitted once."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.throttle import allow
from outreach import answer_form, selectors, services
from outreach import questions as q

# A link is a 32-character secret; unknown links are counted so they cannot be guessed in bulk.
UNKNOWN_LINKS_PER_HOUR = 20
POSTS_PER_HOUR = 60


def _throttled(request):
    return render(
        request,
        "outreach/answer_done.html",
        {"throttled": True},
        status=429,
    )


@require_http_methods(["GET", "POST"])
def answer(request, token):
    recipient = selectors.recipient_by_token(token)
    if recipient is None:
        if not allow(request, "outreach-unknown-link", UNKNOWN_LINKS_PER_HOUR):
            return _throttled(request)
        raise Http404("Ссылка не найдена.")
    sending = recipient.sending
    if recipient.submitted_at:
        return render(request, "outreach/answer_done.html", {"r": recipient, "already": True})
    if not sending.is_open():
        return render(request, "outreach/answer_done.html", {"r": recipient, "closed": True})
    plain = answer_form.plain_questions(sending.questionnaire)
    errors, values = {}, q.initial(plain, recipient.answers)
    if request.method == "POST":
        if not allow(request, "outreach-answer", POSTS_PER_HOUR):
            return _throttled(request)
        submit = request.POST.get("action") != "save"
        try:
            services.answers_save(recipient=recipient, data=request.POST, submit=submit)
        except ValidationError as exc:
            errors = exc.message_dict
            if services.ALREADY in errors.get("__all__", []):
                return render(request, "outreach/answer_done.html", {"r": recipient, "already": True})
            values = answer_form.posted(request.POST, plain)
        else:
            if submit:
                return render(request, "outreach/answer_done.html", {"r": recipient, "thanks": True})
            messages.success(request, "Черновик сохранён. Вернитесь по этой же ссылке, чтобы продолжить.")
            return redirect("outreach_public:answer", token=token)
    else:
        services.recipient_opened(recipient=recipient)
    return render(
        request,
        "outreach/answer.html",
        {
            "r": recipient,
            "x": sending.questionnaire,
            "sending": sending,
            "sections": answer_form.sections(plain, values, errors),
            "errors": errors,
            "general_errors": errors.get("__all__", []),
            "error_count": len(errors),
        },
        status=422 if errors else 200,
    )
