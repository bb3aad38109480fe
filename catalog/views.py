from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts import access
from catalog import selectors


@login_required
def catalog_list(request):
    access.require(request, "catalog.view")
    return render(request, "catalog/list.html", {"tops": selectors.catalog_tree()})
