"""The request being served, so model signals can tell who changed what and from where."""

from contextvars import ContextVar

current_request = ContextVar("current_request", default=None)


def client_ip(request):
    return request.META.get("REMOTE_ADDR") or None
