"""Open Referral HSDS 3.0 data package: the public directory as CSV tables in a zip with datapackage.json.

Zabota's own fields travel as `x_zabota_*` extension columns so a round trip loses nothing.
"""

import csv
import io
import json
import uuid
import zipfile

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts import access
from catalog.models import ServiceCategory
from core.uploads import TooLarge, check_rows, check_zip
from core.xlsx import csv_cell
from directory.models import Organization, OrganizationService
from territories.models import Territory

NAMESPACE = uuid.UUID("6f1d2f8e-9a0c-4b8e-8d2a-2a7c3c1b5e11")

TABLES = {
    "organizations": [
        "id",
        "name",
        "description",
        "email",
        "website",
        "x_zabota_kind",
        "x_zabota_care_level",
        "x_zabota_capacity",
        "x_zabota_territory",
        "x_zabota_opening_hours",
        "x_zabota_is_public",
    ],
    "locations": ["id", "organization_id", "location_type", "name", "latitude", "longitude"],
    "addresses": ["id", "location_id", "address_1", "city", "region", "country", "address_type"],
    "phones": ["id", "organization_id", "number", "type"],
    "services": ["id", "organization_id", "name", "status", "description", "x_zabota_is_free"],
    "service_at_locations": ["id", "service_id", "location_id"],
    "schedules": ["id", "service_id", "location_id", "description"],
    "service_areas": ["id", "service_id", "name", "description"],
    "taxonomy_terms": ["id", "code", "name", "parent_id", "taxonomy"],
    "attributes": ["id", "link_id", "link_type", "link_entity", "taxonomy_term_id"],
}


class HsdsError(Exception):
    pass


def _id(*parts):
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def territory_path_name(territory):
    return " › ".join(t.name for t in territory.ancestors()) + (" › " if territory.parent_id else "") + territory.name


def export_package(organizations):
    tables = {name: [] for name in TABLES}
    cats = ServiceCategory.objects.select_related("parent")
    for c in cats:
        tables["taxonomy_terms"].append(
            {
                "id": _id("term", c.code),
                "code": c.code,
                "name": c.name,
                "parent_id": _id("term", c.parent.code) if c.parent_id else "",
                "taxonomy": "zabota",
            }
        )
    organizations = organizations.select_related("territory").prefetch_related(
        "services__category", "served_territories"
    )
    for org in organizations:
        oid, lid = _id("org", org.pk), _id("loc", org.pk)
        tables["organizations"].append(
            {
                "id": oid,
                "name": org.name,
                "description": org.description,
                "email": org.email,
                "website": org.website,
                "x_zabota_kind": org.kind,
                "x_zabota_care_level": org.care_level,
                "x_zabota_capacity": org.capacity,
                "x_zabota_territory": territory_path_name(org.territory),
                "x_zabota_opening_hours": org.opening_hours,
                "x_zabota_is_public": "true" if org.is_public else "false",
            }
        )
        tables["locations"].append(
            {
                "id": lid,
                "organization_id": oid,
                "location_type": "physical",
                "name": org.name,
                "latitude": "" if org.lat is None else org.lat,
                "longitude": "" if org.lon is None else org.lon,
            }
        )
        if org.address:
            tables["addresses"].append(
                {
                    "id": _id("addr", org.pk),
                    "location_id": lid,
                    "address_1": org.address,
                    "city": org.territory.name,
                    "region": "",
                    "country": "RU",
                    "address_type": "physical",
                }
            )
        if org.phone:
            tables["phones"].append(
                {"id": _id("phone", org.pk), "organization_id": oid, "number": org.phone, "type": "voice"}
            )
        served = list(org.served_territories.all()) or [org.territory]
        for service in org.services.all():
            sid = _id("svc", org.pk, service.category.code)
            tables["services"].append(
                {
                    "id": sid,
                    "organization_id": oid,
                    "name": service.category.name,
                    "status": "active",
                    "description": service.who_may_apply,
                    "x_zabota_is_free": "true" if service.is_free else "false",
                }
            )
            tables["service_at_locations"].append({"id": _id("sal", sid), "service_id": sid, "location_id": lid})
            if service.schedule:
                tables["schedules"].append(
                    {"id": _id("sch", sid), "service_id": sid, "location_id": lid, "description": service.schedule}
                )
            for t in served:
                tables["service_areas"].append(
                    {
                        "id": _id("area", sid, t.pk),
                        "service_id": sid,
                        "name": t.name,
                        "description": territory_path_name(t),
                    }
                )
            tables["attributes"].append(
                {
                    "id": _id("attr", sid),
                    "link_id": sid,
                    "link_type": "service",
                    "link_entity": "service",
                    "taxonomy_term_id": _id("term", service.category.code),
                }
            )
    return _zip(tables)


def _zip(tables):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        resources = []
        for name, columns in TABLES.items():
            text = io.StringIO()
            writer = csv.DictWriter(text, fieldnames=columns)
            writer.writeheader()
            writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in tables[name])
            archive.writestr(f"{name}.csv", text.getvalue())
            resources.append(
                {
                    "name": name,
                    "path": f"{name}.csv",
                    "profile": "tabular-data-resource",
                    "schema": {"fields": [{"name": c, "type": "string"} for c in columns]},
                }
            )
        package = {
            "name": "zabota-directory",
            "title": "Справочник помощи старшим (HSDS 3.0)",
            "profile": "tabular-data-package",
            "created": timezone.now().isoformat(),
            "resources": resources,
        }
        archive.writestr("datapackage.json", json.dumps(package, ensure_ascii=False, indent=2))
    return buffer.getvalue()


