"""Reading HSDS 3.0 packages from any publisher and planning what an import would do.

A package is our own export (CSV zip with `x_zabota_*` columns), another publisher's CSV zip, or HSDS 3.0
JSON (organizations with nested services, locations and addresses). `parse` turns any of them into plain
records; `plan` decides row by row — pure, over plain data — what would be created, updated or skipped and why.
"""

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from core.uploads import TooLarge, check_rows, check_zip
from territories.matching import best_matches, normalize

ZABOTA = "zabota"  # our own vocabulary: its codes are the catalog's codes
NAME_VOCABULARY = ""  # a service without taxonomy terms is mapped by its name
TABLE_ALIASES = {
    "organizations": ["organizations", "organization"],
    "locations": ["locations", "location"],
    "addresses": ["addresses", "physical_addresses", "address", "physical_address"],
    "phones": ["phones", "phone"],
    "services": ["services", "service"],
    "service_at_locations": ["service_at_locations", "service_at_location"],
    "schedules": ["schedules", "schedule"],
    "service_areas": ["service_areas", "service_area"],
    "taxonomy_terms": ["taxonomy_terms", "taxonomy_term"],
    "attributes": ["attributes", "service_attributes", "attribute", "service_attribute"],
}


class HsdsError(Exception):
    pass


@dataclass
class Row:
    """One organization of the package and what the import does with it."""

    number: int
    source: str
    name: str
    action: str = "create"  # create | update | skip
    reasons: list = field(default_factory=list)
    territory_id: int | None = None
    territory_label: str = ""
    fields: dict = field(default_factory=dict)  # Organization fields (without territory)
    services: list = field(default_factory=list)  # [{code, is_free, who_may_apply, schedule}]
    served_ids: list = field(default_factory=list)
    existing_id: int | None = None
    unmapped: list = field(default_factory=list)  # term keys still waiting for the coordinator
    notes: list = field(default_factory=list)  # what is left out of a row that is still imported

    @property
    def codes(self):
        return [s["code"] for s in self.services]

    def skip(self, reason):
        self.action = "skip"
        self.reasons.append(reason)


# --- reading ---------------------------------------------------------------------------------------


def parse(data):
    """bytes of a zip (CSV tables) or a JSON document → [record]. Raises HsdsError in Russian."""
    if data[:2] == b"PK":
        return _records_from_tables(_read_tables(data))
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise HsdsError("Файл не является пакетом HSDS: нужен zip-архив с таблицами CSV или файл JSON.") from exc
    return _records_from_json(document)


def _read_tables(data):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise HsdsError("Файл не является zip-архивом пакета данных HSDS.") from exc
    files = {name.rsplit("/", 1)[-1].lower(): name for name in archive.namelist()}
    if not any(f"{alias}.csv" in files for alias in TABLE_ALIASES["organizations"]):
        raise HsdsError("В архиве нет organizations.csv — это не пакет HSDS.")
    tables, total = {}, 0
    try:
        check_zip(data, "Пакет HSDS")
        for table, aliases in TABLE_ALIASES.items():
            name = next((files[f"{a}.csv"] for a in aliases if f"{a}.csv" in files), None)
            if name is None:
                continue
            rows = []
            for row in csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))):
                rows.append({(k or "").strip(): (v or "").strip() for k, v in row.items()})
                total += 1
                check_rows(total)
            tables[table] = rows
    except TooLarge as exc:
        raise HsdsError(str(exc)) from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise HsdsError(f"Пакет не читается: {exc}") from exc
    return tables


def _group(rows, *keys):
    grouped = {}
    for row in rows:
        key = next((row[k] for k in keys if row.get(k)), "")
        grouped.setdefault(key, []).append(row)
    return grouped


def _term(raw):
    """(vocabulary, code, name) from a taxonomy term in either spelling."""
    if not isinstance(raw, dict):
        return None
    detail = raw.get("taxonomy_detail") if isinstance(raw.get("taxonomy_detail"), dict) else {}
    vocabulary = str(raw.get("vocabulary") or raw.get("taxonomy") or detail.get("name") or "").strip()
    code = str(raw.get("code") or raw.get("term_code") or raw.get("id") or "").strip()
    name = str(raw.get("name") or raw.get("term") or code).strip()
    return (vocabulary[:100], code[:200], name[:300]) if code or name else None


def _address(raw, location):
    return {
        "address_1": str(raw.get("address_1") or "").strip(),
        "locality": str(raw.get("locality") or raw.get("city") or "").strip(),
        "region": str(raw.get("region") or raw.get("state_province") or "").strip(),
        "postal_code": str(raw.get("postal_code") or "").strip(),
        "latitude": location.get("latitude"),
        "longitude": location.get("longitude"),
        "physical": str(raw.get("address_type") or "physical").lower() in ("physical", ""),
    }


