from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts import access
from catalog.models import ServiceCategory


@login_required
def catalog_list(request):
    access.require(request, "catalog.view")
    tops = ServiceCategory.objects.filter(parent__isnull=True).prefetch_related("children")
    return render(request, "catalog/list.html", {"tops": tops})
