from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser
from ninja.security import HttpBearer
from ninja.throttling import UserRateThrottle

from accounts.models import ApiToken
from core import api_errors


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        user = ApiToken.user_for(token)
        if user is not None:
            request.user = user
        return user


class RateLimit(UserRateThrottle):
    """API_RATE per user, or per client address (behind the trusted proxies) without a token."""

    def allow_request(self, request):
        from django.conf import settings

        self.rate = settings.API_RATE
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_ident(self, request):
        from core.net import client_ip

        return client_ip(request)


def docs_for_signed_in(view):
    """The API docs and schema are shown to staff signed in or holding a valid token, not to the world."""
    from functools import wraps

    from django.contrib.auth.views import redirect_to_login

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        header = request.headers.get("Authorization", "")
        token_user = ApiToken.user_for(header[7:]) if header.startswith("Bearer ") else None
        if not request.user.is_authenticated and token_user is None:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


class ObjectBody(Parser):
    """A body must be a JSON object or list: `null` or a bare number is refused, not read as «no changes»."""

    def parse_body(self, request):
        data = super().parse_body(request)
        if not isinstance(data, dict | list):
            raise ValueError("not an object")
        return data


ERROR_RESPONSES = {
    "400": "Тело запроса — не корректный JSON-объект.",
    "401": "Нужен действующий токен.",
    "403": "Недостаточно прав.",
    "404": "Запись не найдена (или она вне вашей зоны).",
    "422": "Данные не прошли проверку: поля и сообщения на русском в errors.",
    "429": "Слишком много запросов.",
}
ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    },
    "required": ["detail"],
}


class ZabotaAPI(NinjaAPI):
    """The schema declares the error answers every operation can give (API.md «Ошибки»)."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        ref = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        for path in schema["paths"].values():
            for operation in path.values():
                responses = operation.setdefault("responses", {})
                for status, description in ERROR_RESPONSES.items():
                    if status == "401" and not operation.get("security"):
                        continue  # an open route never asks for a token
                    responses.pop(int(status), None)
                    responses[int(status)] = {"description": description, **ref}
        return schema


api = ZabotaAPI(
    parser=ObjectBody(),
    title="Zabota API",
    version="1",
    description="API платформы «Забота»: контракт для партнёров (см. API.md).",
    auth=BearerToken(),
    urls_namespace="api",
    docs_url="/docs",
    docs_decorator=docs_for_signed_in,
    throttle=[RateLimit("300/m")],
)


@api.exception_handler(NinjaValidationError)
def _invalid(request, exc):
    return api.create_response(request, api_errors.body(api_errors.from_pydantic(exc.errors)), status=422)


@api.exception_handler(DjangoValidationError)
def _invalid_model(request, exc):
    return api.create_response(request, api_errors.body(api_errors.from_django(exc)), status=422)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Недостаточно прав."}, status=403)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "Запись не найдена."}, status=404)


@api.exception_handler(AuthenticationError)
def _unauthorized(request, exc):
    return api.create_response(
        request, {"detail": "Нужен действующий токен: заголовок Authorization: Bearer <токен>."}, status=401
    )


@api.exception_handler(OverflowError)
def _too_large(request, exc):
    # SQLite cannot compare with an integer beyond 64 bits; no record has such an id.
    detail = "Число в запросе слишком большое: такой записи нет."
    return api.create_response(request, api_errors.body({"__all__": [detail]}, detail), status=422)


@api.exception_handler(HttpError)
def _http_error(request, exc):
    detail = str(exc)
    if exc.status_code == 429:
        detail = "Слишком много запросов. Повторите позже."
    if detail.startswith("Cannot parse request body"):
        detail = "Тело запроса — не корректный JSON-объект."
        return api.create_response(request, api_errors.body({"__all__": [detail]}, detail), status=400)
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


def _register_routers():
    from catalog.api import router as catalog_router
    from centres.api import router as centres_router
    from communities.api import router as communities_router
    from directory.api import router as directory_router
    from helprequests.api import router as requests_router
    from people.api import router as people_router
    from phone.api import router as phone_router
    from territories.api import router as territories_router
    from volunteers.api import router as volunteers_router

    api.add_router("", territories_router)
    api.add_router("", catalog_router)
    api.add_router("", directory_router)
    api.add_router("", volunteers_router)
    api.add_router("", people_router)
    api.add_router("", requests_router)
    api.add_router("", phone_router)
    api.add_router("", centres_router)
    api.add_router("", communities_router)
    # --- expert sessions and practices (#15) ---
    from assessments.api import router as assessments_router
    from practices.api import router as practices_router

    api.add_router("", assessments_router)
    api.add_router("", practices_router)
    # --- statistics for decisions (#18) ---
    from stats.api import router as stats_router

    api.add_router("", stats_router)
    # --- social ties and isolation risk (#17) ---
    from ties.api import router as ties_router

    api.add_router("", ties_router)
    # --- guardianship as the seed prescribes (#18g) ---
    from guardianship.api import router as guardianship_router

    api.add_router("", guardianship_router)
    # --- outreach kit (#14) ---
    from outreach.api import router as outreach_router

    api.add_router("", outreach_router)


_register_routers()
