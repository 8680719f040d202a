#!/usr/bin/env bash
# Checks the distribution archive the build made: unpacked on its own, away from the source tree, its
# launcher finds the JDK and the jar, and it can set up a new installation.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
archive=$(ls "$root"/cli/target/broker-*.tar.gz)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
tar xzf "$archive" -C "$scratch"
dist=$(echo "$scratch"/broker-*)
for file in broker lib/broker.jar lib/application.cdx.json scripts/java-home.sh deploy/systemd/broker-server.service \
        deploy/monitoring/alerts.yml docs/operations.md README.md; do
    [ -e "$dist/$file" ] || { echo "distribution check: $file missing from $archive" >&2; exit 1; }
done
grep -q '"bomFormat" : "CycloneDX"' "$dist/lib/application.cdx.json" && grep -q '"name" : "tomcat-embed-core"' "$dist/lib/application.cdx.json" \
    || { echo "distribution check: lib/application.cdx.json is not a CycloneDX bill of what the jar ships" >&2; exit 1; }
"$dist/broker" --version | grep -q '^broker ' || { echo "distribution check: broker --version failed" >&2; exit 1; }
"$dist/broker" ca init --data-dir "$scratch/data" >/dev/null
[ -s "$scratch/data/ca.crt" ] || { echo "distribution check: ca init made no ca.crt" >&2; exit 1; }

# BROKER_AOT_CACHE: the first run records a cache for its role at exit, the next starts from it (with
# -XX:AOTMode=on the JVM refuses to start when it cannot use the cache). On free ports of its own.
base=$((20000 + RANDOM % 20000))
export BROKER_AOT_CACHE="$scratch/aot" PROXY_PORT=$base MAIN_SERVER_PORT=$((base + 1)) \
    MAIN_SERVER_INTERNAL_PORT=$((base + 2)) PORTAL_PORT=$((base + 3)) WORKER_METRICS_PORT=$((base + 4)) \
    PROXY_METRICS_PORT=$((base + 5)) MAIN_SERVER_METRICS_PORT=$((base + 6))
run_all_once() { # the start's label, then BROKER_JAVA_OPTS
    local log="$scratch/$1.log" pid
    BROKER_JAVA_OPTS="$2" "$dist/broker" run all --data-dir "$scratch/data" > "$log" 2>&1 &
    pid=$!
    for _ in $(seq 240); do
        grep -q "Message Broker is running" "$log" && break
        kill -0 "$pid" 2>/dev/null || { echo "distribution check: $1 run failed:" >&2; tail -20 "$log" >&2; exit 1; }
        sleep 0.5
    done
    grep -q "Message Broker is running" "$log" \
        || { kill "$pid"; echo "distribution check: $1 run did not start within 2 minutes" >&2; exit 1; }
    kill -TERM "$pid"
    wait "$pid" || true
}
run_all_once recording ""
ls "$BROKER_AOT_CACHE"/all-*.aot >/dev/null 2>&1 \
    || { echo "distribution check: the first run with BROKER_AOT_CACHE recorded no cache" >&2; exit 1; }
run_all_once cached "-XX:AOTMode=on"
echo "distribution check: $(basename "$archive") unpacks, starts and initialises an installation, and starts from an AOT cache"
