#!/usr/bin/env bash
# How the portal's message queries hold up as the server's `messages` table grows (docs/operations.md,
# "Scaling out"): fills a scratch database on the local MariaDB and PostgreSQL with the server's schema and
# ROWS synthetic messages spread over CLIENTS clients and one year, then times, as each database executes
# them (MariaDB's ANALYZE, PostgreSQL's EXPLAIN ANALYZE; median of 3), the queries one dashboard view runs:
# the newest page for a user's client, its COUNT for the pager, its counts by status, the same for an admin
# (every client), and deep pages. Only the migrations that shape `messages` are applied (V1 and the page
# indexes of V7): the others do not touch it. Then, with the server's own classes (RetentionRun in the
# benchmarks jar): retention purges the oldest month row by row; the table is partitioned by month as the
# first start with BROKER_RETENTION_PARTITION_BY_MONTH does it; the queries are timed again; retention purges
# the next month, now one partition.
#
# usage: scripts/bench-portal-queries.sh [ROWS=2000000] [CLIENTS=20]   (drops and creates broker_scale)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/java-home.sh"
jar="$root/benchmarks/target/benchmarks.jar"
[ -f "$jar" ] || { echo "error: build first: mvn -B -ntp -DskipTests install" >&2; exit 1; }
ROWS="${1:-2000000}"
CLIENTS="${2:-20}"
schema="$root/server/src/main/resources/db/server"
db=broker_scale
CLIENT="c01"
WHERE="client_id = '$CLIENT'"
# A page of 20 as MessageRepository.page reads it: the ids from an index, then the rows. $1: WHERE, $2: OFFSET
page() {
    echo "SELECT m.* FROM messages m JOIN (SELECT id FROM messages WHERE $1 ORDER BY created_at DESC, id DESC"\
        "LIMIT 20 OFFSET $2) page ON m.id = page.id ORDER BY m.created_at DESC, m.id DESC"
}
queries=(
    "user page 1|$(page "$WHERE" 0)"
    "user count|SELECT COUNT(*) FROM messages WHERE $WHERE"
    "user counts by status|SELECT status, COUNT(*) AS n FROM messages WHERE $WHERE GROUP BY status"
    "user page 1, failed only|$(page "$WHERE AND status = 'failed'" 0)"
    "admin page 1|$(page "1 = 1" 0)"
    "admin count|SELECT COUNT(*) FROM messages"
    "admin counts by status|SELECT status, COUNT(*) AS n FROM messages GROUP BY status"
    "user page 2,500 (offset 49,980)|$(page "$WHERE" 49980)"
    "admin page 2,500 (offset 49,980)|$(page "1 = 1" 49980)"
)
median() { sort -n | sed -n 2p; }
# Prints each query's median execution time; $1 prints one run's milliseconds for the SQL given as $2.
time_queries() {
    local entry label sql ms
    for entry in "${queries[@]}"; do
        label=${entry%%|*}; sql=${entry#*|}
        ms=$(for _ in 1 2 3; do "$1" "$sql"; done | median)
        printf '  %-34s %9.1f ms\n' "$label" "$ms"
    done
}
mariadb_ms() {
    mysql -h 127.0.0.1 -uroot -N "$db" -e "ANALYZE FORMAT=JSON $1" \
        | python3 -c 'import json,sys; print(json.loads(sys.stdin.read().replace("\\n", "\n"))["query_block"]["r_total_time_ms"])'
}
postgresql_ms() {
    psql -h 127.0.0.1 -U postgres -At "$db" -c "EXPLAIN (ANALYZE, FORMAT JSON) $1" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Execution Time"])'
}

# The oldest month purged, the table partitioned, the queries again, the next month purged. $1: JDBC URL,
# $2: user, $3: mariadb or postgresql (its functions <$3>_ms and <$3>_analyze).
retention_and_partitions() {
    run() { # the classes log to the console too: only RetentionRun's own last line counts
        "$JAVA_HOME/bin/java" -cp "$jar" org.messagebroker.server.message.RetentionRun "$1" "$2" "$3" | tail -1
    }
    echo "  retention: $(run "$1" "$2" purge)"
    echo "  first start with BROKER_RETENTION_PARTITION_BY_MONTH: $(run "$1" "$2" partition)"
    "$3_analyze"
    echo "  the queries on the partitioned table:"
    time_queries "$3_ms"
    echo "  retention: $(run "$1" "$2" purge)"
}
mariadb_analyze() { mysql -h 127.0.0.1 -uroot "$db" -e "ANALYZE TABLE messages" > /dev/null; }
postgresql_analyze() { psql -h 127.0.0.1 -U postgres -q "$db" -c "VACUUM ANALYZE messages"; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $ROWS messages over $CLIENTS clients and 365 days"

echo "== MariaDB $(mysql -h 127.0.0.1 -uroot -N -e 'SELECT VERSION()')"
mysql -h 127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db"
cat "$schema"/mysql/V{1__schema,7__page_indexes}.sql | mysql -h 127.0.0.1 -uroot "$db"
mysql -h 127.0.0.1 -uroot "$db" -e "
    INSERT INTO clients (client_id, cert_fingerprint, issued_at, expires_at)
        SELECT CONCAT('c', LPAD(seq, 2, '0')), CONCAT('fp', seq), NOW(), NOW() + INTERVAL 1 YEAR FROM seq_1_to_$CLIENTS;
    INSERT INTO messages (message_id, client_id, sender_number_hashed, sender_number_encrypted, encrypted_body,
            encryption_key_version, status, created_at, queued_at, delivered_at)
        SELECT UUID(), CONCAT('c', LPAD(seq % $CLIENTS + 1, 2, '0')), SHA2(seq, 256), REPEAT('s', 120),
            REPEAT('b', 360), 1, IF(seq % 100 = 0, 'failed', 'delivered'), t, t, t
        FROM (SELECT seq, NOW(6) - INTERVAL ((($ROWS - seq) * 31536) DIV ($ROWS DIV 1000)) SECOND AS t
              FROM seq_1_to_$ROWS) times;
    ANALYZE TABLE messages;" > /dev/null
time_queries mariadb_ms
retention_and_partitions "jdbc:mariadb://127.0.0.1:3306/$db" root mariadb
mysql -h 127.0.0.1 -uroot -e "DROP DATABASE $db"

echo "== PostgreSQL $(psql -h 127.0.0.1 -U postgres -At -c 'SHOW server_version')"
psql -h 127.0.0.1 -U postgres -q -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" \
    -c "CREATE DATABASE $db"
cat "$schema"/postgresql/V{1__schema,7__page_indexes}.sql | psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1 "$db" > /dev/null
psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1 "$db" -c "
    INSERT INTO clients (client_id, cert_fingerprint, issued_at, expires_at)
        SELECT 'c' || LPAD(s::text, 2, '0'), 'fp' || s, NOW(), NOW() + INTERVAL '1 year' FROM generate_series(1, $CLIENTS) s;
    INSERT INTO messages (message_id, client_id, sender_number_hashed, sender_number_encrypted, encrypted_body,
            encryption_key_version, status, created_at, queued_at, delivered_at)
        SELECT gen_random_uuid()::text, 'c' || LPAD((s % $CLIENTS + 1)::text, 2, '0'), md5(s::text) || md5(s::text),
            REPEAT('s', 120), REPEAT('b', 360), 1, CASE WHEN s % 100 = 0 THEN 'failed' ELSE 'delivered' END,
            t, t, t
        FROM generate_series(1, $ROWS) s,
            LATERAL (SELECT NOW() - (($ROWS - s) * 31536000.0 / $ROWS) * INTERVAL '1 second' AS t) times;" \
    -c "VACUUM ANALYZE messages" > /dev/null
time_queries postgresql_ms
retention_and_partitions "jdbc:postgresql://127.0.0.1:5432/$db" postgres postgresql
psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE $db"
