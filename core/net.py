"""Where a request came from."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The client's address behind `PROXY_COUNT` trusted reverse proxies (0: the direct peer).

    Each trusted proxy appends the address it received the request from to X-Forwarded-For, so the
    client is the PROXY_COUNT-th entry from the right; entries further left are the client's own claims
    and are ignored. A header shorter than the proxy chain (or a malformed entry) falls back to the peer."""
    peer = request.META.get("REMOTE_ADDR") or None
    count = getattr(settings, "PROXY_COUNT", 0)
    if count <= 0:
        return peer
    chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(chain) < count:
        return peer
    candidate = chain[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return peer


def axes_client_ip(request):
    """django-axes locks out by the same address the limiter and the audit see."""
    return client_ip(request) or "0.0.0.0"
