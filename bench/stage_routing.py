"""Routing stage of `make bench` (#12): suggestions for one request among all helpers, and batch assignment.

(a) `suggestions(...)` — inside Django, on the generated database: server time of the request page's
    suggestions (`helprequests.services.suggestions_for`), median of 20, and its query count.
(b) `batch()` — plain data, no database: 5 000 requests × 20 000 helpers (seeded random points in a
    region of about 250 × 250 km, random services, capacities and loads): time, peak memory of the process,
    requests assigned and total distance against the greedy nearest-first loop. Run in a fresh process
    (`python -m bench.stage_routing --json`) so the peak memory is the batch's own.

Alone: `python -m bench.stage_routing` prints the batch figures and exits 1 when a target is missed;
`python -m bench.stage_routing --db` also measures (a) on the database of DATABASE_URL; `--db --tenfold` measures
only (a), with every volunteer copied nine times (with their skills) inside a transaction that is rolled back.
bench/load.py calls `measure()` in its Django child and adds `missed()` to its verdict and `section()` to
bench/RESULTS.md.
"""

import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SUGGEST_MS = 20
BATCH_S, BATCH_BYTES = 10, 2**30
CODES = ["groceries", "medicines", "firewood", "snow_clearing", "repairs", "home_care", "pet_care", "legal_aid"]


def region(n_needs=5000, n_helpers=20000, seed=12):
    """Synthetic plain data: 48 districts on a 6 × 8 grid, 12 settlements each; a fifth of the helpers are
    organizations serving one to three districts, the rest volunteers with a reach of 3–20 km."""
    from core.routing import ORGANIZATION, VOLUNTEER, Helper, Need

    rng = random.Random(seed)
    settlements = []
    for d in range(48):
        row, col = divmod(d, 8)
        for s in range(12):
            lat = 55.0 + row * 0.35 + rng.uniform(0, 0.35)
            lon = 36.0 + col * 0.5 + rng.uniform(0, 0.5)
            settlements.append((f"/1/{d + 2}/", f"/1/{d + 2}/{100 + d * 12 + s}/", lat, lon))
    districts = sorted({s[0] for s in settlements})

    def place():
        district, path, lat, lon = rng.choice(settlements)
        return district, path, lat + rng.uniform(-0.03, 0.03), lon + rng.uniform(-0.05, 0.05)

    needs = []
    for i in range(n_needs):
        _, path, lat, lon = place()
        if rng.random() < 0.01:
            lat = lon = None
        needs.append((i, Need(path, lat, lon, frozenset(rng.sample(CODES, rng.choice([1, 1, 1, 2]))))))
    helpers = []
    for j in range(n_helpers):
        district, path, lat, lon = place()
        codes = frozenset(rng.sample(CODES, rng.randint(2, 5)))
        if j % 5 == 0:
            served = tuple(sorted({district, *rng.sample(districts, rng.randint(0, 2))}))
            capacity = rng.randint(5, 50)
            helpers.append(
                Helper(ORGANIZATION, j, f"o{j}", lat, lon, served, codes, rng.randint(0, capacity), capacity)
            )
        else:
            capacity = rng.randint(1, 8)
            load = rng.randint(0, capacity)
            reach = rng.choice([3, 5, 10, 20])
            if rng.random() < 0.01:
                lat = lon = None
            helpers.append(Helper(VOLUNTEER, j, f"v{j}", lat, lon, (path,), codes, load, capacity, reach_km=reach))
    return needs, helpers


def suggestions(runs=20):
    """Inside Django, on the generated database: the request page's suggestions for open requests, server
    time median of `runs` (over different requests) and the query count of one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from helprequests.models import HelpRequest, Status
    from helprequests.services import suggestions_for

    requests = list(
        HelpRequest.objects.filter(status__in=[Status.NEW, Status.TRIAGE, Status.DECLINED])
        .select_related("beneficiary", "territory")
        .order_by("-received_at")[:runs]
    )
    times, cpu, queries, found = [], [], [], []
    if requests:
        suggestions_for(requests[0])  # warm: first-use caches of the ORM
    for request in requests:
        request = HelpRequest.objects.select_related("beneficiary", "territory").get(pk=request.pk)
        with CaptureQueriesContext(connection) as ctx:
            start, start_cpu = time.perf_counter(), time.process_time()
            found.append(len(suggestions_for(request)))
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        queries.append(len(ctx.captured_queries))
    return {
        "runs": len(times),
        "ms": statistics.median(times) if times else 0.0,
        "cpu_ms": statistics.median(cpu) if cpu else 0.0,
        "load": os.getloadavg()[0],
        "queries": max(queries, default=0),
        "suggested": statistics.median(found) if found else 0,
    }


def tenfold(measure_it, copies=9):
    """Run `measure_it()` with the volunteers (and their skills) copied `copies` times, then roll it all back:
    the 10× volunteers case of #12 without a second database. Copies keep their place, reach, load and skills."""
    from django.db import connection, transaction

    from volunteers.models import Volunteer

    table, skills = Volunteer._meta.db_table, Volunteer.skills.through._meta.db_table
    columns = [f.column for f in Volunteer._meta.concrete_fields if f.column not in ("id", "user_id")]
    names = ", ".join(columns)
    result = {}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1000 FROM {table}")
        step = cursor.fetchone()[0]
        for k in range(1, copies + 1):
            cursor.execute(f"INSERT INTO {table} (id, {names}) SELECT id + %s, {names} FROM {table} WHERE id < %s",
                           [k * step, step])  # fmt: skip
            cursor.execute(
                f"INSERT INTO {skills} (volunteer_id, servicecategory_id)"
                f" SELECT volunteer_id + %s, servicecategory_id FROM {skills} WHERE volunteer_id < %s",
                [k * step, step],
            )
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {table}")
            cursor.execute(f"ANALYZE {skills}")
        cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE is_active")
        result = {**measure_it(), "active_volunteers": cursor.fetchone()[0]}
        transaction.set_rollback(True)
    return result


