#!/usr/bin/env bash
# What storing a message costs MariaDB as the server's `messages` table grows, for each InnoDB buffer pool
# size given (docs/operations.md, "Sizing MariaDB's buffer pool"): for each size, a scratch database gets the
# server's schema (V1 and the page indexes of V7, as bench-portal-queries.sh), then CHUNKS times 200,000
# rows go in through the statement the server runs for a delivered batch (INSERT IGNORE … RETURNING
# message_id, 100 rows each, ids UUID version 7, random sender hashes, ~370 base64 characters of sealed data
# per row). Prints, per chunk, the mariadbd CPU per row and the chunk's wall time, then the table's size.
# Sets innodb_buffer_pool_size globally and puts it back.
#
# usage: scripts/bench-message-inserts.sh [CHUNKS=5] [POOLS="128M 1G"]   (drops and creates broker_inserts)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/bench-lib.sh"
CHUNKS="${1:-5}"
POOLS="${2:-128M 1G}"
db=broker_inserts
sql="mysql -h 127.0.0.1 -uroot"
work=$(mktemp -d)
before=$($sql -N -e "SELECT @@innodb_buffer_pool_size")
trap 'cleanup; $sql -e "SET GLOBAL innodb_buffer_pool_size=$before; DROP DATABASE IF EXISTS $db"; rm -rf "$work"' EXIT

rows() { # chunk number: 2,000 INSERT statements of 100 rows, ids after every earlier chunk's
    python3 - "$1" <<'PY'
import base64, hashlib, os, random, sys, time
chunk, per, start = int(sys.argv[1]), 100, int(time.time() * 1000)
for b in range(2000):
    values = []
    for i in range(per):
        n = (chunk * 2000 + b) * per + i
        ms = start + n // 10
        r = os.urandom(9).hex()
        mid = f"{ms:012x}"[:8] + "-" + f"{ms:012x}"[8:] + "-7" + r[:3] + "-8" + r[3:6] + "-" + r[6:18]
        sender = hashlib.sha256(str(random.randrange(10**6)).encode()).hexdigest()
        ts = time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(ms / 1000)) + ".%06d" % (ms % 1000 * 1000)
        values.append(f"('{mid}','bench','default','{sender}','{base64.b64encode(os.urandom(48)).decode()}',"
                      f"'{base64.b64encode(os.urandom(180)).decode()}',1,'delivered',1,'{ts}','{ts}','{ts}',NULL,'{ts}')")
    print("INSERT IGNORE INTO messages (message_id, client_id, domain, sender_number_hashed, sender_number_encrypted,"
          " encrypted_body, encryption_key_version, status, attempt_count, created_at, queued_at, delivered_at,"
          " error_message, last_attempt_at) VALUES " + ",".join(values) + " RETURNING message_id;")
PY
}

for chunk in $(seq "$CHUNKS"); do rows "$chunk" > "$work/chunk$chunk.sql"; done
pid=$(pgrep -o mariadbd)
echo "== MariaDB $($sql -N -e 'SELECT VERSION()'), $(machine)"
for pool in $POOLS; do
    bytes=$(numfmt --from=iec "$pool")
    $sql -e "SET GLOBAL innodb_buffer_pool_size=$bytes"
    sleep 3 # the resize runs in the background
    $sql -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db"
    cat "$root"/server/src/main/resources/db/server/mysql/V{1__schema,7__page_indexes}.sql | $sql "$db"
    $sql "$db" -e "INSERT INTO clients (client_id, cert_fingerprint, issued_at, expires_at)
                   VALUES ('bench', 'fp', NOW(), NOW() + INTERVAL 1 YEAR)"
    for chunk in $(seq "$CHUNKS"); do
        ticks=$(cpu_ticks "$pid"); started=$(date +%s%N)
        $sql "$db" < "$work/chunk$chunk.sql" > /dev/null
        used=$(( ($(cpu_ticks "$pid") - ticks) * 1000000 / $(getconf CLK_TCK) ))
        printf 'pool %s, rows %7d-%7d: %3d us of mariadbd CPU per row, %5.1f s\n' "$pool" \
            $(( (chunk - 1) * 200000 )) $(( chunk * 200000 )) $(( used / 200000 )) \
            "$(echo "($(date +%s%N) - $started) / 1000000000" | bc -l)"
    done
    $sql "$db" -e "ANALYZE TABLE messages" > /dev/null # the sizes below are statistics, refreshed lazily
    $sql -N -e "SELECT CONCAT('table ', ROUND(data_length / 1e6), ' MB, indexes ', ROUND(index_length / 1e6), ' MB')
                FROM information_schema.tables WHERE table_schema = '$db' AND table_name = 'messages'"
done
