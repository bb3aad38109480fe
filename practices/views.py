from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts import access
from audit import log as audit_log
from core.paging import paginate
from core.xlsx import export_about, xlsx_response
from directory.models import Organization
from practices import services
from practices.forms import PhotoForm, PracticeForm
from practices.models import Photo, Practice, Tag
from territories.models import Territory


def _visible(user):
    """Published cards for everyone; editors also see drafts (the access module decides)."""
    return access.scoped(user, Practice.objects.all())


def _search(request, qs):
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(summary__icontains=q)
            | Q(description__icontains=q)
            | Q(organization_name__icontains=q)
            | Q(tags__name__icontains=q)
        )
    filters = {"q": q}
    for key in ("tag", "audience"):
        value = request.GET.get(key, "").strip()
        filters[key] = value
        if value.isdigit():
            qs = qs.filter(tags=int(value))
    region = request.GET.get("region", "").strip()
    filters["region"] = region
    if region:
        qs = qs.filter(region=region)
    return qs.distinct(), filters


def library(request):
    """Public: the practices library, searchable by words, tag, region and audience."""
    published = Practice.objects.published()
    qs, filters = _search(request, published.prefetch_related("tags"))
    return render(
        request,
        "practices/library.html",
        {
            "page": paginate(request, qs.order_by("-published_at", "title"), per_page=12),
            "filters": filters,
            "topics": Tag.objects.filter(kind=Tag.Kind.TOPIC, practices__in=published).distinct(),
            "audiences": Tag.objects.filter(kind=Tag.Kind.AUDIENCE, practices__in=published).distinct(),
            "regions": published.order_by("region").values_list("region", flat=True).distinct(),
            "searched": any(filters.values()),
        },
    )


def detail(request, pk):
    practice = _visible(request.user).prefetch_related("tags", "photos").filter(pk=pk).first()
    if practice is None:
        raise Http404("Практика не найдена.")
    return render(
        request, "practices/detail.html", {"x": practice, "can_edit": access.can(request.user, "practices.change")}
    )


def photo(request, pk):
    item = Photo.objects.select_related("practice").filter(pk=pk).first()
    if item is None or not _visible(request.user).filter(pk=item.practice_id).exists():
        raise Http404("Фото не найдено.")
    return FileResponse(item.file.open("rb"))


@login_required
def manage(request):
    access.require(request, "practices.change")
    qs, filters = _search(request, _visible(request.user).prefetch_related("tags"))
    state = request.GET.get("state", "")
    if state == "draft":
        qs = qs.filter(is_published=False)
    elif state == "published":
        qs = qs.filter(is_published=True)
    filters["state"] = state
    return render(
        request,
        "practices/manage.html",
        {"page": paginate(request, qs.order_by("title")), "filters": filters},
    )


@login_required
def export(request):
    access.require(request, "practices.change")
    qs, _ = _search(request, _visible(request.user).prefetch_related("tags"))
    headers = ["Название", "Организация", "Регион", "Сроки", "Теги", "Для кого", "Результаты", "Опубликована"]
    rows = (
        (
            p.title,
            p.organization_name,
            p.region,
            p.dates,
            ", ".join(t.name for t in p.tags.all()),
            p.audience,
            p.results,
            "да" if p.is_published else "нет",
        )
        for p in qs.order_by("title")
    )
    response = xlsx_response("praktiki", headers, rows, title="База практик", about=export_about(request.user))
    audit_log.exported(request, "База практик", response.row_count)
    return response


def _edit(request, practice):
    form = PracticeForm(request.POST or None, instance=practice)
    form.fields["organization"].queryset = access.scoped(request.user, Organization.objects.all()).order_by("name")
    form.fields["territory"].queryset = access.scoped(request.user, Territory.objects.all(), "id")
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
    return access.get_or_404(request, Practice.objects.all(), "practices.change", pk=pk)


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
    return render(request, "practices/photos.html", {"x": practice, "form": form, "items": practice.photos.all()})


@login_required
@require_POST
def photo_delete(request, pk):
    access.require(request, "practices.change")
    item = Photo.objects.select_related("practice").filter(pk=pk).first()
    if item is None:
        raise Http404("Фото не найдено.")
    _editable(request, item.practice_id)
    services.photo_delete(photo=item, actor=request.user)
    messages.success(request, "Фото удалено.")
    return redirect("practices:photos", pk=item.practice_id)
