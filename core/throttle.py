from django.core.cache import cache

from core.net import client_ip

SUBMISSIONS_PER_HOUR = 5


def allow_submission(request):
    """At most 5 public form submissions an hour from one address."""
    key = f"public-submit:{client_ip(request)}"
    cache.add(key, 0, timeout=3600)
    return cache.incr(key) <= SUBMISSIONS_PER_HOUR


STATUS_CHECKS_PER_HOUR = 10


def allow_status_check(request):
    """At most 10 status look-ups an hour from one address (numbers and phones cannot be guessed in bulk)."""
    key = f"public-status:{client_ip(request)}"
    cache.add(key, 0, timeout=3600)
    return cache.incr(key) <= STATUS_CHECKS_PER_HOUR


def allow(request, scope, per_hour):
    """At most `per_hour` requests an hour from one address for a named scope (e.g. a personal link's form)."""
    key = f"throttle-{scope}:{client_ip(request)}"
    cache.add(key, 0, timeout=3600)
    return cache.incr(key) <= per_hour
