from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from accounts import access
from core.uploads import TooLarge, check_zip
from directory import hsds, hsds_import, importing, selectors, services, tasks
from directory.models import ImportJob
from directory.tabular import template_xlsx
from exports.views import start as exports_start

MAX_UPLOAD = 20 * 1024 * 1024


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label="Что импортируем", choices=ImportJob.Kind.choices, widget=forms.RadioSelect)
    file = forms.FileField(label="Файл XLSX или CSV")
    mark_verified = forms.BooleanField(label="Отметить импортированные организации как проверенные", required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("Файл больше 20 МБ: разделите его на части.")
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError("Поддерживаются файлы .xlsx и .csv.")
        if upload.name.lower().endswith(".xlsx"):
            _check_zip(upload, "Файл XLSX")
        return upload


def _check_zip(upload, what):
    """A zip bomb is refused in the request by reading the archive's directory only."""
    try:
        check_zip(upload.read(), what)
    except TooLarge as exc:
        raise forms.ValidationError(str(exc)) from exc
    finally:
        upload.seek(0)


class PackageForm(forms.Form):
    file = forms.FileField(label="Пакет HSDS (.zip с таблицами CSV или .json)")
    mark_verified = forms.BooleanField(label="Отметить импортированные организации как проверенные", required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("Файл больше 20 МБ: разделите его на части.")
        _check_zip(upload, "Пакет HSDS")
        try:  # read now: a file that is not a package is refused here, not on the next page
            hsds_import.parse(upload.read())
        except hsds.HsdsError as exc:
            raise forms.ValidationError(str(exc)) from exc
        finally:
            upload.seek(0)
        return upload


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request):
    access.require(request, "directory.import")
    form = UploadForm(request.POST or None, request.FILES or None, initial={"kind": "organizations"})
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = services.import_job_create(
            kind=form.cleaned_data["kind"],
            file_name=upload.name,
            data=upload.read(),
            mark_verified=form.cleaned_data["mark_verified"],
            actor=request.user,
        )
        transaction.on_commit(lambda: tasks.check_import.enqueue(job.pk))
        return redirect("directory:import_job", pk=job.pk)
    jobs = selectors.import_jobs(request.user)[:10]
    return render(request, "directory/import.html", {"form": form, "jobs": jobs})


@login_required
def import_template(request):
    access.require(request, "directory.import")
    kind = request.GET.get("kind", "organizations")
    if kind == "volunteers":
        data, name = template_xlsx(importing.VOLUNTEER_COLUMNS, importing.VOLUNTEER_EXAMPLE), "shablon-volontery.xlsx"
    else:
        data, name = template_xlsx(importing.ORG_COLUMNS, importing.ORG_EXAMPLE), "shablon-organizacii.xlsx"
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _job(request, pk):
    access.require(request, "directory.import")
    return access.found_or_404(selectors.import_jobs(request.user), pk=pk)


@login_required
def import_job(request, pk):
    job = _job(request, pk)
    template = "directory/import_job.html#status" if request.headers.get("HX-Request") else "directory/import_job.html"
    return render(request, template, {"job": job})


@login_required
@require_POST
def import_confirm(request, pk):
    job = _job(request, pk)
    if job.state != ImportJob.State.READY:
        messages.error(request, "Этот файл нельзя импортировать: сначала исправьте ошибки и загрузите его снова.")
        return redirect("directory:import_job", pk=job.pk)
    services.import_job_start(job=job, actor=request.user)
    transaction.on_commit(lambda: tasks.run_import.enqueue(job.pk))
    return redirect("directory:import_job", pk=job.pk)


@login_required
@require_http_methods(["GET", "POST"])
def hsds_exchange(request):
    access.require(request, "directory.import")
    form = PackageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        package = services.hsds_upload_create(
            file_name=upload.name,
            data=upload.read(),
            mark_verified=form.cleaned_data["mark_verified"],
            actor=request.user,
        )
        return redirect("directory:hsds_preview", pk=package.pk)
    uploads = selectors.hsds_uploads(request.user)[:10]
    return render(request, "directory/hsds.html", {"form": form, "uploads": uploads})


def _upload(request, pk):
    """A package is seen only by the one who uploaded it (like an XLSX import job)."""
    access.require(request, "directory.import")
    return access.found_or_404(selectors.hsds_uploads(request.user, with_data=True), pk=pk)


def _mapping_rows(records, post=None):
    """The mapping step: each distinct term with its catalog choice (remembered, suggested or posted)."""
    categories = selectors.catalog_choices()
    plain = [(c.code, c.name, c.plain_name) for c in categories]
    remembered = selectors.taxonomy_mappings()
    rows = []
    for index, term in enumerate(t for t in hsds_import.package_terms(records) if t[0] != hsds_import.ZABOTA):
        vocabulary, code, name = term
        known = remembered.get((vocabulary, code))
        if known is not None:
            choice, origin = (known.category.code if known.category else SKIP), "сохранено"
        else:
            choice, origin = hsds_import.suggest(term, plain) or "", "предложено"
            origin = origin if choice else "нет похожей категории"
        error = ""
        if post is not None:
            choice = post.get(f"term-{index}", "")
            if choice != SKIP and choice not in {c.code for c in categories}:
                error = "Выберите категорию каталога или «не переносить»."
        rows.append(
            {
                "index": index,
                "vocabulary": vocabulary or "название услуги",
                "term": term,
                "code": code,
                "name": name,
                "choice": choice,
                "origin": origin,
                "error": error,
                "known": known is not None,
            }
        )
    return rows, categories


SKIP = "-"


@login_required
@require_http_methods(["GET", "POST"])
def hsds_preview(request, pk):
    """Step 2 (mapping the package's taxonomy terms to the catalog) and step 3 (what will happen)."""
    upload = _upload(request, pk)
    context = {"upload": upload}
    if upload.imported_at:
        return render(request, "directory/hsds_preview.html", context)
    try:
        records, rows = hsds.preview(bytes(upload.data), user=request.user)
    except hsds.HsdsError as exc:
        context["error"] = str(exc)
        return render(request, "directory/hsds_preview.html", context)
    mapping, categories = _mapping_rows(records, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not any(m["error"] for m in mapping):
            by_code = {c.code: c for c in categories}
            choices = [(*m["term"], by_code.get(m["choice"])) for m in mapping]
            changed = services.taxonomy_mapping_confirm(choices=choices, actor=request.user)
            messages.success(request, f"Сопоставление сохранено (изменено терминов: {len(changed)}).")
            return redirect("directory:hsds_preview", pk=upload.pk)
        messages.error(request, "Не для всех терминов выбрана категория — см. отмеченные строки.")
    waiting = any(not m["known"] for m in mapping)
    names = {c.code: c.name for c in categories}
    for row in rows:
        row.service_names = [names.get(code, code) for code in row.codes]
    groups = {}
    for c in categories:
        groups.setdefault(c.parent.name, []).append(c)
    context |= {
        "mapping": mapping,
        "groups": groups,
        "skip": SKIP,
        "step": "mapping" if waiting or request.method == "POST" or request.GET.get("step") == "mapping" else "preview",
        "rows": rows,
        "counts": hsds_import.counts(rows),
        "groups_of_rows": [
            {"action": action, "title": title, "rows": [r for r in rows if r.action == action]}
            for action, title in (
                ("create", "Будет создано"),
                ("update", "Будет обновлено: добавятся услуги"),
                ("skip", "Будет пропущено"),
            )
        ],
    }
    return render(request, "directory/hsds_preview.html", context)


@login_required
@require_POST
def hsds_import_run(request, pk):
    """«Импортировать»: the preview is computed again (the directory may have changed) and written at once."""
    upload = _upload(request, pk)
    if upload.imported_at:
        messages.error(request, "Этот пакет уже импортирован.")
        return redirect("directory:hsds_preview", pk=upload.pk)
    try:
        records, rows = hsds.preview(bytes(upload.data), user=request.user)
    except hsds.HsdsError as exc:
        messages.error(request, str(exc))
        return redirect("directory:hsds_preview", pk=upload.pk)
    mapping, _ = _mapping_rows(records)
    if any(not m["known"] for m in mapping):
        messages.error(request, "Сначала подтвердите сопоставление терминов с каталогом.")
        return redirect(reverse("directory:hsds_preview", args=[upload.pk]) + "?step=mapping")
    try:
        result = services.hsds_import(rows=rows, actor=request.user, verified=upload.mark_verified, upload=upload)
    except ValidationError as exc:  # the scope changed since the preview: nothing is written
        messages.error(request, "Пакет не импортирован: " + "; ".join(exc.messages))
        return redirect("directory:hsds_preview", pk=upload.pk)
    messages.success(
        request,
        f"Импорт завершён: создано организаций — {result['create']}, обновлено — {result['update']}, "
        f"пропущено — {result['skip']}.",
    )
    return redirect("directory:hsds_preview", pk=upload.pk)


@login_required
def hsds_export(request):
    """The HSDS package of the public listing, built by the worker (directory.export_kinds, #12)."""
    return exports_start(request, "hsds")
