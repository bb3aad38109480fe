"""«Рабочий стол»: what needs the user today, each app's blocks (desk.home), per role (#9)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from accounts import access
from desk import home
from territories.selectors import territory_count


@login_required
def staff_home(request):
    access.require(request, "staff_home")
    user = request.user
    context = {"territory": user.territory, "organization": user.organization}
    context["unlinked_volunteer"] = access.is_volunteer(user) and getattr(user, "volunteer", None) is None
    if access.can(user, "territories.view"):
        context["territory_count"] = territory_count(user)
    context["blocks"] = home.blocks_for(user, timezone.now())
    return render(request, "desk/staff_home.html", context)
