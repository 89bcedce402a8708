#!/usr/bin/env bash
# What `npm test` needs beyond npm packages (run by npm's `pretest`, so `npm ci && npm test` works on a
# fresh machine): real Kafka clients for the wire-protocol tests — kcat (librdkafka), kafka-python and
# confluent-kafka for Debian's /usr/bin/python3 — and a throwaway PostgreSQL with wal_level=logical for
# the connector tests (.ci/postgres.sh). Installs from Debian's packages only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(kcat python3-kafka python3-confluent-kafka)
missing=()
for p in "${apt_packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "test-prereqs: missing ${missing[*]} and no apt-get; install them to run the client tests" >&2
    exit 1
  fi
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

bash .ci/postgres.sh
