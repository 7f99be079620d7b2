#!/usr/bin/env bash
# Start a throw-away PostgreSQL cluster on loopback for the test suite and print its URL.
# Installs Debian's postgresql when it is missing. Usage: eval "$(scripts/postgres-for-tests.sh)"
set -euo pipefail
PORT="${PARCOURS_PG_PORT:-54329}"
DIR="${PARCOURS_PG_DIR:-/tmp/parcours-pg}"

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ]; then
  echo "installing postgresql from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }

if ! run "$bindir/pg_ctl -D $DIR status" >/dev/null 2>&1; then
  rm -rf "$DIR"
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$DIR"
  run "$bindir/initdb -D $DIR -A trust -U postgres --no-sync" >/dev/null
  run "$bindir/pg_ctl -D $DIR -l $DIR/server.log -w \
      -o '-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off' start" >&2
fi
run "$bindir/psql -h 127.0.0.1 -p $PORT -U postgres -tAc \"SELECT 1 FROM pg_database WHERE datname='parcours_test'\"" | grep -q 1 \
  || run "$bindir/createdb -h 127.0.0.1 -p $PORT -U postgres parcours_test"
echo "export PARCOURS_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:$PORT/parcours_test"
