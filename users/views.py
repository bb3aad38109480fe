"""The users page, a login's page (its links to a volunteer card and an organization) and the invitation (#9):
coordinators for their territory, administrators everywhere."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts import access
from accounts import selectors as account_selectors
from core.paging import paginate
from users import selectors, services
from users.forms import InviteForm, LinkForm


@login_required
def user_list(request):
    access.require(request, "users.manage")
    q = request.GET.get("q", "").strip()
    qs = selectors.user_list(request.user, q=q)
    return render(request, "users/users.html", {"page": paginate(request, qs), "q": q})


@login_required
@require_http_methods(["GET", "POST"])
def user_detail(request, pk):
    target = access.manageable_user_or_404(request, account_selectors.users_for_pages(), "users.manage", pk)
    current = getattr(target, "volunteer", None) if hasattr(target, "volunteer") else None
    form = LinkForm(
        request.POST or None,
        user=request.user,
        target=target,
        initial={"volunteer": current, "organization": target.organization},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.user_link(user=target, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "Связи учётной записи сохранены.")
            return redirect("accounts:user", pk=target.pk)
    context = {
        "target": target,
        "form": form,
        "volunteer": current,
        "two_factor_app": account_selectors.has_two_factor_app(target),
        "can_reset_two_factor": access.can(request.user, "users.two_factor_reset"),
    }
    return render(request, "users/user.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def invite(request):
    access.require(request, "users.manage")
    form = InviteForm(request.POST or None, user=request.user, initial={"volunteer": request.GET.get("volunteer")})
    if request.method == "POST" and form.is_valid():
        try:
            user = services.volunteer_invite(
                actor=request.user, base_url=request.build_absolute_uri("/")[:-1], **form.cleaned_data
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request, f"Приглашение отправлено на {user.email}. По ссылке из письма волонтёр задаст пароль."
            )
            return redirect("accounts:user", pk=user.pk)
    return render(request, "users/invite.html", {"form": form})
