#!/usr/bin/env bash
# The product against the reference, in one run on this machine (docs/performance.md):
#   1. Kannel 1.4.5 over HTTPS (and HTTP) with the neutral load generator, by the bench folder's own script;
#   2. the product in its production shape: roles apart (-Xmx512m each), the queue on a private Redis with
#      appendonly yes + appendfsync always, the server's database on the local MariaDB;
#   3. the product on its embedded defaults: `broker run all` (SQLite database and queue).
# The same load generator, body size and connection counts for all of them; for the product it also
# waits until every accepted message is stored, checks that the delivered rows are exactly the 202s,
# measures accepted -> stored from the database, and the CPU each role used per accepted message.
#
# usage: scripts/bench-vs-kannel.sh [SECONDS=30]       (needs: apt-get install kannel kannel-extras)
# Besides the closed-loop maximum at 16 and 64 connections, every system also runs at a fixed rate
# (HALF_RATE msg/s, open model, 64 connections): about half the product's maximum, for the latency targets.
# env:   BENCH_DIR  the reference bench folder (default: ../shared/bench next to this repository)
#        OUT        where results go (default: /tmp/broker-vs-kannel)
#        SKIP_KANNEL=1, SKIP_PRODUCTION=1, SKIP_EMBEDDED=1, SKIP_CLUSTER=1   leave a part out
#        CLUSTER_SHAPES  "primaries:workers:min-replicas ..." of the Redis Cluster runs (default "3:1:0 3:1:1 3:4:1")
#        ROLE_JAVA_OPTS  the product's JVM options (default -Xmx512m); CONNECTIONS (default "16 64"); SKIP_FIXED=1
#        REDIS_APPENDFSYNC  the production Redis's fsync policy (default always; everysec shows what the fsync costs,
#                           and the proxy then runs with REDIS_ACCEPT_WEAKER_DURABILITY=true)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/java-home.sh"
. "$root/scripts/bench-lib.sh"
D="${1:-30}"
WARMUP=5   # seconds the load generator sends before it measures
HALF_RATE="${HALF_RATE:-3000}"
ROLE_JAVA_OPTS="${ROLE_JAVA_OPTS:--Xmx512m}"
ACCEPTED=0   # the 202s of the current shape's loads so far
CONNECTIONS="${CONNECTIONS:-16 64}"
BENCH="${BENCH_DIR:-$root/../shared/bench}"
OUT="${OUT:-/tmp/broker-vs-kannel}"
LG="$BENCH/loadgen/loadgen.sh"
[ -x "$LG" ] || { echo "no load generator at $LG (set BENCH_DIR)" >&2; exit 1; }
mkdir -p "$OUT"
RESULTS="$OUT/results.jsonl"
BODY='{"sender_number":"{{E164}}","message_body":"Benchmark message {{SEQ}} {{TEXT:100}}"}'

# Nanoseconds a JVM's compiler threads have spent compiling (elapsed, so it includes waiting for a core);
# empty for a process that is no JVM (asked without starting jcmd, itself a JVM).
jit_ns() {
    [[ "$(readlink "/proc/$1/exe")" == */java ]] || return 0
    "$JAVA_HOME/bin/jcmd" "$1" PerfCounter.print 2>/dev/null | awk -F= '/ci.totalTime=/ {print $2}'
}

# The queue's Redis commands so far, "name=calls" per command (nothing for a shape without its private Redis).
redis_calls() {
    [ -n "${ROLES[redis]:-}" ] || return 0
    redis-cli -p "$REDIS_PORT" info commandstats 2>/dev/null | sed -n 's/^cmdstat_\([a-z|]*\):calls=\([0-9]*\),.*/\1=\2/p'
}

# How many of each command the load cost per accepted message: ZCARD runs once per group commit (enqueue.lua).
redis_calls_per_message() { # before after accepted
    python3 - "$@" <<'PY'
import sys
def parse(text): return {k: int(v) for k, v in (line.split('=') for line in text.split())}
before, after, ok = parse(sys.argv[1]), parse(sys.argv[2]), max(1, int(sys.argv[3]))
used = {k: v - before.get(k, 0) for k, v in after.items() if v - before.get(k, 0) >= ok / 1000}
print(''.join(f' {k} {v / ok:.3f}' for k, v in sorted(used.items(), key=lambda kv: -kv[1])))
PY
}

loadgen() { # label data-dir concurrency [extra loadgen options...]
    local label=$1 dir=$2 c=$3; shift 3
    "$LG" --url https://localhost:8001/api/v1/messages --method POST --content-type application/json --expect 202 \
        -c "$c" -d "$D" --warmup "$WARMUP" --body "$BODY" --cert "$dir/demo-client.crt" --key "$dir/demo-client.key" \
        --ca "$dir/ca.crt" --label "$label" --json-out "$RESULTS" "$@" > "$dir/loadgen-$label.txt" || true
}