def _records_from_tables(tables):
    terms = {t.get("id", ""): _term(t) for t in tables.get("taxonomy_terms", [])}
    locations = _group(tables.get("locations", []), "organization_id")
    addresses = _group(tables.get("addresses", []), "location_id")
    phones = _group(tables.get("phones", []), "organization_id")
    services = _group(tables.get("services", []), "organization_id")
    schedules = _group(tables.get("schedules", []), "service_id")
    areas = _group(tables.get("service_areas", []), "service_id")
    attributes = _group(tables.get("attributes", []), "link_id", "service_id")
    records = []
    for number, row in enumerate(tables["organizations"], start=2):
        record = {
            "number": number,
            "source": f"organizations.csv, строка {number}",
            "name": row.get("name", ""),
            "description": row.get("description", ""),
            "email": row.get("email", ""),
            "website": row.get("website") or row.get("url", ""),
            "phone": next((p.get("number", "") for p in phones.get(row.get("id", ""), [])), ""),
            "addresses": [],
            "services": [],
            "zabota": None,
        }
        if "x_zabota_territory" in row:
            record["zabota"] = {
                "kind": row.get("x_zabota_kind", ""),
                "care_level": row.get("x_zabota_care_level", ""),
                "capacity": row.get("x_zabota_capacity", ""),
                "territory": row.get("x_zabota_territory", ""),
                "opening_hours": row.get("x_zabota_opening_hours", ""),
                "is_public": row.get("x_zabota_is_public", "true"),
                "served": [n for n in row.get("x_zabota_served_territories", "").split(" | ") if n],
            }
        for location in locations.get(row.get("id", ""), []):
            found = addresses.get(location.get("id", ""), [])
            for address in found or [{}]:
                record["addresses"].append(_address(address, location))
        for service in services.get(row.get("id", ""), []):
            sid = service.get("id", "")
            record["services"].append(
                {
                    "name": service.get("name", ""),
                    "description": service.get("description", ""),
                    "is_free": service.get("x_zabota_is_free", "true") != "false",
                    "schedule": next((s.get("description", "") for s in schedules.get(sid, [])), ""),
                    "terms": [
                        terms[a["taxonomy_term_id"]]
                        for a in attributes.get(sid, [])
                        if terms.get(a.get("taxonomy_term_id"))
                    ],
                    "areas": [(a.get("description", ""), a.get("name", "")) for a in areas.get(sid, [])],
                }
            )
        records.append(record)
    return records


def _list(value):
    if isinstance(value, dict):
        return [value]
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _records_from_json(document):
    if isinstance(document, dict):
        organizations = document.get("organizations") or document.get("contents") or document.get("items")
        if organizations is None and document.get("name"):
            organizations = [document]
    else:
        organizations = document
    organizations = _list(organizations)
    if not organizations:
        raise HsdsError("В файле JSON нет организаций (ожидается список organizations по HSDS 3.0).")
    try:
        check_rows(len(organizations))
    except TooLarge as exc:
        raise HsdsError(str(exc)) from exc
    records = []
    for number, org in enumerate(organizations, start=1):
        phones = _list(org.get("phones"))
        record = {
            "number": number,
            "source": f"организация №{number} в JSON",
            "name": str(org.get("name") or "").strip(),
            "description": str(org.get("description") or "").strip(),
            "email": str(org.get("email") or "").strip(),
            "website": str(org.get("website") or org.get("url") or "").strip(),
            "phone": str(phones[0].get("number") or "").strip() if phones else "",
            "addresses": [],
            "services": [],
            "zabota": None,
        }
        for location in _list(org.get("locations")):
            found = []
            for key in ("addresses", "physical_addresses", "physical_address", "address"):
                found += _list(location.get(key))
            for address in found or [{}]:
                record["addresses"].append(_address(address, location))
            if not record["phone"] and _list(location.get("phones")):
                record["phone"] = str(_list(location.get("phones"))[0].get("number") or "").strip()
        for service in _list(org.get("services")):
            terms = []
            for key in ("attributes", "service_attributes"):
                for attribute in _list(service.get(key)):
                    terms.append(_term(attribute.get("taxonomy_term") or attribute))
            for raw in _list(service.get("taxonomy_terms")):
                terms.append(_term(raw))
            schedules = _list(service.get("schedules"))
            record["services"].append(
                {
                    "name": str(service.get("name") or "").strip(),
                    "description": str(service.get("description") or "").strip(),
                    "is_free": True,
                    "schedule": str(schedules[0].get("description") or "").strip() if schedules else "",
                    "terms": [t for t in terms if t],
                    "areas": [],
                }
            )
        records.append(record)
    return records


