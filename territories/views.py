from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from accounts import access
from core.paging import paginate
from territories import selectors, services
from territories.forms import TerritoryForm
from territories.models import Territory


@login_required
def territory_list(request):
    access.require(request, "territories.view")
    q = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    qs = selectors.territory_list(request.user, q=q, kind=kind)
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
    territory = access.get_or_404(request, selectors.territories_all(), "territories.view", field="id", pk=pk)
    return render(request, "territories/detail.html", {"territory": territory, **selectors.territory_page(territory)})


@login_required
def territory_create(request):
    access.require(request, "territories.change")
    form = TerritoryForm(request.POST or None, user=request.user, initial={"parent": request.GET.get("parent")})
    if request.method == "POST" and form.is_valid():
        try:
            territory = services.territory_create(data=form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
            return render(request, "territories/form.html", {"form": form})
        messages.success(request, f"Территория «{territory}» добавлена.")
        return redirect("territories:detail", pk=territory.pk)
    return render(request, "territories/form.html", {"form": form})
