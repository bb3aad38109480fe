"""Reads of the residents' site: only what is public (the catalog of help and the organizations shown to
residents). Anonymous visitors have no scope, so nothing here reads personal data."""

from catalog.models import ServiceCategory
from directory.models import Organization


def need_groups():
    """The catalog's groups of help with their kinds (the home page's buttons)."""
    return ServiceCategory.objects.filter(parent__isnull=True).prefetch_related("children")


def need_choices():
    """Kinds of help a resident may tick in a public form."""
    return ServiceCategory.objects.filter(parent__isnull=False).order_by("parent__position", "position")


def need_name(code):
    return ServiceCategory.objects.filter(code=code).values_list("name", flat=True).first() or ""


def need_names():
    """Code → name of every kind of help."""
    return dict(ServiceCategory.objects.values_list("code", "name"))


def need_ids(codes):
    """Ids of the kinds of help named by these codes (groups are not kinds)."""
    return list(ServiceCategory.objects.filter(code__in=codes, parent__isnull=False).values_list("pk", flat=True))


def organizations_found(ids):
    """The organizations a public search found (by id), for their cards on the results page."""
    return Organization.objects.in_bulk(ids)


def public_organizations():
    """Organizations shown to residents, with their territory and services (an organization's page)."""
    return Organization.objects.publicly_listed().select_related("territory").prefetch_related("services__category")
