#!/usr/bin/env bash
# Security suite (docs/security.md), one command:
#  1. the JUnit tests tagged "security": TLS scans of every port (sslscan), mTLS identity and
#     revocation, JWT forgery and misuse, IDOR, CSRF, XSS, CSV injection, plaintext search of queue,
#     database, logs and backups, no secrets in the repository, fuzz-input replays;
#  2. sqlmap against the filters of the portal and admin API of a throw-away installation;
#  3. with --fuzz SECONDS, coverage-guided fuzzing (Jazzer) of request parsing, CSR/PEM parsing and
#     decryption for that long each.
# Needs sslscan and sqlmap (Debian packages) and the services of ./run-tests.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/java-home.sh"
cd "$root"
fuzz=0; [ "${1:-}" = --fuzz ] && fuzz=${2:?--fuzz needs seconds}
for tool in sslscan sqlmap; do command -v $tool >/dev/null || { echo "security suite: $tool is not installed (apt-get install $tool)" >&2; exit 2; }; done

echo "== 1. JUnit security tier"
mvn -B -ntp -q install -DskipTests
mvn -B -ntp test -Dgroups=security -Dsurefire.failIfNoSpecifiedTests=false | grep -E "Tests run:|FAIL|ERROR" | tail -20

echo "== 2. sqlmap against the portal and admin API filters"
scratch=$(mktemp -d); trap 'kill ${broker:-0} 2>/dev/null || true; rm -rf "$scratch"' EXIT
export MAIN_SERVER_PORT=18000 MAIN_SERVER_INTERNAL_PORT=18002 PROXY_PORT=18001 PORTAL_PORT=18443 WORKER_METRICS_PORT=19100
./broker run all --data-dir "$scratch/data" >"$scratch/broker.log" 2>&1 & broker=$!
for _ in $(seq 120); do grep -q "is running" "$scratch/broker.log" && break; sleep 1; done
password=$(sed -n 's/^password=//p' "$scratch/data/initial-admin.txt")
token=$(curl -s --cacert "$scratch/data/ca.crt" -H 'Content-Type: application/json' \
    -d "{\"email\":\"admin@example.com\",\"password\":\"$password\"}" https://localhost:18000/portal/auth/login \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
found=0
for path in "/portal/messages?status=delivered&sender=%2B4915200000000&from_date=2026-01-01&to_date=2026-12-31&client_id=demo-client&page=1&per_page=10" \
            "/admin/audit?event_type=login&client_id=demo-client&from=2026-01-01&to=2026-12-31" \
            "/admin/certificates?status=active" "/admin/users?role=admin"; do
    out=$(sqlmap -u "https://127.0.0.1:18000$path" --headers="Authorization: Bearer $token" --batch --level 2 --risk 1 \
        --flush-session --output-dir "$scratch/sqlmap" 2>&1 || true)
    if grep -qiE "is vulnerable|parameter '.*' (is|might be) injectable" <<<"$out"; then
        echo "INJECTABLE: $path"; found=1
    else
        echo "not injectable: $path ($(grep -c 'testing' <<<"$out") techniques tried)"
    fi
done
[ $found -eq 0 ] || { echo "security suite: sqlmap found an injection" >&2; exit 1; }

if [ "$fuzz" -gt 0 ]; then
    echo "== 3. Fuzzing, ${fuzz}s per target"
    export JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${fuzz}s"
    JAZZER_INSTRUMENTATION_INCLUDES='org.messagebroker.**:tools.jackson.**' mvn -B -ntp test -pl proxy -Dtest=SubmitRequestFuzzTest | grep -E "Tests run:|cov:|FAIL" | tail -3
    JAZZER_INSTRUMENTATION_INCLUDES='org.messagebroker.**:org.bouncycastle.**' mvn -B -ntp test -pl server -Dtest='CsrFuzzTest,DecryptionFuzzTest' | grep -E "Tests run:|cov:|FAIL" | tail -3
fi
echo "security suite: passed"
