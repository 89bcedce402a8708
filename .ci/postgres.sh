#!/usr/bin/env bash
# Installs (Debian's postgresql) and starts a throwaway PostgreSQL for the connector tests in
# runtime/connectors/postgres: a fresh data directory under $TMPDIR, listening on 127.0.0.1 only, with
# logical decoding on (wal_level=logical) and room for replication slots and WAL senders.
#
# The tests connect with fixed values (override with TRIBUTARY_PG_URL):
#   postgres://tributary:tributary@127.0.0.1:54329/tributary
# The test user is a superuser with REPLICATION (the tests create databases, publications FOR ALL
# TABLES and replication slots).
#
# Idempotent: if a server already answers on the port, it is left alone. Stop it with
#   pg_ctl -D "$(cat "${TMPDIR:-/tmp}/tributary-pg.datadir")" stop
set -euo pipefail

port="${TRIBUTARY_PG_PORT:-54329}"
user=tributary
password=tributary
database=tributary
state_file="${TMPDIR:-/tmp}/tributary-pg.datadir"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends postgresql postgresql-client
fi
bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"

if "$bindir/pg_isready" -h 127.0.0.1 -p "$port" -q; then
  echo "postgres.sh: a server already answers on 127.0.0.1:$port; leaving it running"
  exit 0
fi

datadir="$(mktemp -d "${TMPDIR:-/tmp}/tributary-pg.XXXXXX")"
pwfile="$datadir.pw"
echo "$password" >"$pwfile"

# initdb and the server refuse to run as root: use the postgres user the package created.
run_as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  chown postgres "$datadir" "$pwfile"
  run_as_pg=(runuser -u postgres --)
fi

"${run_as_pg[@]}" "$bindir/initdb" -D "$datadir" -U "$user" --pwfile="$pwfile" \
  --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$datadir.initdb.log"
rm -f "$pwfile"

cat >>"$datadir/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$datadir'
wal_level = logical
max_replication_slots = 20
max_wal_senders = 20
wal_sender_timeout = 60s
fsync = off
synchronous_commit = on
full_page_writes = off
EOF
cat >"$datadir/pg_hba.conf" <<EOF
local   all          all                    trust
host    all          all   127.0.0.1/32     scram-sha-256
host    replication  all   127.0.0.1/32     scram-sha-256
EOF

"${run_as_pg[@]}" "$bindir/pg_ctl" -D "$datadir" -l "$datadir/server.log" -w -t 60 start
echo "$datadir" >"$state_file"

"$bindir/psql" -h "$datadir" -p "$port" -U "$user" -d postgres -v ON_ERROR_STOP=1 -q <<EOF
ALTER ROLE $user WITH REPLICATION;
CREATE DATABASE $database;
EOF
echo "postgres.sh: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data $datadir), wal_level=logical"