# The 202s of the last load, warm-up included (the load generator counts the warm-up's apart).
accepted_in_load() { # label data-dir
    local warm; warm=$(sed -n 's/^warm-up: .* \([0-9]*\) ok, .*/\1/p' "$2/loadgen-$1.txt")
    echo $(( ${warm:-0} + $(tail -1 "$RESULTS" | python3 -c 'import json,sys; print(json.load(sys.stdin)["ok"])') ))
}

# After a shape's loads: every 202 must be a delivered row (message_id is unique, so none is stored twice).
# Starts the count of the next shape's 202s.
check_stored() { # stored-count-command
    local stored; stored=$(eval "$1")
    local verdict="every 202 stored once"
    if [ "$stored" -lt "$ACCEPTED" ]; then verdict="MISMATCH: $(( ACCEPTED - stored )) 202s without a delivered row"; LOST=1
    elif [ "$stored" -gt "$ACCEPTED" ]; then verdict="$(( stored - ACCEPTED )) rows more than 202s (requests the load generator gave up on)"; fi
    echo "  202s over all loads (warm-ups included): $ACCEPTED; delivered rows: $stored: $verdict" | tee -a "$OUT/summary.txt"
    ACCEPTED=0
}

# Runs one measured load against a running product; PIDS_OF_ROLES maps role names to PIDs. Reports the
# CPU per accepted message per role, from the start of the load to the end of the drain.
measure_product() { # label data-dir concurrency depth-command stored-latency-command [loadgen options...]
    local label=$1 dir=$2 c=$3 depth=$4 latency=$5; shift 5
    declare -A before jit_before
    local calls_before; calls_before=$(redis_calls)
    for role in "${!ROLES[@]}"; do before[$role]=$(cpu_ticks "${ROLES[$role]}"); jit_before[$role]=$(jit_ns "${ROLES[$role]}"); done
    # The latency commands read what was queued after the load generator's warm-up, as its own figures do.
    SINCE=$(date -u -d "+$WARMUP seconds" '+%Y-%m-%dT%H:%M:%S')
    loadgen "$label" "$dir" "$c" "$@"
    local drained_from; drained_from=$(date +%s.%N)
    for _ in $(seq 600); do [ "$(eval "$depth")" = 0 ] && break; sleep 0.2; done
    local drain; drain=$(echo "$(date +%s.%N) - $drained_from" | bc)
    # The CPU counted covers the warm-up too, so it is divided by the warm-up's 202s as well.
    local ok; ok=$(accepted_in_load "$label" "$dir")
    ACCEPTED=$(( ACCEPTED + ok ))
    local hz; hz=$(getconf CLK_TCK)
    local cpu="" jit=""
    for role in "${!ROLES[@]}"; do
        local used=$(( $(cpu_ticks "${ROLES[$role]}") - before[$role] ))
        cpu="$cpu $role=$(python3 -c "print(round($used / $hz * 1e6 / max(1, $ok)))")us"
        local compiled; compiled=$(jit_ns "${ROLES[$role]}")
        [ -z "$compiled" ] || jit="$jit $role=$(python3 -c "print(round(($compiled - ${jit_before[$role]}) / 1e9, 1))")s"
    done
    local calls; calls=$(redis_calls_per_message "$calls_before" "$(redis_calls)" "$ok")
    echo "  $label: drain ${drain}s; accepted->stored $(eval "$latency"); CPU per accepted message:$cpu;" \
        "JIT compiling (elapsed):$jit${calls:+; Redis commands per accepted message:$calls}" | tee -a "$OUT/summary.txt"
}

echo "machine: $(machine)" | tee "$OUT/summary.txt"
echo "commit:  $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo ' (uncommitted changes)')" | tee -a "$OUT/summary.txt"
[ -f "$root/cli/target/broker-exec.jar" ] || (cd "$root" && mvn -B -q -ntp -DskipTests install)

if [ "${SKIP_KANNEL:-0}" != 1 ]; then
    # bench.sh reads its TLS certificates from its own folder and make-certs.sh writes them to BENCH_OUT:
    # run a copy whose folder is its BENCH_OUT.
    rm -rf "$OUT/kannel"; cp -r "$BENCH" "$OUT/kannel"
    RATES="25 200 $HALF_RATE" BENCH_OUT="$OUT/kannel" "$OUT/kannel/kannel/bench.sh" "$D" | tee "$OUT/kannel.txt"
    cat "$OUT"/kannel/results/kannel-*.jsonl >> "$RESULTS"
fi

