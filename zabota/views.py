from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from accounts import access
from territories.selectors import territory_count
from zabota import home


@login_required
def staff_home(request):
    access.require(request, "staff_home")
    user = request.user
    context = {"territory": user.territory, "organization": user.organization}
    context["unlinked_volunteer"] = access.is_volunteer(user) and getattr(user, "volunteer", None) is None
    if access.can(user, "territories.view"):
        context["territory_count"] = territory_count(user)
    context["blocks"] = home.blocks_for(user, timezone.now())
    return render(request, "staff_home.html", context)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    return render(request, "500.html", status=500)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
