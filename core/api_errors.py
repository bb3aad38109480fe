"""API error bodies as API.md fixes them: {"detail": ..., "errors": {field: [message, ...]}} in Russian."""

from django.core.exceptions import ValidationError as DjangoValidationError

PYDANTIC_MESSAGES = {
    "missing": "Обязательное поле.",
    "string_type": "Ожидается строка.",
    "string_too_short": "Значение не может быть пустым.",
    "string_too_long": "Слишком длинное значение.",
    "int_type": "Ожидается целое число.",
    "int_parsing": "Ожидается целое число.",
    "float_type": "Ожидается число.",
    "float_parsing": "Ожидается число.",
    "bool_type": "Ожидается true или false.",
    "bool_parsing": "Ожидается true или false.",
    "date_type": "Ожидается дата в формате ГГГГ-ММ-ДД.",
    "date_parsing": "Ожидается дата в формате ГГГГ-ММ-ДД.",
    "date_from_datetime_parsing": "Ожидается дата в формате ГГГГ-ММ-ДД.",
    "datetime_type": "Ожидается дата и время в формате ISO 8601.",
    "datetime_parsing": "Ожидается дата и время в формате ISO 8601.",
    "datetime_from_date_parsing": "Ожидается дата и время в формате ISO 8601.",
    "list_type": "Ожидается список.",
    "dict_type": "Ожидается объект.",
    "model_type": "Ожидается объект.",
    "enum": "Недопустимое значение.",
    "literal_error": "Недопустимое значение.",
    "greater_than_equal": "Значение слишком мало.",
    "less_than_equal": "Значение слишком велико.",
    "json_invalid": "Тело запроса — не корректный JSON.",
    "extra_forbidden": "Неизвестное поле.",
}

LOCATIONS = {"body", "query", "path", "form", "header", "cookie", "payload"}


def _field_name(loc):
    parts = [str(p) for p in loc if str(p) not in LOCATIONS]
    return ".".join(parts) or "__all__"


def from_pydantic(errors):
    result = {}
    for error in errors:
        name = _field_name(error.get("loc", ()))
        message = PYDANTIC_MESSAGES.get(error.get("type"), "Недопустимое значение.")
        if error.get("type") == "enum" and error.get("ctx", {}).get("expected"):
            message = f"Недопустимое значение; допустимы: {error['ctx']['expected']}."
        result.setdefault(name, []).append(message)
    return result


# Model fields that the API names by their id.
API_FIELD_NAMES = {
    "parent": "parent_id",
    "territory": "territory_id",
    "organization": "organization_id",
    "served_territories": "served_territory_ids",  # directory.services.organization_save
    "user": "user_id",
    "helper_type": "provider_type",  # helprequests.services say helper_*; the published API, provider_*
    "helper_id": "provider_id",
}


def from_django(exc: DjangoValidationError):
    if hasattr(exc, "error_dict"):
        return {
            API_FIELD_NAMES.get(field, field): [m for e in errs for m in e.messages]
            for field, errs in exc.error_dict.items()
        }
    return {"__all__": exc.messages}


def body(errors, detail=None):
    if detail is None:
        fields = ", ".join(f for f in errors if f != "__all__")
        detail = f"Проверьте поля: {fields}." if fields else "Запрос содержит ошибки."
    return {"detail": detail, "errors": errors}
