"""Reads of the help catalog. The catalog is public reference data (the public search shows it), so these
take no user: what may be done with a category is decided where it is used."""

from catalog.models import ServiceCategory


def categories_by_codes(codes, field, errors):
    """The catalog's services with these codes, in the order given; unknown codes are an error by the field."""
    found = {c.code: c for c in ServiceCategory.objects.filter(code__in=codes, parent__isnull=False)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        errors.add(field, "Нет в каталоге: " + ", ".join(unknown) + ".")
    return [found[c] for c in dict.fromkeys(codes) if c in found]


def catalog_tree():
    """The top categories with their children, for the catalog page."""
    return ServiceCategory.objects.filter(parent__isnull=True).prefetch_related("children")


def catalog_all():
    return ServiceCategory.objects.select_related("parent")


def services_offered():
    """The categories one can offer or ask for (the children; the tops only group them)."""
    return ServiceCategory.objects.filter(parent__isnull=False)


def category_exists(code):
    return ServiceCategory.objects.filter(code=code).exists()