def service_terms(service):
    """The terms a service is mapped through; a service without terms is mapped by its name."""
    if service["terms"]:
        return service["terms"]
    name = service["name"].strip()
    return [(NAME_VOCABULARY, normalize(name)[:200], name[:300])] if name else []


def package_terms(records):
    """Distinct terms of the package, in the order they appear: [(vocabulary, code, name)]."""
    seen = {}
    for record in records:
        for service in record["services"]:
            for vocabulary, code, name in service_terms(service):
                seen.setdefault((vocabulary, code), (vocabulary, code, name))
    return list(seen.values())


def suggest(term, categories):
    """A catalog code for a term by its code or by a similar name; categories: [(code, name, plain_name)]."""
    vocabulary, code, name = term
    codes = {c for c, _, _ in categories}
    if code in codes:
        return code
    candidates = [((c, "name"), n) for c, n, _ in categories] + [((c, "plain"), p) for c, _, p in categories if p]
    found = best_matches(name, candidates, limit=1, cutoff=85)
    return found[0][0] if found else None


# --- territory ---------------------------------------------------------------------------------------


@dataclass
class Place:
    """A territory as plain data: the resolver never touches the database."""

    id: int
    name: str
    ancestor_ids: tuple  # from the region down to this one, itself included
    label: str  # «Тестовая область › Район А › Посёлок А1»


def _trigrams(text):
    return {text[i : i + 3] for i in range(max(1, len(text) - 2))}


