"""Questionnaires: the builder, sending with personal links, paper entry, results and exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts import access
from audit import log as audit_log
from core.paging import paginate
from core.utils import int_list
from exports.views import start as exports_start
from outreach import answer_form, selectors, services
from outreach import questions as q
from outreach.forms import QuestionForm, QuestionnaireForm, RecipientFilter, SendingForm
from outreach.models import Recipient


def add_errors(form, exc):
    for field, errors in exc.message_dict.items():
        for message in errors:
            form.add_error(field if field in form.fields else None, message)


_questionnaire = selectors.questionnaire_or_404
_sending = selectors.sending_or_404
_recipient = selectors.recipient_or_404


# --- builder ---
@login_required
def questionnaire_list(request):
    access.require(request, "outreach.view")
    return render(
        request,
        "outreach/questionnaires.html",
        {
            "questionnaires": selectors.questionnaires(request.user),
            "sendings": paginate(request, selectors.sendings(request.user)),
            "can_change": access.can(request.user, "outreach.change"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire_create(request):
    access.require(request, "outreach.change")
    form = QuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        questionnaire = services.questionnaire_create(
            **form.cleaned_data, territory=request.user.territory, actor=request.user
        )
        messages.success(request, "Анкета создана — добавьте вопросы.")
        return redirect("outreach:questionnaire", pk=questionnaire.pk)
    return render(request, "outreach/questionnaire_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire_edit(request, pk):
    questionnaire = _questionnaire(request, pk, "outreach.change")
    form = QuestionnaireForm(request.POST or None, initial={"title": questionnaire.title, "intro": questionnaire.intro})
    if request.method == "POST" and form.is_valid():
        services.questionnaire_update(questionnaire=questionnaire, **form.cleaned_data, actor=request.user)
        messages.success(request, "Анкета сохранена.")
        return redirect("outreach:questionnaire", pk=questionnaire.pk)
    return render(request, "outreach/questionnaire_form.html", {"form": form, "x": questionnaire})


@login_required
def questionnaire_detail(request, pk):
    questionnaire = _questionnaire(request, pk)
    items = list(questionnaire.questions.all())
    locked = questionnaire.is_locked
    can_change = access.can(request.user, "outreach.change")
    return render(
        request,
        "outreach/questionnaire_detail.html",
        {
            "x": questionnaire,
            "questions": items,
            "locked": locked,
            "editable": bool(questionnaire.territory_id and not locked and can_change),
            "sendings": selectors.sendings(request.user, questionnaire=questionnaire),
            "form": QuestionForm(),
            "can_change": can_change,
        },
    )


@login_required
@require_POST
def questionnaire_copy(request, pk):
    questionnaire = _questionnaire(request, pk, "outreach.change")
    copy = services.questionnaire_copy(
        questionnaire=questionnaire, territory=request.user.territory, actor=request.user
    )
    messages.success(request, "Копия создана — её можно менять.")
    return redirect("outreach:questionnaire", pk=copy.pk)


@login_required
def questionnaire_print(request, pk):
    """The paper version (PDF), built by the worker (outreach.export_kinds, #12); `?recipient=` prints it for one."""
    questionnaire = _questionnaire(request, pk)
    recipient = request.GET.get("recipient", "")
    return exports_start(request, "questionnaire_pdf", questionnaire=questionnaire.pk, recipient=recipient[:20])


def _question_form(request, questionnaire, question=None):
    initial = {}
    if question is not None:
        initial = {
            f: getattr(question, f)
            for f in (
                "section",
                "text",
                "help_text",
                "kind",
                "required",
                "allow_other",
                "scale_low",
                "scale_high",
                "order",
            )
        }
        initial["choices"] = "\n".join(question.choices or [])
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_save(
                questionnaire=questionnaire, question=question, actor=request.user, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Вопрос сохранён.")
            return redirect("outreach:questionnaire", pk=questionnaire.pk)
    return render(
        request,
        "outreach/question_form.html",
        {"form": form, "x": questionnaire, "question": question, "locked": questionnaire.is_locked},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_create(request, pk):
    return _question_form(request, _questionnaire(request, pk, "outreach.change"))


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, pk):
    question = selectors.question_or_404(request, pk)
    return _question_form(request, question.questionnaire, question)


@login_required
@require_POST
def question_delete(request, pk):
    question = selectors.question_or_404(request, pk)
    try:
        services.question_delete(question=question, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Вопрос удалён.")
    return redirect("outreach:questionnaire", pk=question.questionnaire_id)


# --- sending ---
@login_required
@require_http_methods(["GET", "POST"])
def sending_create(request, pk):
    questionnaire = _questionnaire(request, pk, "outreach.change")
    data = request.POST if request.method == "POST" else request.GET
    filters = RecipientFilter(data, user=request.user)
    f = filters.cleaned_data if filters.is_valid() else {}
    include = f.get("include") or ["organizations"]
    found = selectors.candidates(
        request.user,
        territory=f.get("territory"),
        org_kind=f.get("org_kind", ""),
        community_form=f.get("community_form", ""),
        include=include,
        q_text=f.get("q", ""),
    )
    form = SendingForm(request.POST or None, initial={"title": questionnaire.title})
    error = None
    if request.method == "POST" and form.is_valid():
        picked = {key: set(int_list(request.POST.getlist(key))) for key in ("organizations", "communities", "leaders")}
        try:
            sending = services.sending_create(
                questionnaire=questionnaire,
                territory=request.user.territory,
                actor=request.user,
                organizations=[o for o in found["organizations"] if o.pk in picked["organizations"]],
                communities_=[c for c in found["communities"] if c.pk in picked["communities"]],
                leaders=[x for x in found["leaders"] if x.pk in picked["leaders"]],
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_errors(form, exc)
            error = " ".join(exc.message_dict.get("recipients", []))
        else:
            messages.success(request, f"Анкета отправлена: получателей {sending.recipients.count()}.")
            return redirect("outreach:sending", pk=sending.pk)
    return render(
        request,
        "outreach/sending_form.html",
        {
            "x": questionnaire,
            "filters": filters,
            "form": form,
            "found": found,
            "include": include,
            "recipients_error": error,
            "picked": {k: set(request.POST.getlist(k)) for k in ("organizations", "communities", "leaders")},
        },
        status=422 if form.errors or error else 200,
    )


@login_required
def sending_detail(request, pk):
    sending = _sending(request, pk)
    status = request.GET.get("status", "")
    rows = list(selectors.recipients(request.user, sending, status=status if status in ("answered", "waiting") else ""))
    for r in rows:
        r.link = services.link(r)
    return render(
        request,
        "outreach/sending_detail.html",
        {
            "x": sending,
            "recipients": rows,
            "status": status,
            "can_change": access.can(request.user, "outreach.change"),
        },
    )


def _result_filters(request, sending):
    territory = None
    tid = request.GET.get("territory", "")
    if tid.isdigit():
        territory = selectors.territory_in_scope(request.user, int(tid))
    groups = selectors.groups_of(sending)
    group = request.GET.get("group", "")
    return territory, (group if group in groups else ""), groups


@login_required
def sending_results(request, pk):
    sending = _sending(request, pk)
    territory, group, groups = _result_filters(request, sending)
    data = selectors.results(request.user, sending, territory=territory, group=group)
    charts = [
        {
            "id": f"chart-{item['question']['id']}",
            "labels": [r["label"] for r in item["rows"]],
            "counts": [r["count"] for r in item["rows"]],
        }
        for item in data["summary"]
        if item.get("rows") and item["n"]
    ]
    return render(
        request,
        "outreach/results.html",
        {
            "x": sending,
            **data,
            "charts": charts,
            "territory": territory,
            "group": group,
            "groups": groups,
            "territories": selectors.territories(request.user),
        },
    )


@login_required
def sending_export(request, pk):
    """Queued for the worker (outreach.export_kinds); the answer is the export's status page (#12)."""
    sending = _sending(request, pk)
    return exports_start(request, "questionnaire_answers", sending=sending.pk)


@login_required
def recipient_detail(request, pk):
    recipient = _recipient(request, pk)
    audit_log.viewed(request, recipient)
    return render(
        request,
        "outreach/recipient_detail.html",
        {"r": recipient, "rows": selectors.answer_rows(recipient), "link": services.link(recipient)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def paper_entry(request, pk):
    """Staff type in the answers of a paper questionnaire; same checks as the personal link."""
    recipient = _recipient(request, pk, "outreach.change")
    plain = answer_form.plain_questions(recipient.sending.questionnaire)
    errors, values = {}, q.initial(plain, recipient.answers)
    if request.method == "POST" and recipient.submitted_at is None:
        try:
            services.answers_save(
                recipient=recipient,
                data=request.POST,
                submit=True,
                actor=request.user,
                channel=Recipient.Channel.PAPER,
            )
        except ValidationError as exc:
            errors = exc.message_dict
            values = answer_form.posted(request.POST, plain)
        else:
            messages.success(request, "Ответы с бумажной анкеты внесены.")
            return redirect("outreach:recipient", pk=recipient.pk)
    return render(
        request,
        "outreach/paper_entry.html",
        {
            "r": recipient,
            "sections": answer_form.sections(plain, values, errors),
            "errors": errors,
            "general_errors": errors.get("__all__", []),
        },
        status=422 if errors else 200,
    )
