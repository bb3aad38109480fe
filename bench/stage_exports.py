"""Exports and import stage of `make bench` (#12), on the generated database.

(a) The people, requests and audit-log exports as the worker builds them (`exports.services.export_build`,
    the bench coordinator of the whole region as owner): time, rows, file size and the peak resident memory
    of the process (each export in a fresh process, so the peak is its own; Django alone is reported too).
(b) The import of a generated 100 000-row organizations CSV end to end through the same tasks the upload page
    enqueues (`directory.tasks.check_import`, then `run_import` after «Импортировать»): target < 60 s.

Everything runs inside a transaction that is rolled back, and the export files are deleted: the shared
bench database is left as it was. Alone: `python -m bench.stage_exports [people|requests|audit|import]`
with DATABASE_URL of a generated database; bench/load.py calls `measure()` and adds `missed()`/`section()`.
"""

import json
import os
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXPORTS = ["people", "requests", "audit"]
IMPORT_ROWS = 100_000
IMPORT_S = 60


class Rollback(Exception):
    pass


def _rss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zabota.settings")
    import django

    django.setup()
    from accounts.models import User

    return User.objects.get(username="bench_coordinator")


def one_export(kind):
    owner = _setup()
    from django.db import transaction

    from exports import services
    from exports.models import Export

    base = _rss()
    out = {}
    try:
        with transaction.atomic():
            export = Export.objects.create(owner=owner, kind=kind, title=kind)
            start, cpu = time.perf_counter(), time.process_time()
            export = services.export_build(export_id=export.pk)
            out = {
                "seconds": time.perf_counter() - start,
                "cpu_s": time.process_time() - cpu,
                "rows": export.rows_done,
                "status": export.status,
                "error": export.error,
                "bytes": export.file.size if export.file else 0,
            }
            name = export.file.name
            raise Rollback
    except Rollback:
        if name:
            export.file.storage.delete(name)
    out.update(django_rss=base, peak_rss=_rss())
    return out


def _territory_names():
    from accounts import access
    from accounts.models import User
    from territories.models import Territory

    owner = User.objects.get(username="bench_coordinator")
    names = access.scoped(owner, Territory.objects.all(), field="id").values_list("name", flat=True)
    counts = Counter(names)
    settlements = Territory.objects.filter(kind="settlement").values_list("name", flat=True)
    return sorted({name for name in settlements if counts[name] == 1})  # a name the import resolves alone


def import_csv(rows=IMPORT_ROWS):
    """A 100 000-row organizations file in the template's columns (unique names per territory)."""
    import csv
    import io
    import random

    rng = random.Random(12)
    places = _territory_names()
    services = ["Продукты", "Лекарства", "Дрова", "Уборка снега", "Ремонт", "Помощь на дому"]
    kinds = ["НКО", "ТОС", "Инициативная группа", "Бизнес", "Бюджетное учреждение / КЦСОН"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["Название", "Вид", "Территория", "Услуги", "Адрес", "Широта", "Долгота", "Телефон", "Ёмкость"])
    for i in range(rows):
        writer.writerow(
            [
                f"Бенч-организация {i:06d}",
                rng.choice(kinds),
                rng.choice(places),
                "; ".join(rng.sample(services, rng.randint(1, 3))),
                f"ул. Центральная, {rng.randint(1, 200)}",
                f"{rng.uniform(54, 56):.5f}",
                f"{rng.uniform(38, 41):.5f}",
                f"8 (4912) {rng.randint(10, 99)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}",
                rng.randint(1, 20),
            ]
        )
    return buffer.getvalue().encode("utf-8")


