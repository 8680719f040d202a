#!/usr/bin/env bash
# Fault-injection suite (docs/reliability.md), one command: the JUnit tests tagged "fault" — kill -9,
# SIGTERM and SIGSTOP of each role under a ledger-keeping load, failpoints, Redis crashes, the server
# down, on both queue backends, and the checker's own negative controls — then the checker's figures
# of every scenario. ./run-tests (CI) runs the fast tier: the faults in sequence under one load per
# backend; this also runs each scenario on its own and the random nemesis (tag fault-full, about 15
# minutes). Extra arguments go to Maven: -Dbroker.fault.seed=N replays a random nemesis run,
# -Dtest=RandomFaultsTest runs only that.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/java-home.sh"
cd "$root"
mvn -B -ntp -q install -DskipTests
status=0
rm -f system-tests/target/fault-suite.txt
mvn -B -ntp test -pl system-tests -Dgroups=fault -Dbroker.excludedGroups=none "$@" | grep -E "Tests run:|FAIL" | tail -15 || status=$?
echo
echo "queue scenario figures (from broker check)"
sort system-tests/target/fault-suite.txt 2>/dev/null
exit $status
