from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts import access
from directory.models import Organization
from zabota.paging import paginate


@login_required
def organization_list(request):
    access.require(request, "directory.view")
    qs = access.scoped(request.user, Organization.objects.select_related("territory"))
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(name__icontains=q)
    kind = request.GET.get("kind", "")
    if kind in Organization.Kind.values:
        qs = qs.filter(kind=kind)
    return render(
        request,
        "directory/list.html",
        {"page": paginate(request, qs), "q": q, "kind": kind, "kinds": Organization.Kind.choices},
    )


@login_required
def organization_detail(request, pk):
    qs = Organization.objects.select_related("territory")
    organization = access.get_or_404(request, qs, "directory.view", pk=pk)
    return render(request, "directory/detail.html", {"organization": organization})
