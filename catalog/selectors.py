"""Reads of the help catalog."""

from catalog.models import ServiceCategory


def categories_by_codes(codes, field, errors):
    """The catalog's services with these codes, in the order given; unknown codes are an error by the field."""
    found = {c.code: c for c in ServiceCategory.objects.filter(code__in=codes, parent__isnull=False)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        errors.add(field, "Нет в каталоге: " + ", ".join(unknown) + ".")
    return [found[c] for c in dict.fromkeys(codes) if c in found]
