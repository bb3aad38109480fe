from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts import access
from audit import log as audit_log
from core.uploads import TooLarge, check_zip
from directory import hsds, importing, tasks
from directory.models import ImportJob, Organization
from directory.tabular import template_xlsx

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
    file = forms.FileField(label="Пакет HSDS (.zip)")
    mark_verified = forms.BooleanField(label="Отметить импортированные организации как проверенные", required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("Файл больше 20 МБ: разделите его на части.")
        _check_zip(upload, "Пакет HSDS")
        return upload


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request):
    access.require(request, "directory.import")
    form = UploadForm(request.POST or None, request.FILES or None, initial={"kind": "organizations"})
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = ImportJob.objects.create(
            kind=form.cleaned_data["kind"],
            file_name=upload.name[:200],
            data=upload.read(),
            mark_verified=form.cleaned_data["mark_verified"],
            created_by=request.user,
        )
        transaction.on_commit(lambda: tasks.check_import.enqueue(job.pk))
        return redirect("directory:import_job", pk=job.pk)
    jobs = ImportJob.objects.filter(created_by=request.user).defer("data")[:10]
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
    return access.found_or_404(ImportJob.objects.defer("data"), pk=pk, created_by=request.user)


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
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.IMPORTING, processed_rows=0)
    transaction.on_commit(lambda: tasks.run_import.enqueue(job.pk))
    return redirect("directory:import_job", pk=job.pk)


@login_required
@require_http_methods(["GET", "POST"])
def hsds_exchange(request):
    access.require(request, "directory.import")
    form = PackageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            verifier = request.user if form.cleaned_data["mark_verified"] else None
            created, skipped = hsds.import_package(
                form.cleaned_data["file"].read(), user=request.user, verified_by=verifier
            )
        except hsds.HsdsError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, f"Импортировано организаций: {created}; уже были в справочнике: {skipped}.")
            return redirect("directory:list")
    return render(request, "directory/hsds.html", {"form": form})


@login_required
def hsds_export(request):
    access.require(request, "directory.export")
    orgs = access.scoped(request.user, Organization.objects.publicly_listed())
    data = hsds.export_package(orgs)
    audit_log.exported(request, "Справочник (HSDS)", orgs.count())
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="zabota-hsds.zip"'
    return response
