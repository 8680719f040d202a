# Shared by the bench scripts (sourced): the processes they start, and a Redis Cluster of this box.
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

machine() { echo "$(nproc) cores, $(awk '/model name/ {$1=$2=$3=""; print; exit}' /proc/cpuinfo | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r)"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # utime + stime of one process, in clock ticks
wait_log() { for _ in $(seq 180); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 1; done; echo "not up: $1" >&2; tail -20 "$1" >&2; exit 1; }

# A Redis Cluster of PRIMARIES primaries with a replica each, every node with AOF fsynced on every write, on
# ports 18401.. with its files under DIR/redis-PORT; answers once the cluster is ok. Sets CLUSTER_NODES
# (host:port) and CLUSTER_PIDS, and adds the nodes to PIDS.
start_redis_cluster() { # dir primaries
    local dir=$1 primaries=$2 i port n
    CLUSTER_NODES=(); CLUSTER_PIDS=()
    for i in $(seq 1 $((primaries * 2))); do
        port=$((18400 + i)); mkdir -p "$dir/redis-$port"
        redis-server --port "$port" --bind 127.0.0.1 --cluster-enabled yes --cluster-config-file nodes.conf \
            --dir "$dir/redis-$port" --save "" --appendonly yes --appendfsync always > "$dir/redis-$port.log" 2>&1 &
        PIDS+=($!); CLUSTER_PIDS+=($!); CLUSTER_NODES+=("127.0.0.1:$port")
    done
    for n in "${CLUSTER_NODES[@]}"; do for _ in $(seq 50); do redis-cli -p "${n#*:}" ping >/dev/null 2>&1 && break; sleep 0.1; done; done
    if [ "$primaries" -ge 3 ]; then
        redis-cli --cluster create "${CLUSTER_NODES[@]}" --cluster-replicas 1 --cluster-yes > "$dir/create.log"
    else   # redis-cli creates clusters of three primaries or more: one primary and its replica by hand
        redis-cli -p 18401 cluster addslotsrange 0 16383 > "$dir/create.log"
        redis-cli -p 18402 cluster meet 127.0.0.1 18401 >> "$dir/create.log"
        local primary_id; primary_id=$(redis-cli -p 18401 cluster myid)
        for _ in $(seq 50); do   # the replica must have heard of the primary first (redis-cli exits 0 on ERR)
            [ "$(redis-cli -p 18402 cluster replicate "$primary_id" 2>&1)" = OK ] && break; sleep 0.2
        done
    fi
    for _ in $(seq 100); do redis-cli -p 18401 cluster info | grep -q 'cluster_state:ok' && break; sleep 0.2; done
}