def read_package(data):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise HsdsError("Файл не является zip-архивом пакета данных HSDS.") from exc
    names = set(archive.namelist())
    if "organizations.csv" not in names:
        raise HsdsError("В архиве нет organizations.csv — это не пакет HSDS.")
    try:
        check_zip(data, "Пакет HSDS")
        tables = {}
        for name in TABLES:
            if f"{name}.csv" in names:
                rows = []
                for row in csv.DictReader(io.StringIO(archive.read(f"{name}.csv").decode("utf-8-sig"))):
                    rows.append(row)
                    check_rows(len(rows))
                tables[name] = rows
    except TooLarge as exc:
        raise HsdsError(str(exc)) from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise HsdsError(f"Пакет не читается: {exc}") from exc
    return tables


def _territory_index(user):
    """Territories the importing user may write to: a package cannot add organizations elsewhere."""
    index = {}
    for t in access.scoped(user, Territory.objects.all(), "id"):
        index[territory_path_name(t)] = t
        index.setdefault(t.name, t)
    return index


@transaction.atomic
def import_package(data, *, user, verified_by=None):
    """Adds organizations not yet in the directory (same name and territory); returns (created, skipped)."""
    tables = read_package(data)
    territories = _territory_index(user)
    terms = {t["id"]: t["code"] for t in tables.get("taxonomy_terms", [])}
    categories = {c.code: c for c in ServiceCategory.objects.all()}
    by_org = lambda table: _group(tables.get(table, []), "organization_id")  # noqa: E731
    locations, phones, services = by_org("locations"), by_org("phones"), by_org("services")
    addresses = {a["location_id"]: a for a in tables.get("addresses", [])}
    areas = _group(tables.get("service_areas", []), "service_id")
    schedules = {s["service_id"]: s for s in tables.get("schedules", [])}
    attributes = _group(tables.get("attributes", []), "link_id")
    errors, created, skipped = [], 0, 0
    now = timezone.now()
    for number, row in enumerate(tables["organizations"], start=2):
        territory = territories.get(row.get("x_zabota_territory", "")) or territories.get(
            (row.get("x_zabota_territory", "").split(" › ") or [""])[-1]
        )
        location = (locations.get(row["id"]) or [{}])[0]
        if territory is None:
            errors.append(
                f"organizations.csv, строка {number}: территория «{row.get('x_zabota_territory')}» не найдена"
                " или вне вашей зоны."
            )
            continue
        if Organization.objects.filter(name=row["name"], territory=territory).exists():
            skipped += 1
            continue
        kind = (
            row.get("x_zabota_kind") if row.get("x_zabota_kind") in Organization.Kind.values else Organization.Kind.NGO
        )
        org = Organization(
            name=row["name"],
            kind=kind,
            care_level=row.get("x_zabota_care_level", ""),
            description=row.get("description", ""),
            email=row.get("email", ""),
            website=row.get("website", ""),
            territory=territory,
            capacity=_int(row.get("x_zabota_capacity"), 10),
            lat=_float(location.get("latitude")),
            lon=_float(location.get("longitude")),
            address=addresses.get(location.get("id"), {}).get("address_1", ""),
            phone=(phones.get(row["id"]) or [{}])[0].get("number", ""),
            opening_hours=row.get("x_zabota_opening_hours", ""),
            is_public=row.get("x_zabota_is_public", "true") != "false",
            verified_at=now if verified_by else None,
            verified_by=verified_by,
            last_confirmed_at=now,
        )
        try:  # the same field checks as the form: a `javascript:` site or a 400-character phone is refused
            org.full_clean(exclude=["served_territories"])
        except ValidationError as exc:
            errors.extend(_row_errors(number, org, exc))
            continue
        org.save()
        served = set()
        for service in services.get(row["id"], []):
            code = next((terms.get(a["taxonomy_term_id"]) for a in attributes.get(service["id"], [])), None)
            category = categories.get(code)
            if category is None:
                errors.append(f"services.csv: услуга «{service['name']}» не сопоставлена с каталогом.")
                continue
            schedule = schedules.get(service["id"], {}).get("description", "")
            OrganizationService.objects.get_or_create(
                organization=org,
                category=category,
                defaults={
                    "is_free": service.get("x_zabota_is_free", "true") != "false",
                    "who_may_apply": service.get("description", ""),
                    "schedule": schedule,
                },
            )
            for area in areas.get(service["id"], []):
                t = territories.get(area.get("description", "")) or territories.get(area.get("name", ""))
                if t is not None:
                    served.add(t)
        listed = [territories.get(name) for name in row.get("x_zabota_served_territories", "").split(" | ") if name]
        if any(t is None for t in listed):
            errors.append(
                f"organizations.csv, строка {number}: обслуживаемая территория не найдена или вне вашей зоны."
            )
        elif listed:
            served = set(listed)
        org.served_territories.set(served)  # none: it serves its own territory (see search.providers)
        created += 1
    if errors:
        transaction.set_rollback(True)
        raise HsdsError("Пакет не импортирован: " + "; ".join(errors[:20]))
    return created, skipped


def _group(rows, key):
    grouped = {}
    for row in rows:
        grouped.setdefault(row.get(key, ""), []).append(row)
    return grouped


def _row_errors(number, org, exc):
    return [
        f"organizations.csv, строка {number}: {_label(org, field)} — {' '.join(messages)}"
        for field, messages in exc.message_dict.items()
    ]


def _label(org, field):
    try:
        return f"«{org._meta.get_field(field).verbose_name}»"
    except FieldDoesNotExist:  # a non-field error («__all__») has no label
        return "запись"


def _int(value, default):
    try:
        return int(value) if value not in (None, "") else default
    except ValueError:
        return -1  # refused by full_clean with the field named


def _float(value):
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None
