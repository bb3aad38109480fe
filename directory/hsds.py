"""Open Referral HSDS 3.0 data package: the public directory as CSV tables in a zip with datapackage.json.

Zabota's own fields travel as `x_zabota_*` extension columns so a round trip loses nothing.
"""

import csv
import io
import json
import uuid
import zipfile

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils import timezone

from catalog.selectors import catalog_all
from core.phones import normalize_phone
from core.xlsx import csv_cell
from directory import selectors
from directory.hsds_import import HsdsError, Place, parse, plan
from directory.models import Organization
from territories.selectors import territory_rows

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


__all__ = ["HsdsError", "export_package", "import_package", "preview"]


def _id(*parts):
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def territory_path_name(territory):
    return " › ".join(t.name for t in territory.ancestors()) + (" › " if territory.parent_id else "") + territory.name


def export_package(organizations):
    tables = {name: [] for name in TABLES}
    for c in catalog_all():
        tables["taxonomy_terms"].append(
            {
                "id": _id("term", c.code),
                "code": c.code,
                "name": c.name,
                "parent_id": _id("term", c.parent.code) if c.parent_id else "",
                "taxonomy": "zabota",
            }
        )
    for org in selectors.organizations_for_package(organizations):
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


def places():
    """Every territory as plain data for the resolver: names along the path, ancestors by id."""
    rows = territory_rows()
    names = {tid: name for tid, name, _ in rows}
    result = []
    for tid, name, path in rows:
        ids = tuple(int(part) for part in path.strip("/").split("/") if part) or (tid,)
        result.append(Place(tid, name, ids, " › ".join(names.get(i, "?") for i in ids)))
    return result


remembered_mapping = selectors.remembered_mapping


def _phone(text):
    try:
        return normalize_phone(text)
    except ValidationError as exc:
        raise ValueError(exc.messages[0]) from exc


def preview(data, *, user):
    """(records, rows): what importing the package as `user` would do — nothing is written."""
    records = parse(data)
    scope_ids = selectors.territory_ids_in_scope(user)
    existing = selectors.existing_by_name({r["name"][:300] for r in records})
    rows = plan(
        records,
        places=places(),
        scope_ids=scope_ids,
        mapping=remembered_mapping(),
        existing=existing,
        kinds=set(Organization.Kind.values),
        normalize_phone=_phone,
    )
    for row in rows:
        if row.action == "create":  # the same field checks as the form: a `javascript:` site is refused
            org = Organization(territory_id=row.territory_id, **row.fields)
            try:
                org.full_clean(exclude=["served_territories", "territory"])
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    row.skip(f"{_label(org, name)} — {' '.join(messages)}")
    return records, rows


def import_package(data, *, user, verified_by=None):
    """All or nothing, without the preview (the round trip of our own export, scripts, tests): any row that
    would be skipped for a reason other than «already there», or any unmapped term, refuses the package."""
    from directory.services import hsds_import

    _, rows = preview(data, user=user)
    problems = [
        f"{row.source}: {'; '.join(row.reasons)}"
        for row in rows
        if row.action == "skip" and not row.reasons[0].startswith("уже есть")
    ]
    problems += [
        f"{row.source}: услуга с термином «{code}» ({vocabulary or 'название услуги'}) не сопоставлена с каталогом"
        for row in rows
        if row.action != "skip"
        for vocabulary, code in row.unmapped
    ]
    if problems:
        raise HsdsError("Пакет не импортирован: " + "; ".join(problems[:20]))
    result = hsds_import(rows=rows, actor=user, verified=verified_by is not None)
    return result["create"], result["skip"]


def _label(org, field):
    try:
        return f"«{org._meta.get_field(field).verbose_name}»"
    except FieldDoesNotExist:  # a non-field error («__all__») has no label
        return "запись"
