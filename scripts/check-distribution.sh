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
echo "distribution check: $(basename "$archive") unpacks, starts and initialises an installation"
