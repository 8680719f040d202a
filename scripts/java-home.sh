# Sourced by ./broker, ./run-tests and .ci/run: exports JAVA_HOME pointing at a JDK >= 21
# (the newest under /usr/lib/jvm when JAVA_HOME is unset or too old), or stops with a clear message.

java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(java_major "$JAVA_HOME")" -lt 21 ]; then
    best="" best_major=0
    for candidate in /usr/lib/jvm/*; do
        [ -x "$candidate/bin/javac" ] || continue
        major=$(java_major "$candidate")
        if [ -n "$major" ] && [ "$major" -gt "$best_major" ]; then
            best="$candidate" best_major="$major"
        fi
    done
    if [ "$best_major" -lt 21 ]; then
        echo "error: no JDK 21 or newer found (JAVA_HOME='${JAVA_HOME:-}', nothing suitable under /usr/lib/jvm)." >&2
        echo "       Install one (e.g. JDK 25) and set JAVA_HOME to it." >&2
        exit 1
    fi
    export JAVA_HOME="$best"
fi
export PATH="$JAVA_HOME/bin:$PATH"
