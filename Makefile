# Zabota: `make demo` serves the demo region; `make test` runs lint and the suite on SQLite and PostgreSQL.
PY := .venv/bin/python
STAMP := .venv/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)

.PHONY: demo serve test lint format test-sqlite test-postgres system-deps bench clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	rm -f .venv/.installed-*
	touch $(STAMP)

demo: $(STAMP)
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py demo_data
	$(PY) manage.py demo_logins
	@# A task worker runs beside the server so long imports show their progress.
	export TASKS_BACKEND=django_tasks_db.DatabaseBackend; \
	$(PY) manage.py db_worker --interval 1 --no-startup-delay & worker=$$!; \
	trap "kill $$worker" EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

# Debian chromium for the browser tests, PostgreSQL server for the second run, DejaVu fonts for PDFs.
system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
		|| [ ! -d /usr/share/fonts/truetype/dejavu ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium postgresql \
			fonts-dejavu-core >/dev/null; \
	fi

# ruff also bans get_object_or_404 outside accounts/access.py; lint-imports checks the contracts between apps
# (pyproject.toml, [tool.importlinter]).
lint: $(STAMP)
	.venv/bin/ruff format --check .
	.venv/bin/ruff check .
	.venv/bin/lint-imports --no-cache

format: $(STAMP)
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

# One worker per core (pytest-xdist); each worker has its own test database.
test-sqlite: $(STAMP)
	$(PY) -m pytest -n auto

# The browser walks and the API fuzzing run once, on SQLite; on PostgreSQL every other test (queries, locks,
# races) runs again.
test-postgres: $(STAMP)
	scripts/with-postgres.sh $(PY) -m pytest -n auto -m "not browser and not fuzz"

test: system-deps lint test-sqlite test-postgres

# Pure-algorithm timings, then the load and soak stages on a throwaway PostgreSQL database (bench/load.py):
# BENCH_SCALE (0.1), BENCH_USERS (20), BENCH_LOAD_SECONDS (180), BENCH_SOAK_USERS (50), BENCH_SOAK_SECONDS (600).
BENCH_STAMP := .venv-bench/.installed-$(shell cat requirements-bench.txt | cksum | cut -d' ' -f1)

$(BENCH_STAMP): requirements-bench.txt
	test -x .venv-bench/bin/python || python3 -m venv .venv-bench
	.venv-bench/bin/pip install -q --disable-pip-version-check -r requirements-bench.txt
	rm -f .venv-bench/.installed-*
	touch $(BENCH_STAMP)

bench: $(STAMP) $(BENCH_STAMP) system-deps
	scripts/with-postgres.sh $(PY) -m bench

clean:
	rm -rf .venv .venv-bench var/static var/bench test-artifacts
