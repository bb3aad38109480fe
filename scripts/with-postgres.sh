#!/usr/bin/env bash
# Start the local PostgreSQL cluster on loopback and run the given command against it.
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 0.5; done
su postgres -c "psql -q -h 127.0.0.1 -c \"SELECT 1\"" >/dev/null 2>&1 || true
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='zabota'\"" | grep -q 1 \
  || su postgres -c "psql -q -c \"CREATE ROLE zabota LOGIN SUPERUSER PASSWORD 'zabota'\""
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='zabota'\"" | grep -q 1 \
  || su postgres -c "createdb -O zabota zabota"
export DATABASE_URL="postgres://zabota:zabota@127.0.0.1:5432/zabota"
echo "PostgreSQL $version on 127.0.0.1:5432"
exec "$@"
