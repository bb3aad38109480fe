from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts import access
from core.paging import paginate
from exports.views import start as exports_start
from practices import selectors, services
from practices.forms import PhotoForm, PracticeForm
from practices.models import Practice


def _filters(request):
    return {key: request.GET.get(key, "").strip() for key in ("q", "tag", "audience", "region")}


def _visible(user):
    return selectors.visible(user)


def _search(request, qs):
    filters = _filters(request)
    return selectors.search(qs, **filters), filters


def library(request):
    """Public: the practices library, searchable by words, tag, region and audience."""
    filters = _filters(request)
    return render(
        request,
        "practices/library.html",
        {
            "page": paginate(request, selectors.library(request.user, **filters), per_page=12),
            "filters": filters,
            **selectors.library_facets(request.user),
            "searched": any(filters.values()),
        },
    )


def detail(request, pk):
    practice = selectors.practice(request.user, pk)
    if practice is None:
        raise Http404("Практика не найдена.")
    return render(
        request, "practices/detail.html", {"x": practice, "can_edit": access.can(request.user, "practices.change")}
    )


def photo(request, pk):
    item = selectors.photo(request.user, pk)
    if item is None:
        raise Http404("Фото не найдено.")
    return FileResponse(item.file.open("rb"))


@login_required
def manage(request):
    access.require(request, "practices.change")
    filters = _filters(request)
    state = request.GET.get("state", "")
    qs = selectors.manage_list(request.user, state=state, **filters)
    filters["state"] = state
    return render(request, "practices/manage.html", {"page": paginate(request, qs), "filters": filters})


@login_required
def export(request):
    """Queued for the worker (practices.export_kinds); the answer is the export's status page (#12)."""
    return exports_start(request, "practices")


def _edit(request, practice):
    form = PracticeForm(request.POST or None, instance=practice, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in form.Meta.fields}
        try:
            practice = services.practice_save(
                actor=request.user,
                practice=practice if practice.pk else None,
                topics=services.split_tags(form.cleaned_data["topics"]),
                audiences=services.split_tags(form.cleaned_data["audiences"]),
                **data,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "Карточка практики сохранена.")
            return redirect("practices:detail", pk=practice.pk)
    return render(request, "practices/form.html", {"form": form, "x": practice})


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    access.require(request, "practices.change")
    return _edit(request, Practice())


def _editable(request, pk):
    return selectors.editable_or_404(request, pk)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    return _edit(request, _editable(request, pk))


@login_required
@require_POST
def publish(request, pk):
    practice = _editable(request, pk)
    publish = request.POST.get("publish") != "0"
    services.practice_publish(practice=practice, actor=request.user, publish=publish)
    messages.success(request, "Практика опубликована." if publish else "Практика снята с публикации.")
    return redirect("practices:detail", pk=practice.pk)


@login_required
@require_http_methods(["GET", "POST"])
def photos(request, pk):
    practice = _editable(request, pk)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.photo_add(
                practice=practice, upload=form.cleaned_data["file"], alt=form.cleaned_data["alt"], actor=request.user
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "Фото добавлено.")
            return redirect("practices:photos", pk=practice.pk)
    return render(request, "practices/photos.html", {"x": practice, "form": form, "items": selectors.photos(practice)})


@login_required
@require_POST
def photo_delete(request, pk):
    item = selectors.editable_photo_or_404(request, pk)
    services.photo_delete(photo=item, actor=request.user)
    messages.success(request, "Фото удалено.")
    return redirect("practices:photos", pk=item.practice_id)