if [ "${SKIP_PRODUCTION:-0}" != 1 ]; then
    dir="$OUT/production"; rm -rf "$dir"; mkdir -p "$dir"
    fsync="${REDIS_APPENDFSYNC:-always}"
    [ "$fsync" = always ] || export REDIS_ACCEPT_WEAKER_DURABILITY=true
    redis-server --port 18379 --bind 127.0.0.1 --save "" --appendonly yes --appendfsync "$fsync" --dir "$dir" \
        --latency-monitor-threshold 20 \
        --daemonize no > "$dir/redis.log" 2>&1 & PIDS+=($!); REDIS=$!
    for _ in $(seq 50); do redis-cli -p 18379 ping >/dev/null 2>&1 && break; sleep 0.1; done
    mysql -h 127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS broker_bench; CREATE DATABASE broker_bench"
    export QUEUE_TYPE=redis REDIS_PORT=18379 DB_URL=jdbc:mariadb://127.0.0.1:3306/broker_bench DB_USERNAME=root \
        RATE_LIMIT_PER_MINUTE=100000000 BROKER_JAVA_OPTS="$ROLE_JAVA_OPTS" LOG_CONSOLE_LEVEL=INFO
    declare -A ROLES=([redis]=$REDIS)
    for role in server worker proxy; do
        "$root/broker" run "$role" --data-dir "$dir" > "$dir/$role.out" 2>&1 & PIDS+=($!); ROLES[$role]=$!
        wait_log "$dir/$role.out" "Started .*Application in"
    done
    ROLES[mariadb]=$(pgrep -o mariadbd)
    depth="redis-cli -p 18379 eval \"return redis.call('XLEN', KEYS[1]) + redis.call('ZCARD', KEYS[2])\" 2 '{broker}:messages' '{broker}:retries'"
    latency="mysql -N -h 127.0.0.1 -uroot broker_bench -e \"SELECT TIMESTAMPDIFF(MICROSECOND, queued_at, delivered_at) FROM messages WHERE queued_at >= '\$SINCE'\" | sort -n | awk '{a[NR]=\$1} END {printf \"p50 %.0f ms, p99 %.0f ms\", a[int(NR*0.5)]/1000, a[int(NR*0.99)]/1000}'"
    for c in $CONNECTIONS; do measure_product "broker-production-c$c" "$dir" "$c" "$depth" "$latency"; done
    [ "${SKIP_FIXED:-0}" = 1 ] || measure_product "broker-production-fixed$HALF_RATE" "$dir" 64 "$depth" "$latency" -r "$HALF_RATE"
    check_stored "mysql -N -h 127.0.0.1 -uroot broker_bench -e \"SELECT COUNT(*) FROM messages WHERE status = 'delivered'\""
    echo "  Redis's stalls over 20 ms (event, last at, last ms, longest ms): $(redis-cli -p 18379 latency latest | paste -sd' ')" \
        | tee -a "$OUT/summary.txt"
    unset QUEUE_TYPE REDIS_PORT DB_URL DB_USERNAME REDIS_ACCEPT_WEAKER_DURABILITY
    cleanup; PIDS=()
fi

if [ "${SKIP_EMBEDDED:-0}" != 1 ]; then
    dir="$OUT/embedded"; rm -rf "$dir"; mkdir -p "$dir"
    RATE_LIMIT_PER_MINUTE=100000000 "$root/broker" run all --data-dir "$dir" > "$dir/all.out" 2>&1 & PIDS+=($!)
    wait_log "$dir/all.out" "Message Broker is running"
    declare -A ROLES=([all]=$!)
    depth="sqlite3 $dir/queue/queue.db 'SELECT COUNT(*) FROM queue_entries'"
    latency="sqlite3 $dir/db/broker.db \"SELECT CAST((julianday(delivered_at) - julianday(queued_at)) * 86400000 AS INTEGER) FROM messages WHERE queued_at >= '\$SINCE'\" | sort -n | awk '{a[NR]=\$1} END {printf \"p50 %.0f ms, p99 %.0f ms\", a[int(NR*0.5)], a[int(NR*0.99)]}'"
    for c in $CONNECTIONS; do measure_product "broker-embedded-c$c" "$dir" "$c" "$depth" "$latency"; done
    [ "${SKIP_FIXED:-0}" = 1 ] || measure_product "broker-embedded-fixed$HALF_RATE" "$dir" 64 "$depth" "$latency" -r "$HALF_RATE"
    check_stored "sqlite3 $dir/db/broker.db \"SELECT COUNT(*) FROM messages WHERE status = 'delivered'\""
fi

