"""Single-machine figures for the pure algorithms (run: make bench). Not part of the timed test suite."""

import os
import random
import time
from datetime import datetime, timedelta

from core.routing import Helper, Need, suggest
from directory import ranking
from helprequests.batch import propose
from phone import kpi

CODES = ["groceries", "medicines", "firewood", "snow_clearing", "repairs", "home_care", "pet_care", "legal_aid"]


def timed(label, fn, repeat=3):
    best = min(_once(fn) for _ in range(repeat))
    print(f"{label:<62} {best * 1000:9.1f} ms")


def _once(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main():
    rng = random.Random(1)
    districts = [f"/1/{d}/" for d in range(2, 40)]
    helpers = [
        Helper(
            "organization",
            i,
            f"h{i}",
            rng.uniform(54, 56),
            rng.uniform(38, 41),
            (rng.choice(districts),),
            frozenset(rng.sample(CODES, 4)),
            rng.randint(0, 5),
            10,
            rng.randint(0, 20),
            rng.randint(0, 5),
        )
        for i in range(5000)
    ]
    need = Need(districts[3] + "77/", 55.0, 40.0, frozenset({"groceries"}))
    timed("routing: suggestions for one request over 5 000 helpers", lambda: suggest(need, helpers))

    needs = [
        (
            i,
            Need(
                rng.choice(districts) + f"{i}/",
                rng.uniform(54, 56),
                rng.uniform(38, 41),
                frozenset(rng.sample(CODES, 1)),
            ),
        )
        for i in range(500)
    ]
    some = helpers[:1000]
    result = []
    timed(
        "batch: optimal assignment 500 requests × 1 000 helpers (slots)",
        lambda: result.append(propose(needs, some)),
        1,
    )
    print(f"{'  assigned':<62} {len(result[0]):9d} requests")

    organizations = [
        ranking.Helper(
            i,
            f"o{i}",
            rng.uniform(54, 56),
            rng.uniform(38, 41),
            (rng.choice(districts),),
            frozenset(rng.sample(CODES, 3)),
        )
        for i in range(10000)
    ]
    place = ranking.Place(1, "x", districts[5] + "9/", 55.0, 40.0)
    timed("public search: rank 10 000 organizations", lambda: ranking.rank(place, organizations, {"firewood"}))

    facts = [
        kpi.CallFact(
            e,
            e,
            rng.randint(1, 300),
            datetime(2026, 11, 1) + timedelta(minutes=k),
            rng.random() > 0.05,
            rng.choice([None, 4, 5]),
        )
        for k, e in enumerate(rng.randint(1, 3400) for _ in range(12028))
    ]
    timed("phone KPIs over 12 028 calls of 3 400 people (practice scale)", lambda: kpi.compute(range(1, 3401), facts))


def pages():
    """Server-side time of real pages on the demo database (make demo first), through Django's test client."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zabota.settings")
    os.environ.setdefault("STATIC_MANIFEST", "0")  # no collectstatic needed for a benchmark
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from accounts.models import User

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    settings.SECURE_SSL_REDIRECT = False
    if not User.objects.filter(username="operator").exists():
        print("(no demo data: run `make demo` once for the page figures)")
        return
    anon, operator, coordinator = Client(), Client(), Client()
    operator.force_login(User.objects.get(username="operator"))
    coordinator.force_login(User.objects.get(username="coordinator"))
    for label, client, url in [
        ("page: public search «Ключи» + дрова", anon, "/?locality=Ключи&need=firewood"),
        ("page: operator queue (all open requests)", operator, "/requests/?queue=open"),
        ("page: request with routing suggestions", operator, "/requests/1/"),
        ("page: «Алло, волонтёр!» dashboard (30 people, 4 months of calls)", coordinator, "/phone/"),
        ("page: organizations list", coordinator, "/organizations/"),
    ]:
        timed(label, lambda c=client, u=url: c.get(u), repeat=5)


if __name__ == "__main__":
    import sys

    from bench import load

    main()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pages()  # the demo database's pages (SQLite); on PostgreSQL the load stage measures pages instead
    sys.exit(load.main())
