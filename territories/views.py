from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render

from accounts import access
from core.paging import paginate
from territories.forms import TerritoryForm
from territories.models import Territory


@login_required
def territory_list(request):
    access.require(request, "territories.view")
    qs = (
        access.scoped(request.user, Territory.objects.all(), field="id")
        .annotate(children_count=Count("children", distinct=True))
        .order_by("path")
    )
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(name__icontains=q)
    kind = request.GET.get("kind", "")
    if kind in Territory.Kind.values:
        qs = qs.filter(kind=kind)
    page = paginate(request, qs, per_page=50)
    return render(
        request,
        "territories/list.html",
        {
            "page": page,
            "q": q,
            "kind": kind,
            "kinds": Territory.Kind.choices,
            "can_add": access.can(request.user, "territories.change"),
        },
    )


@login_required
def territory_detail(request, pk):
    territory = access.get_or_404(request, Territory.objects.all(), "territories.view", field="id", pk=pk)
    children = territory.children.annotate(children_count=Count("children"))
    organizations = territory.organizations.all()[:50]
    return render(
        request,
        "territories/detail.html",
        {
            "territory": territory,
            "children": children,
            "organizations": organizations,
            "ancestors": territory.ancestors(),
        },
    )


@login_required
def territory_create(request):
    access.require(request, "territories.change")
    form = TerritoryForm(request.POST or None, user=request.user, initial={"parent": request.GET.get("parent")})
    if request.method == "POST" and form.is_valid():
        territory = form.save()
        messages.success(request, f"Территория «{territory}» добавлена.")
        return redirect("territories:detail", pk=territory.pk)
    return render(request, "territories/form.html", {"form": form})
