"""«Мои выгрузки» (#12): the status page of one export (polled by htmx), its download and the user's list.

Every export button of the other apps goes through `start`: it checks the capability, queues the export and
redirects to its status page at once — the file is built by the worker, never in the request."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from accounts import access
from core.paging import paginate
from core.xlsx import XLSX
from exports import registry, selectors, services
from exports.models import Export


def start(request, kind, **params):
    """The body of an export view: queue `kind` with the page's filters (GET) and go to its status page.
    `params` adds filters the view read itself (e.g. a centre's id from the URL)."""
    spec = registry.get(kind)
    access.require(request, spec.capability)
    export = services.export_start(kind=kind, params={**request.GET.dict(), **params}, actor=request.user)
    if export.status != Export.Status.DONE:
        messages.info(request, "Выгрузка готовится в фоне; файл появится на этой странице и в «Моих выгрузках».")
    return redirect(export)


@login_required
def export_list(request):
    access.require(request, "exports.own")
    page = paginate(request, selectors.exports_of(request.user), per_page=25)
    return render(request, "exports/list.html", {"page": page})


@login_required
def export_detail(request, pk):
    export = selectors.export_of(request, pk)
    partial = request.headers.get("HX-Request")
    template = "exports/detail.html#status" if partial else "exports/detail.html"
    return render(request, template, {"export": export})


@login_required
def export_download(request, pk):
    export = selectors.export_of(request, pk)
    if export.status != Export.Status.DONE or not export.file:
        raise Http404("Выгрузка ещё не готова.")
    name = export.file_name or f"vygruzka-{export.pk}.xlsx"
    # Streamed from disk in blocks: a region's export may be hundreds of megabytes.
    response = FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=name,
        content_type=registry.CONTENT_TYPES.get(name.rsplit(".", 1)[-1], XLSX),
    )
    response["Cache-Control"] = "no-store"
    return response
