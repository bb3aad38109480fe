"""Request hygiene shared by every view."""

from django.http import QueryDict


def strip_nul_from_query(get_response):
    """Drop NUL characters from query parameters: PostgreSQL text cannot hold them, and no search needs one."""

    def middleware(request):
        if "%00" in request.META.get("QUERY_STRING", ""):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
            cleaned._mutable = False
            request.GET = cleaned
        return get_response(request)

    return middleware


def no_store_for_personal_pages(get_response):
    """Pages of signed-in users and API answers may carry personal data: no browser or proxy keeps a copy."""

    def middleware(request):
        response = get_response(request)
        user = getattr(request, "user", None)
        personal = request.path.startswith("/api/") or (user is not None and user.is_authenticated)
        if personal and not request.path.startswith("/static/"):
            response["Cache-Control"] = "no-store"
        return response

    return middleware


class DatabaseUnavailable:
    """The database down: a calm Russian page (503, retry later) instead of a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import InterfaceError, OperationalError
        from django.http import HttpResponse
        from django.template.loader import render_to_string

        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        # Rendered without the request: context processors would ask the database again.
        response = HttpResponse(render_to_string("503_database.html"), status=503)
        response["Retry-After"] = "120"
        return response