class Gazetteer:
    """Places with their names normalized once: a package of thousands of rows matches each distinct
    locality against the tree once, the way `territories.matching.best_matches` does (exact, prefix, fuzzy)."""

    def __init__(self, places):
        self.places = list(places)
        self.by_id = {p.id: p for p in self.places}
        self.names = {p.id: normalize(p.name) for p in self.places}
        self.by_name = {}
        for p in self.places:
            self.by_name.setdefault(self.names[p.id], []).append(p)
        self._cache = {}
        self.grams = {}
        for key, name in self.names.items():
            for gram in _trigrams(name):
                self.grams.setdefault(gram, set()).add(key)

    def _sharing_trigrams(self, q):
        """Names that can match a part of `q` at 85 or more share at least a third of its trigrams."""
        counts = {}
        for gram in _trigrams(q):
            for key in self.grams.get(gram, ()):
                counts[key] = counts.get(key, 0) + 1
        need = max(1, len(_trigrams(q)) // 3)
        return {key: self.names[key] for key, n in counts.items() if n >= need}

    def find(self, text, cutoff=85, limit=10):
        q = normalize(text)
        if q not in self._cache:
            found = list(self.by_name.get(q, []))
            if not found:
                keys = [k for k, n in self.names.items() if n.startswith(q)]
                if len(q) >= 3:  # the public search's score (`matching._similarity`), each part in C
                    scores = {}
                    scorers = [fuzz.ratio] + ([fuzz.partial_ratio] if len(q) >= 5 else [])
                    for scorer in scorers:  # the slower part-of-name match only when the whole name found none
                        choices = self.names if scorer is fuzz.ratio else self._sharing_trigrams(q)
                        for _, score, key in process.extract(
                            q, choices, scorer=scorer, limit=limit, score_cutoff=cutoff
                        ):
                            scores[key] = max(score, scores.get(key, 0))
                        if scores:
                            break
                    for key in sorted(scores, key=lambda k: -scores[k]):
                        if key not in keys:
                            keys.append(key)
                found = [self.by_id[k] for k in keys[:limit]]
            self._cache[q] = found
        return self._cache[q]


def resolve_territory(locality, region, places):
    """(place, None) or (None, reason): locality fuzzy-matched like the public search, the region disambiguates."""
    gazetteer = places if isinstance(places, Gazetteer) else Gazetteer(places)
    if not normalize(locality):
        return None, "не указан населённый пункт (адрес: city / locality)"
    pool = gazetteer.find(locality)
    if not pool:
        return None, f"населённый пункт «{locality}» (адрес: city / locality) не найден среди территорий"
    if normalize(region):
        regions = {p.id for p in gazetteer.find(region)}
        if regions:
            inside = [p for p in pool if regions & set(p.ancestor_ids)]
            if not inside:
                return None, (
                    f"населённый пункт «{locality}» не найден в регионе «{region}» (адрес: region / state_province)"
                )
            pool = inside
    if len(pool) > 1:  # all on one line (a settlement inside a district of the same name): the finest one
        deepest = max(pool, key=lambda p: len(p.ancestor_ids))
        if all(p.id in deepest.ancestor_ids for p in pool):
            pool = [deepest]
    if len(pool) > 1:
        labels = "; ".join(p.label for p in pool[:4])
        return None, f"«{locality}» подходит к нескольким территориям ({labels}) — укажите регион в адресе"
    return pool[0], None


# --- planning ----------------------------------------------------------------------------------------


def _clean_float(value):
    try:
        return float(str(value).replace(",", ".")) if value not in (None, "") else None
    except ValueError:
        return None


def _clean_int(value, default):
    try:
        return int(value) if value not in (None, "") else default
    except (TypeError, ValueError):
        return -1  # refused by full_clean with the field named


def plan(records, *, places, scope_ids, mapping, existing, kinds, normalize_phone):
    """What an import of `records` would do, row by row. All arguments are plain data:
    places: [Place]; scope_ids: ids the importer may write to; mapping: {(vocabulary, code): code or None}
    (None: «не переносить»); existing: {(name, territory_id): (organization id, {codes})}; kinds: valid kinds;
    normalize_phone: text → E.164, raising ValueError on a number it does not recognise."""
    gazetteer = Gazetteer(places)
    by_label = {p.label: p for p in places}
    by_name = {}
    for p in places:
        by_name.setdefault(p.name, p)
    rows, seen = [], {}
    for record in records:
        row = Row(number=record["number"], source=record["source"], name=record["name"][:300])
        rows.append(row)
        if not row.name:
            row.skip("нет названия организации (поле name)")
            continue
        zabota = record["zabota"]
        address = next((a for a in record["addresses"] if a["physical"] and a["locality"]), None) or next(
            iter(record["addresses"]), None
        )
        if zabota is not None and zabota["territory"]:
            place = by_label.get(zabota["territory"]) or by_name.get(zabota["territory"].split(" › ")[-1])
            reason = None if place else f"территория «{zabota['territory']}» (x_zabota_territory) не найдена"
        elif address is not None:
            place, reason = resolve_territory(address["locality"], address["region"], gazetteer)
        else:
            place, reason = None, "нет адреса (locations → physical_addresses): территорию не определить"
        if place is None:
            row.skip(reason)
        else:
            row.territory_id, row.territory_label = place.id, place.label
            if place.id not in scope_ids:
                row.skip(f"территория «{place.label}» вне вашей зоны ответственности")
        # services → catalog codes through the mapping
        services = {}
        for service in record["services"]:
            for vocabulary, code, _name in service_terms(service):
                key = (vocabulary, code)
                if key not in mapping:
                    if key not in row.unmapped:
                        row.unmapped.append(key)
                    continue
                category = mapping[key]
                if category and category not in services:
                    services[category] = {
                        "code": category,
                        "is_free": service["is_free"],
                        "who_may_apply": service["description"],
                        "schedule": service["schedule"],
                    }
        row.services = list(services.values())
        if row.action == "skip":
            continue
        key = (row.name, row.territory_id)
        if key in seen:
            row.skip(f"повторяет {seen[key]} этого пакета (то же название и территория)")
            continue
        seen[key] = row.source
        if key in existing:
            row.existing_id, codes = existing[key]
            new = [s for s in row.services if s["code"] not in codes]
            if new:
                row.action, row.services = "update", new
            else:
                row.skip("уже есть в справочнике (то же название и территория), новых услуг нет")
            continue
        location = address or {}
        phone = record["phone"]
        try:
            phone = normalize_phone(phone)
        except ValueError:
            row.notes.append(f"телефон «{phone[:40]}» не распознан — не перенесён")
            phone = ""
        row.fields = {
            "name": row.name,
            "kind": (zabota or {}).get("kind") if (zabota or {}).get("kind") in kinds else "ngo",
            "care_level": (zabota or {}).get("care_level", ""),
            "description": record["description"],
            "email": record["email"],
            "website": record["website"],
            "capacity": _clean_int((zabota or {}).get("capacity"), 10),
            "lat": _clean_float(location.get("latitude")),
            "lon": _clean_float(location.get("longitude")),
            "address": (location.get("address_1") or "")[:300],
            "phone": phone,
            "opening_hours": (zabota or {}).get("opening_hours", ""),
            "is_public": (zabota or {}).get("is_public", "true") != "false",
        }
        if zabota is None:
            row.notes.append("вид организации в пакете не указан — записана как НКО, уточните в карточке")
        if zabota is not None:
            served = set()
            for service in record["services"]:
                for label, name in service["areas"]:
                    place = by_label.get(label) or by_name.get(name)
                    if place is not None and place.id in scope_ids:
                        served.add(place.id)
            listed = [by_label.get(n) or by_name.get(n) for n in zabota["served"]]
            if any(p is None or p.id not in scope_ids for p in listed):
                row.skip("обслуживаемая территория (x_zabota_served_territories) не найдена или вне вашей зоны")
                continue
            row.served_ids = sorted({p.id for p in listed} if listed else served)
    return rows


def counts(rows):
    result = {"create": 0, "update": 0, "skip": 0}
    for row in rows:
        result[row.action] += 1
    return result
