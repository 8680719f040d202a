#!/usr/bin/env bash
# The Redis queue from one Redis to a cluster of 1 and 3 primaries, loaded by many clients (docs/performance.md,
# "Redis Cluster with many clients"). A client's messages stay in one partition, so one client loads one
# primary; CLIENTS clients spread over the partitions, and the partitions over the primaries. The load is
# `broker bench` (the neutral load generator presents one certificate), the same for every shape; each
# shape is the production shape (roles apart, AOF fsynced on every write, the server's database on the
# local MariaDB), started afresh, loaded twice (the second load is the one to compare).
#
# usage: scripts/bench-cluster-clients.sh [SECONDS=30]
# env:   SHAPES   "single" or "cluster:PRIMARIES:WORKERS" items (default "single cluster:1:1 cluster:3:1 cluster:3:2")
#        CLIENTS  client certificates the load is spread over (default 12); OUT (default /tmp/broker-cluster-clients)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/java-home.sh"
D="${1:-30}"
CLIENTS="${CLIENTS:-12}"
OUT="${OUT:-/tmp/broker-cluster-clients}"
. "$root/scripts/bench-lib.sh"
mkdir -p "$OUT"
echo "machine: $(machine); commit $(git -C "$root" rev-parse --short HEAD)" | tee "$OUT/summary.txt"

for shape in ${SHAPES:-single cluster:1:1 cluster:3:1 cluster:3:2}; do
    IFS=: read -r kind primaries workers <<< "$shape"
    workers="${workers:-1}"
    dir="$OUT/${shape//:/-}"; rm -rf "$dir"; mkdir -p "$dir"
    if [ "$kind" = single ]; then
        redis-server --port 18379 --bind 127.0.0.1 --save "" --appendonly yes --appendfsync always --dir "$dir" \
            > "$dir/redis.log" 2>&1 & PIDS+=($!)
        for _ in $(seq 50); do redis-cli -p 18379 ping >/dev/null 2>&1 && break; sleep 0.1; done
        queue=(QUEUE_TYPE=redis REDIS_PORT=18379)
    else
        start_redis_cluster "$dir" "$primaries"
        queue=(QUEUE_TYPE=redis "REDIS_CLUSTER_NODES=$(IFS=,; echo "${CLUSTER_NODES[*]}")" REDIS_PARTITIONS=12)
    fi
    mysql -h 127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS broker_scale; CREATE DATABASE broker_scale"
    settings=("${queue[@]}" DB_URL=jdbc:mariadb://127.0.0.1:3306/broker_scale DB_USERNAME=root
        RATE_LIMIT_PER_MINUTE=100000000 LOG_CONSOLE_LEVEL=INFO)
    for role in server proxy; do
        env "${settings[@]}" "$root/broker" run "$role" --data-dir "$dir" > "$dir/$role.out" 2>&1 & PIDS+=($!)
        wait_log "$dir/$role.out" "Started .*Application in"
    done
    for w in $(seq 1 "$workers"); do
        env "${settings[@]}" WORKER_ID="bench-worker-$w" WORKER_METRICS_PORT=$((19100 + w)) \
            "$root/broker" run worker --data-dir "$dir" > "$dir/worker-$w.out" 2>&1 & PIDS+=($!)
        wait_log "$dir/worker-$w.out" "Started .*Application in"
    done
    password=$(sed -n 's/^password=//p' "$dir/initial-admin.txt"); printf '%s' "$password" > "$dir/admin-password"
    names=()
    for i in $(seq 1 "$CLIENTS"); do
        "$root/broker" certs generate "bench-$i" --data-dir "$dir" --out "$dir" --email admin@example.com \
            --password-file "$dir/admin-password" > /dev/null
        names+=("bench-$i")
    done
    sleep 3   # the proxy's access list (PROXY_ACCESS_REFRESH_INTERVAL, 2 s) learns the new clients
    for load in 1 2; do
        "$root/broker" bench --data-dir "$dir" --client-cert "$(IFS=,; echo "${names[*]}")" --concurrency 64 \
            --count 100000000 --duration "${D}s" --warmup 5s --end-to-end --timeout 300s > "$dir/bench-$load.txt"
        python3 - "$dir/bench-$load.txt" "$shape" "$load" <<'EOF' | tee -a "$OUT/summary.txt"
import json, sys
report = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
print(f"{sys.argv[2]:16} load {sys.argv[3]}: {report['accepted_per_second']:>8} msg/s, submit p99 "
      f"{report['submit_latency_ms']['p99']} ms, stored p99 {report['stored_latency_ms']['p99']} ms, "
      f"not stored {report['not_stored']}, errors {report['errors']}")
EOF
    done
    cleanup; PIDS=()
done
