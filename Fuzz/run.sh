#!/usr/bin/env bash
# Runs every libFuzzer target built by Fuzz/build.sh for SECONDS seconds each and reports
# executions and crashes. Seed corpora come from the project's own inputs: notebooks/,
# Tests/Corpus (Python sources), Tests/Fixtures (notebooks, JSON), Fuzz/Seeds and the
# crash inputs kept in Fuzz/Regressions. New
# inputs found accumulate in $FUZZ_OUT/corpus/<Target>; crashing inputs are saved in
# $FUZZ_OUT/crashes/ and make the script exit 1 (turn each into a regression test).
#
# Usage: Fuzz/run.sh SECONDS [Target...]   (FUZZ_TIMEOUT=N: per-input limit in seconds, default 20;
#        raise it when the fuzzers run at low priority on a busy machine)
set -uo pipefail
FUZZ=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$FUZZ")
OUT=${FUZZ_OUT:-$FUZZ/.build}
SECONDS_EACH=${1:-60}
shift || true
if [ $# -gt 0 ]; then TARGETS="$*"; else TARGETS=$(cd "$FUZZ" && ls -d Fuzz*/ | tr -d /); fi

# Seeds: copied (flattened, unique names) into $OUT/seeds/<Target>.
seed() {
    local target=$1; shift
    local dir="$OUT/seeds/$target"
    mkdir -p "$dir"
    local f
    for f in "$@"; do
        [ -f "$f" ] && cp "$f" "$dir/$(echo "${f#"$ROOT"/}" | tr / _)"
    done
    return 0
}
sources=$(find "$ROOT/Tests/Corpus" -name '*.py' 2>/dev/null)
notebooks=$(find "$ROOT/notebooks" "$ROOT/Tests/Fixtures" -name '*.cnb' 2>/dev/null)
jsons=$(find "$ROOT/Tests/Fixtures" "$FUZZ/Seeds" -name '*.ipynb' -o -name '*.json' 2>/dev/null | grep -v /golden/)

status=0
mkdir -p "$OUT/crashes"
for t in $TARGETS; do
    bin="$OUT/bin/$t"
    [ -x "$bin" ] || { echo "$t: not built (run Fuzz/build.sh)"; status=1; continue; }
    # Inputs that once crashed a target (Fuzz/Regressions/<Target>) are replayed first.
    [ -d "$FUZZ/Regressions/$t" ] && seed "$t" "$FUZZ/Regressions/$t"/*
    case $t in
        FuzzParser|FuzzInterpreter) seed "$t" $sources $notebooks ;;
        FuzzCnb) seed "$t" $notebooks ;;
        FuzzIpynb) seed "$t" $jsons ;;
        *) seed "$t" ;;
    esac
    mkdir -p "$OUT/corpus/$t"
    log="$OUT/$t.log"
    # The interpreter recurses on the native stack: give the main thread room too.
    ( ulimit -s unlimited 2>/dev/null
      SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1:malloc_context_size=2 "$bin" \
        -max_total_time="$SECONDS_EACH" -max_len=4096 -timeout="${FUZZ_TIMEOUT:-20}" -rss_limit_mb=3072 \
        -print_final_stats=1 -artifact_prefix="$OUT/crashes/$t-" \
        "$OUT/corpus/$t" "$OUT/seeds/$t" ) >"$log" 2>&1
    rc=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    if [ $rc -ne 0 ]; then
        status=1
        echo "$t: CRASH after ${runs:-?} executions; see $log and $OUT/crashes/"
        grep -m3 -E 'ERROR|Fatal error|deadly signal|timeout' "$log" | sed 's/^/    /'
    else
        echo "$t: ${runs:-?} executions in ${SECONDS_EACH}s, no crash"
    fi
done
exit $status
