"""Coverage gaps («узкие места»): pure functions over plain rows, no database inside.

A demand row: {"territory_id", "territory_path", "lat", "lon", "code", "need", "source": "request" | "family",
"person": id, "wait_hours": float | None, "waiting": bool} — one per need of a request received in the period
or of a family marked «Требуется опека».
A helper: {"codes": set of need codes, "paths": served territory paths, "lat", "lon", "reach_km": km or None}
— verified organizations and active volunteers.
"""

from core.geo import covers, distance_km
from stats.figures import SMALL, mask, percentile

GAP_COLUMNS = ("requests", "people", "families", "waiting_now")


def offers(helper, code, path, lat, lon):
    """The helper offers the need there: by a served territory, or a volunteer within reach of the place."""
    if code not in helper["codes"]:
        return False
    if covers(helper["paths"], path):
        return True
    reach = helper.get("reach_km")
    distance = distance_km(lat, lon, helper.get("lat"), helper.get("lon"))
    return reach is not None and distance is not None and distance <= reach


def coverage(demand, helpers):
    """One line per territory × need with demand: counts, helpers offering it there, waiting hours.

    Gaps (no helper) first, then the longest median wait, then the most requests."""
    groups = {}
    for row in demand:
        groups.setdefault((row["territory_id"], row["code"]), []).append(row)
    lines = []
    for (territory_id, code), rows in groups.items():
        first = rows[0]
        requests = [r for r in rows if r["source"] == "request"]
        waits = [r["wait_hours"] for r in requests if r["wait_hours"] is not None]
        median = percentile(waits, 0.5)
        helpers_there = sum(
            1 for h in helpers if offers(h, code, first["territory_path"], first.get("lat"), first.get("lon"))
        )
        lines.append(
            {
                "territory_id": territory_id,
                "territory": first["territory"],
                "code": code,
                "need": first["need"],
                "requests": len(requests),
                "people": len({r["person"] for r in requests}),
                "families": len({r["person"] for r in rows if r["source"] == "family"}),
                "helpers": helpers_there,
                "gap": helpers_there == 0,
                "median_wait_hours": None if median is None else round(median, 1),
                "waiting_now": sum(1 for r in requests if r["waiting"]),
            }
        )
    lines.sort(
        key=lambda x: (
            not x["gap"],
            -(x["median_wait_hours"] if x["median_wait_hours"] is not None else -1),
            -x["requests"],
            x["territory"],
            x["need"],
        )
    )
    return lines


def by_territory(lines):
    """Per territory: the needs nobody offers and the longest median wait — for the map and its labels."""
    result = {}
    for line in lines:
        item = result.setdefault(
            line["territory_id"],
            {
                "territory_id": line["territory_id"],
                "territory": line["territory"],
                "gap_needs": [],
                "longest_wait": None,
            },
        )
        if line["gap"]:
            item["gap_needs"].append(line["need"])
        wait = line["median_wait_hours"]
        if wait is not None and (item["longest_wait"] is None or wait > item["longest_wait"]):
            item["longest_wait"] = wait
    return list(result.values())


def label(item):
    """The text shown beside the territory on the map: readable without colour."""
    if item["gap_needs"]:
        text = f"{item['territory']}: нет помощника — {', '.join(item['gap_needs'])}"
    else:
        text = f"{item['territory']}: помощники есть"
    if item["longest_wait"] is not None:
        text += f"; дольше всего ждут {item['longest_wait']:g} ч"
    return text


def masked(line):
    return {k: (mask(v) if k in GAP_COLUMNS else v) for k, v in line.items()}


__all__ = ["SMALL", "by_territory", "coverage", "label", "masked", "offers"]
