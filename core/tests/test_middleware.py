from django.test import RequestFactory

from core.middleware import strip_nul_from_query


def test_it_removes_nul_characters_from_query_parameters():
    request = RequestFactory().get("/people/?q=%00Иван%00&page=2")
    seen = strip_nul_from_query(lambda r: r.GET)(request)
    assert seen["q"] == "Иван"
    assert seen["page"] == "2"


def test_it_leaves_clean_queries_alone():
    request = RequestFactory().get("/people/?q=Иван")
    original = request.GET
    assert strip_nul_from_query(lambda r: r.GET)(request) is original


def test_it_keeps_the_limiter_counters_in_the_database_shared_by_every_process(rf, db, settings):
    from django.core.cache import caches
    from django.core.management import call_command
    from django.db import connection

    from core.throttle import allow
    from zabota import settings as production

    assert production.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    settings.CACHES = production.CACHES
    caches["default"].close()
    del caches["default"]  # the next use builds the database cache of production
    try:
        call_command("createcachetable")
        request = rf.get("/", REMOTE_ADDR="203.0.113.77")
        assert all(allow(request, "shared", 3) for _ in range(3)) and not allow(request, "shared", 3)
        with connection.cursor() as cursor:  # another gunicorn worker reads this table, not its own memory
            cursor.execute("SELECT cache_key FROM zabota_cache")
            keys = [row[0] for row in cursor.fetchall()]
        assert any("throttle-shared:203.0.113.77" in key for key in keys)
    finally:
        del caches["default"]


def _two_hits_in_another_process(address):
    from django.test import RequestFactory

    from core.throttle import allow

    request = RequestFactory().get("/", REMOTE_ADDR=address)
    return [allow(request, "two-processes", 3) for _ in range(2)]


def test_it_counts_submissions_from_two_processes_together(transactional_db, settings):
    """Two gunicorn workers: the first takes 2 of 3 allowed, the second gets 1 more and is then refused."""
    import contextlib
    import multiprocessing

    import pytest
    from django.core.cache import caches
    from django.core.management import call_command
    from django.db import connection, connections

    from zabota import settings as production

    if connection.vendor != "postgresql":
        pytest.skip("the SQLite test database lives in memory, which a second process cannot open")
    settings.CACHES = production.CACHES
    with contextlib.suppress(AttributeError):  # built lazily: it may not exist yet
        del caches["default"]
    try:
        call_command("createcachetable")
        connections.close_all()  # each worker opens its own connection
        context = multiprocessing.get_context("fork")
        results = []
        for _ in range(2):  # one after the other: sharing is tested, not simultaneity
            with context.Pool(1) as pool:
                results += pool.apply(_two_hits_in_another_process, ("198.51.100.9",))
        assert results == [True, True, True, False]
    finally:
        with contextlib.suppress(AttributeError):  # the test process itself never rebuilt it
            del caches["default"]
