#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ against the package's modules.
#
# The fuzz targets live outside Sources/, so `swift build` of the package never sees them.
# This script makes a throwaway package in $OUT/pkg: the project's own Package.swift with the
# test targets removed and one executable target per Fuzz/<Target>/ folder appended, its
# Sources/ a symlink to the real ones. SwiftPM then builds with libFuzzer and AddressSanitizer
# (`--sanitize fuzzer --sanitize address` for SwiftPM's linking of libFuzzer's main, plus
# `-Xswiftc -sanitize=fuzzer,address` because SwiftPM passes the two as separate swiftc flags
# and swiftc keeps only the last, silently dropping libFuzzer's coverage instrumentation), optimised (-O) but with Swift's overflow and bounds
# checks kept (the release configuration's -Ounchecked would hide exactly the traps we hunt).
#
# Usage: Fuzz/build.sh [Target...]      (default: every Fuzz/Fuzz* folder)
# Env:   CNB_PACKAGE  package root whose Package.swift + Sources/ to use (default: this repo)
#        FUZZ_OUT     build folder (default: Fuzz/.build); binaries land in $FUZZ_OUT/bin
#        FUZZ_ASAN=0  leave out AddressSanitizer: several times more executions per second for
#                     the pure-Swift targets (parser, .cnb, .ipynb), whose memory safety Swift's
#                     own checks already cover; keep it for the tensor and interpreter targets
set -euo pipefail
FUZZ=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$FUZZ")
BASE=${CNB_PACKAGE:-$ROOT}
OUT=${FUZZ_OUT:-$FUZZ/.build}
PKG=$OUT/pkg
mkdir -p "$PKG" "$OUT/bin"
ln -sfn "$BASE/Sources" "$PKG/Sources"
ln -sfn "$FUZZ" "$PKG/FuzzTargets"
[ -f "$BASE/Package.resolved" ] && cp "$BASE/Package.resolved" "$PKG/Package.resolved"

if [ $# -gt 0 ]; then TARGETS="$*"; else TARGETS=$(cd "$FUZZ" && ls -d Fuzz*/ | tr -d /); fi

# Module each target needs (the rest of the graph comes through dependencies).
deps() {
    case $1 in
        FuzzParser) echo Language ;;
        FuzzTensors) echo Tensors ;;
        FuzzInterpreter) echo Interpreter ;;
        *) echo Notebook ;;
    esac
}

{
    cat "$BASE/Package.swift"
    echo
    echo "// Appended by Fuzz/build.sh: no tests; one libFuzzer executable per Fuzz/ folder."
    echo "package.targets.removeAll { \$0.type == .test }"
    for t in $(cd "$FUZZ" && ls -d Fuzz*/ | tr -d /); do
        echo "package.targets.append(.executableTarget(name: \"$t\", dependencies: [\"$(deps "$t")\"], path: \"FuzzTargets/$t\","
        echo "    swiftSettings: [.unsafeFlags([\"-parse-as-library\"])]))"
        echo "package.products.append(.executable(name: \"$t\", targets: [\"$t\"]))"
    done
} > "$PKG/Package.swift.new"
# Only touch the manifest when it changed, so SwiftPM does not re-plan the build.
cmp -s "$PKG/Package.swift.new" "$PKG/Package.swift" 2>/dev/null || mv "$PKG/Package.swift.new" "$PKG/Package.swift"
rm -f "$PKG/Package.swift.new"

if [ "${FUZZ_ASAN:-1}" = 0 ]; then
    SANITIZE=(--sanitize fuzzer -Xswiftc -sanitize=fuzzer)
else
    SANITIZE=(--sanitize fuzzer --sanitize address -Xswiftc -sanitize=fuzzer,address)
fi
for t in $TARGETS; do
    swift build --package-path "$PKG" --scratch-path "$OUT/swiftpm" -c debug \
        "${SANITIZE[@]}" -Xswiftc -O --product "$t" 2>&1 | grep -v "Cannot export local symbol"
    cp "$OUT/swiftpm/debug/$t" "$OUT/bin/$t"
    echo "built $OUT/bin/$t"
done