if [ "${SKIP_CLUSTER:-0}" != 1 ]; then
    # The production shape on a Redis Cluster of this box: N primaries with a replica each (AOF fsynced on
    # every write), the queue in 12 partitions, W workers, a 202 after WAIT for one replica or not.
    for shape in ${CLUSTER_SHAPES:-3:1:0 3:1:1 3:4:1}; do
        IFS=: read -r primaries workers replicas <<< "$shape"
        dir="$OUT/cluster-$primaries-$workers-$replicas"; rm -rf "$dir"; mkdir -p "$dir"
        declare -A ROLES=()
        start_redis_cluster "$dir" "$primaries"
        for i in "${!CLUSTER_PIDS[@]}"; do ROLES[redis$((i + 1))]=${CLUSTER_PIDS[$i]}; done
        mysql -h 127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS broker_cluster; CREATE DATABASE broker_cluster"
        export QUEUE_TYPE=redis REDIS_CLUSTER_NODES="$(IFS=,; echo "${CLUSTER_NODES[*]}")" REDIS_PARTITIONS=12 \
            REDIS_MIN_REPLICAS="$replicas" DB_URL=jdbc:mariadb://127.0.0.1:3306/broker_cluster DB_USERNAME=root \
            RATE_LIMIT_PER_MINUTE=100000000 BROKER_JAVA_OPTS="$ROLE_JAVA_OPTS" LOG_CONSOLE_LEVEL=INFO
        for role in server proxy; do
            "$root/broker" run "$role" --data-dir "$dir" > "$dir/$role.out" 2>&1 & PIDS+=($!); ROLES[$role]=$!
            wait_log "$dir/$role.out" "Started .*Application in"
        done
        for w in $(seq 1 "$workers"); do
            WORKER_ID="bench-worker-$w" WORKER_METRICS_PORT=$((19100 + w)) "$root/broker" run worker --data-dir "$dir" \
                > "$dir/worker-$w.out" 2>&1 & PIDS+=($!); ROLES[worker$w]=$!
            wait_log "$dir/worker-$w.out" "Started .*Application in"
        done
        ROLES[mariadb]=$(pgrep -o mariadbd)
        depth="for k in \$(seq 0 11); do redis-cli -c -p 18401 xlen \"{broker-\$k}:messages\"; redis-cli -c -p 18401 zcard \"{broker-\$k}:retries\"; done | awk '{s+=\$1} END {print s}'"
        latency="mysql -N -h 127.0.0.1 -uroot broker_cluster -e \"SELECT TIMESTAMPDIFF(MICROSECOND, queued_at, delivered_at) FROM messages WHERE queued_at >= '\$SINCE'\" | sort -n | awk '{a[NR]=\$1} END {printf \"p50 %.0f ms, p99 %.0f ms\", a[int(NR*0.5)]/1000, a[int(NR*0.99)]/1000}'"
        measure_product "broker-cluster-${primaries}p-${workers}w-wait${replicas}-c64" "$dir" 64 "$depth" "$latency"
        check_stored "mysql -N -h 127.0.0.1 -uroot broker_cluster -e \"SELECT COUNT(*) FROM messages WHERE status = 'delivered'\""
        unset QUEUE_TYPE REDIS_CLUSTER_NODES REDIS_PARTITIONS REDIS_MIN_REPLICAS DB_URL DB_USERNAME
        cleanup; PIDS=()
    done
fi

echo "results: $RESULTS and $OUT/summary.txt"
python3 - "$RESULTS" <<'EOF' | tee -a "$OUT/summary.txt"
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
https = next((r for r in rows if r.get("label") == "kannel-https-c64"), None)
print(f"{'run':32} {'msg/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'vs Kannel HTTPS c64':>20}")
for r in rows:
    ratio = f"{r['throughput_rps'] / https['throughput_rps']:.2f}x" if https else "-"
    print(f"{r['label']:32} {r['throughput_rps']:9.0f} {r['p50_ms']:8.1f} {r['p99_ms']:8.1f} {r['errors']:7} {ratio:>20}")
# The reference's own CPU per request, to set beside our roles' sum: the reference bench counts the CPU of
# Kannel's processes and the load generator together. Its warm-up is kannel/bench.sh's own "--warmup 5" (not
# this script's WARMUP), taken at the measured rate.
for r in rows:
    acct = r.get("cpu_accounting")
    if r["label"].startswith("kannel-") and r["mode"] == "max" and acct and r.get("loadgen_cpu_s") is not None:
        requests = r["throughput_rps"] * (r["wall_s"] + 5)
        print(f"{r['label']}: Kannel's CPU per request ~{1e6 * (acct['ours_cpu_s'] - r['loadgen_cpu_s']) / requests:.0f} us")
EOF
[ "${LOST:-0}" = 0 ] || { echo "error: accepted messages were not stored (see above)" >&2; exit 1; }