def suggestions_missed(s):
    return [f"routing suggestions: {s['ms']:.1f} ms ≥ {SUGGEST_MS} ms"] if s["ms"] >= SUGGEST_MS else []


def suggestions_line(s):
    return (
        f"routing suggestions for one request among all helpers: {s['ms']:.1f} ms (median of {s['runs']}; "
        f"{s.get('cpu_ms', 0):.1f} ms of it the app's CPU; load average {s.get('load', 0):.1f}), "
        f"{s['queries']} queries, {s['suggested']:g} helpers suggested (target < {SUGGEST_MS} ms)"
    )


def total(result):
    from helprequests.batch import cost_of

    return sum(cost_of(d) for _, _, d in result)


def batch(n_needs=5000, n_helpers=20000):
    """Figures for the batch assignment on synthetic data, in this process."""
    from helprequests.batch import greedy, propose

    needs, helpers = region(n_needs, n_helpers)
    start, start_cpu = time.perf_counter(), time.process_time()
    result = propose(needs, helpers)
    seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    start = time.perf_counter()
    plain = greedy(needs, helpers)
    greedy_seconds = time.perf_counter() - start
    return {
        "needs": n_needs,
        "helpers": n_helpers,
        "slots": sum(max(0, h.capacity - h.load) for h in helpers),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "load": os.getloadavg()[0],
        "peak_bytes": peak,
        "assigned": len(result),
        "km": total(result),
        "greedy_assigned": len(plain),
        "greedy_km": total(plain),
        "greedy_seconds": greedy_seconds,
    }


def batch_in_child():
    """`batch()` in a fresh Python process, so that its peak memory is not the caller's."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.stage_routing", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def batch_missed(b):
    missed = []
    if b["seconds"] >= BATCH_S:
        missed.append(f"batch assignment: {b['seconds']:.1f} s ≥ {BATCH_S} s")
    if b["peak_bytes"] >= BATCH_BYTES:
        missed.append(f"batch assignment: peak memory {b['peak_bytes'] / 2**20:.0f} MB ≥ 1024 MB")
    if (b["assigned"], -b["km"]) < (b["greedy_assigned"], -b["greedy_km"] - 1e-6):
        missed.append(
            f"batch assignment: worse than greedy ({b['assigned']} requests, {b['km']:.1f} km against "
            f"{b['greedy_assigned']}, {b['greedy_km']:.1f} km)"
        )
    return missed


def batch_lines(b):
    gain = (b["greedy_km"] - b["km"]) / b["greedy_km"] * 100 if b["greedy_km"] else 0.0
    return [
        f"batch assignment {b['needs']} requests × {b['helpers']} helpers ({b['slots']} free slots): "
        f"{b['seconds']:.1f} s ({b.get('cpu_seconds', 0):.1f} s CPU), peak memory {b['peak_bytes'] / 2**20:.0f} MB "
        f"(targets < {BATCH_S} s, < 1024 MB; load average {b.get('load', 0):.1f} on {os.cpu_count()} cores)",
        f"  assigned {b['assigned']} requests, {b['km']:.1f} km in total; greedy nearest-first: "
        f"{b['greedy_assigned']} requests, {b['greedy_km']:.1f} km ({b['greedy_seconds']:.1f} s) — "
        f"the optimum is {gain:.2f} % shorter",
    ]


def measure():
    """Both figures; (a) needs Django set up on the generated database, (b) runs in a child process."""
    return {"suggestions": suggestions(), "batch": batch_in_child()}


def missed(routing):
    if not routing:
        return ["routing: not measured"]
    return suggestions_missed(routing["suggestions"]) + batch_missed(routing["batch"])


def section(routing):
    """Lines for bench/RESULTS.md."""
    if not routing:
        return []
    return (
        ["## Routing (#12)", "", f"- {suggestions_line(routing['suggestions'])}"]
        + [f"- {line.strip()}" for line in batch_lines(routing["batch"])]
        + [""]
    )


def main(argv):
    if "--json" in argv:
        print(json.dumps(batch()))
        return 0
    found = []
    if "--db" in argv:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zabota.settings")
        import django

        django.setup()
        s = tenfold(suggestions) if "--tenfold" in argv else suggestions()
        if "--tenfold" in argv:
            print(f"{s['active_volunteers']} active volunteers (every one copied nine times, rolled back)")
        print(suggestions_line(s))
        found += suggestions_missed(s)
    if "--tenfold" in argv:  # the suggestions only
        return report(found)
    b = batch()
    for line in batch_lines(b):
        print(line)
    found += batch_missed(b)
    return report(found)


def report(found):
    for line in found:
        print(f"MISSED: {line}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