def one_import(rows=IMPORT_ROWS):
    owner = _setup()
    from django.conf import settings
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from directory import tasks
    from directory.models import ImportJob, Organization

    settings.IMPORT_MAX_ROWS = max(settings.IMPORT_MAX_ROWS, rows)
    data = import_csv(rows)
    before = Organization.objects.count()
    out = {"rows": rows, "bytes": len(data)}
    try:
        with transaction.atomic():
            job = ImportJob.objects.create(kind="organizations", file_name="bench.csv", data=data, created_by=owner)
            start, cpu = time.perf_counter(), time.process_time()
            with CaptureQueriesContext(connection) as check_q:
                tasks.check_import.call(job.pk)
            out["check_s"] = time.perf_counter() - start
            job.refresh_from_db()
            out["check_state"], out["errors"] = job.state, len(job.errors)
            out["first_errors"] = job.errors[:3]
            ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.IMPORTING, processed_rows=0)
            middle = time.perf_counter()
            with CaptureQueriesContext(connection) as import_q:
                tasks.run_import.call(job.pk)
            out["import_s"] = time.perf_counter() - middle
            out["seconds"] = time.perf_counter() - start
            out["cpu_s"] = time.process_time() - cpu
            job.refresh_from_db()
            out["state"], out["created"] = job.state, Organization.objects.count() - before
            out["queries"] = len(check_q.captured_queries) + len(import_q.captured_queries)
            raise Rollback
    except Rollback:
        pass
    out["peak_rss"] = _rss()
    return out


def _child(arg):
    done = subprocess.run(
        [sys.executable, "-m", "bench.stage_exports", "--json", arg],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "zabota.settings", "DEBUG": "0"},
    )
    if done.returncode:
        return {"error": (done.stderr or done.stdout)[-500:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure():
    """Every figure, each in a fresh process (needs DATABASE_URL of the generated database)."""
    return {"exports": {kind: _child(kind) for kind in EXPORTS}, "import": _child("import")}


def _mb(n):
    return f"{n / 2**20:.0f} MB"


def export_line(kind, e):
    if "seconds" not in e:
        return f"export {kind}: failed — {e.get('error', '?')}"
    return (
        f"export {kind}: {e['rows']} rows in {e['seconds']:.1f} s in the worker "
        f"({e['cpu_s']:.1f} s CPU; {e['status']}), "
        f"file {_mb(e['bytes'])}, peak RSS {_mb(e['peak_rss'])} (Django alone {_mb(e['django_rss'])})"
    )


def import_line(i):
    if "seconds" not in i:
        return f"import of {IMPORT_ROWS} rows: failed — {i.get('error', '?')}"
    return (
        f"import of {i['rows']} organizations ({_mb(i['bytes'])} CSV): {i['seconds']:.1f} s end to end "
        f"({i['cpu_s']:.1f} s CPU of the worker) "
        f"(check {i['check_s']:.1f} s, {i['check_state']}, {i['errors']} row errors; write {i['import_s']:.1f} s, "
        f"{i['state']}, {i['created']} created; {i['queries']} queries), peak RSS {_mb(i['peak_rss'])} "
        f"(target < {IMPORT_S} s)"
    )


def missed(figures):
    if not figures:
        return ["exports: not measured"]
    found = [f"export {k}: {e.get('error', '?')[:200]}" for k, e in figures["exports"].items() if "seconds" not in e]
    found += [f"export {k}: {e['status']} {e['error']}" for k, e in figures["exports"].items() if e.get("error")]
    i = figures["import"]
    if "seconds" not in i:
        found.append(f"import: {i.get('error', '?')[:200]}")
    elif i["seconds"] >= IMPORT_S or i["created"] != i["rows"]:
        found.append(
            f"import of {i['rows']} rows: {i['seconds']:.0f} s, {i['created']} created (target < {IMPORT_S} s)"
        )
    return found


def section(figures):
    """Lines for bench/RESULTS.md."""
    if not figures:
        return []
    lines = ["## Exports and import (#12)", ""]
    lines += [f"- {export_line(k, e)}" for k, e in figures["exports"].items()]
    return lines + [f"- {import_line(figures['import'])}", ""]


def main(argv):
    if "--json" in argv:
        arg = argv[-1]
        print(json.dumps(one_import() if arg == "import" else one_export(arg)))
        return 0
    wanted = [a for a in argv if not a.startswith("-")] or [*EXPORTS, "import"]
    for arg in wanted:
        figures = _child(arg)
        print(import_line(figures) if arg == "import" else export_line(arg, figures))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
