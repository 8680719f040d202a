#!/usr/bin/env bash
# Soak test (docs/reliability.md): the roles as separate processes on a fresh data directory, a
# ledger-keeping load at a moderate rate for MINUTES, one fault every FAULT_EVERY seconds (kill -9 of a
# role chosen in turn, then its restart), and every 10 s a sample of each role's memory, threads and
# file descriptors and of the queue depth. At the end `broker check` reconciles the ledger with the
# database. Prints the figures; the samples are in OUT/samples.csv, submission latency per minute (from
# the ledger) in OUT/latency.csv, and with gnuplot installed charts of both in OUT/soak.png.
#   scripts/soak.sh [MINUTES] [RATE] [OUT]      (defaults: 30, 20, ./soak-<date>)
# Needs a JDK >= 21; uses the embedded SQLite database and the JDBC queue in PostgreSQL (127.0.0.1:5432).
set -uo pipefail   # not -e: a process dying between two samples must not end the soak
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
minutes=${1:-30}; rate=${2:-20}; out=$(realpath -m "${3:-./soak-$(date -u +%Y%m%dT%H%M%S)}")
fault_every=${FAULT_EVERY:-180}
mkdir -p "$out"; data="$out/data"
queue_db="soak_$(date +%s)"
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $queue_db" >/dev/null || exit 1
export QUEUE_TYPE=jdbc QUEUE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$queue_db" QUEUE_JDBC_USERNAME=postgres
export RATE_LIMIT_PER_MINUTE=100000000 BROKER_JAVA_OPTS="-Xmx512m"
declare -A pid
start() { # role: starts it and waits until it reports that it started
    local before; before=$(grep -c "Application in " "$out/$1.log" 2>/dev/null || true)
    "$root/broker" run "$1" --data-dir "$data" >>"$out/$1.log" 2>&1 &
    pid[$1]=$!
    for _ in $(seq 120); do
        [ "$(grep -c "Application in " "$out/$1.log" 2>/dev/null || true)" -gt "${before:-0}" ] && return 0
        sleep 1
    done
    echo "soak: $1 did not start; see $out/$1.log" >&2
    return 1
}
cleanup() {
    for p in "${pid[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    kill "${load:-0}" 2>/dev/null || true
    sleep 1
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $queue_db" >/dev/null 2>&1 || true
}
trap cleanup EXIT
start server && start worker && start proxy || exit 1
proxy_port=${PROXY_PORT:-8001}
"$root/broker" bench --url "https://localhost:$proxy_port" --data-dir "$data" --rate "$rate" --duration "${minutes}m" \
    --count 1000000000 --concurrency 16 --run-id soak --ledger "$out/ledger" >"$out/bench.txt" 2>&1 &
load=$!
echo "t_seconds,role,rss_mb,threads,fds,queue_depth" >"$out/samples.csv"
roles=(worker proxy server); fault=0; begin=$(date +%s)
while kill -0 "$load" 2>/dev/null; do
    now=$(( $(date +%s) - begin ))
    depth=$(curl -s --max-time 5 --cacert "$data/ca.crt" --cert "$data/demo-client.crt" --key "$data/demo-client.key" \
        "https://localhost:$proxy_port/metrics" | awk '/^jdbc_queue_size|^redis_queue_size|^queue_depth/{print $2; exit}')
    for role in server worker proxy; do
        p=${pid[$role]}
        [ -d /proc/$p ] || continue
        rss=$(awk '/VmRSS/{printf "%d", $2/1024}' /proc/$p/status 2>/dev/null) || continue
        threads=$(awk '/Threads/{print $2}' /proc/$p/status 2>/dev/null) || continue
        fds=$(ls /proc/$p/fd 2>/dev/null | wc -l)
        echo "$now,$role,$rss,$threads,$fds,${depth:-}" >>"$out/samples.csv"
    done
    if [ "$now" -ge $(( (fault + 1) * fault_every )) ] && [ "$now" -lt $(( minutes * 60 - 60 )) ]; then
        role=${roles[$(( fault % 3 ))]}; fault=$(( fault + 1 ))
        echo "$(date -u +%T) fault $fault: kill -9 $role" | tee -a "$out/faults.txt"
        echo "$now,$role" >>"$out/faults.csv"
        kill -9 "${pid[$role]}"; start "$role" || echo "soak: $role did not come back" | tee -a "$out/faults.txt"
        echo "$(date -u +%T) $role back after $(( $(date +%s) - begin - now )) s" | tee -a "$out/faults.txt"
    fi
    sleep 10
done
tail -1 "$out/bench.txt"
"$root/broker" check --ledger "$out/ledger" --data-dir "$data" --timeout 120s | tee "$out/check.txt"
# Latency per minute from the ledger: p50, p99 and max of every attempt answered in that minute.
echo "minute_utc,attempts,p50_ms,p99_ms,max_ms" >"$out/latency.csv"
grep -o '"answered_at":"[^"]*","latency_us":[0-9]*' "$out/ledger" \
    | sed -E 's/"answered_at":"([^"]{16})[^"]*","latency_us":/\1 /' | sort -k1,1 -k2,2n \
    | awk 'function flush() { if (n) printf "%s,%d,%.1f,%.1f,%.1f\n", m, n, v[int((n-1)*0.5)+1]/1000, v[int((n-1)*0.99)+1]/1000, v[n]/1000 }
           $1 != m { flush(); m = $1; n = 0 } { v[++n] = $2 } END { flush() }' >>"$out/latency.csv"
echo "Latency per minute (p50 / p99 / max in ms; faults at the times in faults.txt):"
column -s, -t "$out/latency.csv" | sed 's/^/  /'
echo "Samples (min / max over the run, after the first 2 minutes):"
awk -F, 'NR>1 && $1>=120 {k=$2; for (i=3;i<=5;i++){ if(!(k SUBSEP i in mn) || $i<mn[k,i]) mn[k,i]=$i; if($i>mx[k,i]) mx[k,i]=$i }}
    $6 != "" { depth = $6 + 0; if (depth > maxdepth + 0) maxdepth = depth }
    END{ split("server worker proxy", r, " "); for (j=1;j<=3;j++) printf "  %-7s rss %s-%s MB, threads %s-%s, fds %s-%s\n", r[j], mn[r[j],3], mx[r[j],3], mn[r[j],4], mx[r[j],4], mn[r[j],5], mx[r[j],5]
         printf "  queue depth at most %s, %s at the last sample\n", maxdepth + 0, depth + 0 }' "$out/samples.csv"
if command -v gnuplot >/dev/null; then
    gnuplot -e "dir='$out'" "$root/scripts/soak-plot.gnuplot" && echo "Charts: $out/soak.png"
fi
