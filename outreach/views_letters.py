"""Letters by template (appendices 5–7), the register of sent letters, and contacts for letters."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts import access
from audit import log as audit_log
from core.documents import DOCX, PDF, download
from core.paging import paginate
from core.utils import int_list
from exports.views import start as exports_start
from outreach import selectors, services
from outreach.forms import ContactFilter, ContactForm, LetterTemplateForm, MergeForm
from outreach.models import Contact, LetterTemplate
from outreach.seed import LETTER_FIELDS
from outreach.views import add_errors


# --- templates ---
@login_required
def template_list(request):
    access.require(request, "outreach.letters")
    return render(request, "outreach/templates.html", {"templates": selectors.letter_templates(request.user)})


def _template_form(request, template=None):
    form = LetterTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data.items())
        try:
            template = services.letter_template_save(template=template, actor=request.user, **fields)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Шаблон сохранён.")
            return redirect("outreach:templates")
    return render(
        request,
        "outreach/template_form.html",
        {"form": form, "x": template, "fields": LETTER_FIELDS.items()},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def template_create(request):
    access.require(request, "outreach.letters")
    return _template_form(request)


@login_required
@require_http_methods(["GET", "POST"])
def template_edit(request, pk):
    template = selectors.letter_template_or_404(request, pk)
    return _template_form(request, template)


# --- mail merge ---
@login_required
@require_http_methods(["GET", "POST"])
def merge(request, pk):
    template = selectors.letter_template_or_404(request, pk)
    default_kind = {
        LetterTemplate.Kind.MEDIA: Contact.Kind.MEDIA,
        LetterTemplate.Kind.AUTHORITIES: Contact.Kind.REGIONAL,
        LetterTemplate.Kind.COMMUNITIES: Contact.Kind.HEAD,
    }.get(template.kind, "")
    data = request.GET.copy()
    if "kind" not in data:
        data["kind"] = default_kind
    filters = ContactFilter(data, user=request.user)
    f = filters.cleaned_data if filters.is_valid() else {}
    found = list(
        selectors.contacts(request.user, q_text=f.get("q", ""), kind=f.get("kind", ""), territory=f.get("territory"))[
            :300
        ]
    )
    form = MergeForm(request.POST or None, initial={"date": timezone.localdate()})
    error = None
    if request.method == "POST" and form.is_valid():
        picked = set(int_list(request.POST.getlist("contacts")))
        chosen = selectors.contacts_picked(request.user, picked)
        try:
            batch, created = services.letters_merge(
                template=template,
                contacts=chosen,
                territory=request.user.territory,
                actor=request.user,
                date=form.cleaned_data["date"],
                paragraph=form.cleaned_data["paragraph"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
            error = " ".join(exc.message_dict.get("contacts", []))
        else:
            messages.success(request, f"Готово писем: {len(created)}.")
            return redirect(f"{_letters_url()}?batch={batch}")
    return render(
        request,
        "outreach/merge.html",
        {
            "x": template,
            "filters": filters,
            "form": form,
            "contacts": found,
            "contacts_error": error,
            "picked": set(request.POST.getlist("contacts")),
        },
        status=422 if form.errors or error else 200,
    )


def _letters_url():
    from django.urls import reverse

    return reverse("outreach:letters")


# --- register ---
def _letter_filters(request):
    template = None
    tid = request.GET.get("template", "")
    if tid.isdigit():
        template = selectors.letter_template(request.user, int(tid))
    batch = request.GET.get("batch", "")[:32]
    return {"q_text": request.GET.get("q", "").strip()[:100], "template": template, "batch": batch}


@login_required
def letter_list(request):
    access.require(request, "outreach.letters")
    f = _letter_filters(request)
    qs = selectors.letters(request.user, **f)
    return render(
        request,
        "outreach/letters.html",
        {
            "page": paginate(request, qs),
            "f": f,
            "templates": selectors.letter_templates(request.user),
            "batch_flagged": selectors.letters_to_check(qs) if f["batch"] else 0,
        },
    )


@login_required
def letter_export(request):
    """Queued for the worker (outreach.export_kinds); the answer is the export's status page (#12)."""
    return exports_start(request, "letters")


@login_required
def letter_file(request, pk, fmt):
    if fmt not in ("docx", "pdf"):
        raise Http404("Нет такого формата.")
    letter = selectors.letter_or_404(request, pk)
    data, content_type = (bytes(letter.docx), DOCX) if fmt == "docx" else (bytes(letter.pdf), PDF)
    return download(data, f"{letter.file_stem}.{fmt}", content_type)


@login_required
def letter_zip(request, batch):
    """Queued for the worker (outreach.export_kinds); the answer is the export's status page (#12)."""
    access.require(request, "outreach.letters")
    if not selectors.batch_exists(request.user, batch):
        raise Http404("Писем нет.")
    return exports_start(request, "letters_zip", batch=batch[:32])


# --- contacts ---
def _contact_filters(request):
    form = ContactFilter(request.GET, user=request.user)
    f = form.cleaned_data if form.is_valid() else {}
    return form, {"q_text": f.get("q", ""), "kind": f.get("kind", ""), "territory": f.get("territory")}


@login_required
def contact_list(request):
    access.require(request, "outreach.contacts")
    form, f = _contact_filters(request)
    qs = selectors.contacts(request.user, **f)
    return render(request, "outreach/contacts.html", {"page": paginate(request, qs), "filters": form})


@login_required
def contact_export(request):
    """Queued for the worker (outreach.export_kinds); the answer is the export's status page (#12)."""
    return exports_start(request, "contacts")


def _contact_form(request, contact=None):
    form = ContactForm(request.POST or None, instance=contact, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data.items())
        try:
            services.contact_save(contact=contact, actor=request.user, **fields)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Контакт сохранён.")
            return redirect("outreach:contacts")
    return render(
        request, "outreach/contact_form.html", {"form": form, "x": contact}, status=422 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_create(request):
    access.require(request, "outreach.contacts")
    return _contact_form(request)


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request, pk):
    contact = selectors.contact_or_404(request, pk)
    if request.method == "GET":
        audit_log.viewed(request, contact)
    return _contact_form(request, contact)
