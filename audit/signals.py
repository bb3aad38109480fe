from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from audit import log


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    log.record(log.Action.LOGIN, request=request, user=user)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    log.record(log.Action.LOGOUT, request=request, user=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    log.record(log.Action.LOGIN_FAILED, request=request, username=credentials.get("username", "")[:150])


@receiver(user_locked_out)
def _locked_out(sender, request, username=None, **kwargs):
    log.record(log.Action.LOCKED_OUT, request=request, username=(username or "")[:150])
