"""Two-factor login pages (#11): the code after the password, connecting an app, backup codes, reset."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from accounts import access, selectors, services, two_factor
from audit import log as audit_log

BACKUP_SESSION_KEY = "zabota_backup_codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Код",
        max_length=20,
        error_messages={"required": "Введите код."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "autocapitalize": "off"}),
    )


class AppCodeForm(CodeForm):
    code = forms.CharField(
        label="Код из приложения",
        max_length=10,
        error_messages={"required": "Введите 6 цифр из приложения."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


def _next(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure()):
        return url
    return reverse("staff_home")


def _errors(form, exc):
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """The second step of the login: an app's code or a backup code."""
    user = request.user
    if user.is_verified():
        return redirect(_next(request))
    if two_factor.app_device(user) is None:
        two_factor.remember(request, user, has_device=False)
        if two_factor.required(user):
            return redirect(f"{reverse('accounts:two_factor_enrol')}?next={_next(request)}")
        return redirect(_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.two_factor_check(user=user, code=form.cleaned_data["code"])
        except ValidationError as exc:
            _errors(form, exc)
        else:
            otp_login(request, device)
            kind = "резервный код" if isinstance(device, StaticDevice) else "приложение"
            audit_log.record(audit_log.Action.LOGIN, request=request, user=user, details={"second_factor": kind})
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(request, f"Вы вошли по резервному коду. Осталось резервных кодов: {left}.")
            return redirect(_next(request))
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": _next(request)},
        status=422 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def enrol(request):
    """Connect an authenticator app: QR code and the secret in text, confirmed with the app's current code."""
    user = request.user
    has_app = two_factor.app_device(user) is not None
    if has_app and not user.is_verified():
        # Connecting a new app must not step round the code of the one already connected.
        return redirect(f"{reverse('accounts:two_factor_verify')}?next={_next(request)}")
    device = two_factor.app_device(user, confirmed=False)
    if device is None:
        device = services.two_factor_device_start(user=user)
    form = AppCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.two_factor_confirm(device=device, code=form.cleaned_data["code"], actor=user)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            otp_login(request, device)
            two_factor.remember(request, user, has_device=True)
            request.session[BACKUP_SESSION_KEY] = codes
            return redirect(f"{reverse('accounts:two_factor_backup')}?next={_next(request)}")
    context = {
        "form": form,
        "next": _next(request),
        "required": two_factor.required(user),
        "has_app": has_app,
        "qr": two_factor.qr_svg(device),
        "secret": two_factor.secret_text(device),
    }
    return render(request, "accounts/two_factor_enrol.html", context, status=422 if form.errors else 200)


@login_required
def backup(request):
    """Backup codes, shown once right after an app was connected."""
    codes = request.session.pop(BACKUP_SESSION_KEY, None)
    if not codes:
        messages.info(request, "Резервные коды показываются один раз — сразу после подключения приложения.")
        return redirect(_next(request))
    return render(request, "accounts/two_factor_backup.html", {"codes": codes, "next": _next(request)})


@login_required
@require_POST
def reset(request, pk):
    """An administrator turns off a user's second factor (lost phone); the reset is audited."""
    target = access.manageable_user_or_404(request, selectors.users(), "users.two_factor_reset", pk)
    services.two_factor_reset(user=target, actor=request.user)
    messages.success(
        request,
        f"Вход с кодом для «{target}» сброшен, все его сеансы завершены."
        + (" При следующем входе он подключит приложение заново." if two_factor.required(target) else ""),
    )
    return redirect("accounts:user", pk=target.pk)
