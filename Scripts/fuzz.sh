#!/usr/bin/env bash
# Builds one libFuzzer target of Fuzz/ and runs it (issue 8; LIMITS.md "Fuzzing").
#
#   Scripts/fuzz.sh TARGET SECONDS        # e.g. Scripts/fuzz.sh zip 600
#   Scripts/fuzz.sh TARGET build          # build only
#   Scripts/fuzz.sh TARGET FILE...        # replay inputs (a crash, a fixture) once each
#
# Targets: zip xml xlsx csv cfb xls viettext numbers mapping.
#
# SwiftPM cannot build a fuzzer without a target in Package.swift, so each module the target needs is compiled here
# with swiftc (-sanitize=fuzzer,address, whole-module, -enable-testing so a target may reach internal types) into
# .build-fuzz/modules/, and Fuzz/TARGET.swift is linked against them with libFuzzer's main.
# The corpus grows in .build-fuzz/corpus/TARGET (seeded from the project's fixtures on first run); crashing, hanging
# or over-allocating inputs land in .build-fuzz/artifacts/TARGET/ and go to Tests/Fixtures/hostile/fuzz/ with a test.
#
# Bounds (Done means of issue 8): -timeout=10 (a hang is an input taking over 10 s), -rss_limit_mb=2048 and
# -malloc_limit_mb=512 (one allocation over 512 MiB is a failure: every target sets reader limits well below it).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
TARGET="${1:?usage: Scripts/fuzz.sh TARGET SECONDS|build|FILE...}"
shift
OUT="$ROOT/.build-fuzz"
MODULES="$OUT/modules"
mkdir -p "$MODULES" "$OUT/bin" "$OUT/corpus/$TARGET" "$OUT/artifacts/$TARGET" "$OUT/logs"
SWIFTC="${SWIFTC:-swiftc}"
# FUZZ_SOURCES=DIR builds the modules from another copy of Sources/ (a clean export of a commit, while the working
# tree is mid-edit).
SOURCES="${FUZZ_SOURCES:-$ROOT/Sources}"
FLAGS=(-sanitize=fuzzer,address -O -wmo -enable-testing -parse-as-library -g -I "$MODULES" -I "$ROOT/Sources/CZlib")

case "$TARGET" in
zip) NEEDS=(SheetCore SheetZip) ;;
xml) NEEDS=(SheetCore SheetXML) ;;
xlsx) NEEDS=(SheetCore SheetZip SheetXML SheetXLSX) ;;
csv) NEEDS=(SheetCore SheetCSV) ;;
cfb | xls) NEEDS=(SheetCore SheetXLS) ;;
viettext) NEEDS=(SheetCore VietText) ;;
numbers) NEEDS=(SheetCore) ;;
mapping) NEEDS=(SheetCore SheetZip SheetXML SheetXLSX VietText CYaml Yams Forms) ;;
*)
    echo "unknown target $TARGET" >&2
    exit 2
    ;;
esac

# Where a module's sources are: ours in Sources/, Yams in SwiftPM's checkout (fetched with `swift package resolve`).
sources_of() {
    case "$1" in
    Yams | CYaml)
        local checkout
        checkout="$(ls -d "$ROOT"/.build*/checkouts/Yams 2>/dev/null | head -1)"
        if [ -z "$checkout" ]; then
            swift package resolve --scratch-path "$OUT/spm" >&2
            checkout="$OUT/spm/checkouts/Yams"
        fi
        echo "$checkout/Sources/$1"
        ;;
    *) echo "$SOURCES/$1" ;;
    esac
}

build_module() {
    local name="$1" dir lib
    dir="$(sources_of "$name")"
    if [ "$name" = CYaml ]; then
        lib="$MODULES/libCYaml.a"
        if [ ! -f "$lib" ] || [ -n "$(find "$dir" -newer "$lib" -name '*.[ch]' | head -1)" ]; then
            echo "building CYaml" >&2
            rm -rf "$MODULES/CYaml" && mkdir -p "$MODULES/CYaml"
            for c in "$dir"/src/*.c; do
                clang -O1 -g -fsanitize=fuzzer-no-link,address -DYAML_DECLARE_STATIC -I "$dir/include" -c "$c" \
                    -o "$MODULES/CYaml/$(basename "$c" .c).o"
            done
            ar rcs "$lib" "$MODULES"/CYaml/*.o
        fi
        return
    fi
    lib="$MODULES/lib$name.a"
    if [ -f "$lib" ] && [ -z "$(find "$dir" -newer "$lib" -name '*.swift' | head -1)" ]; then return; fi
    echo "building $name" >&2
    local extra=()
    case "$name" in Yams | Forms) extra=(-D SWIFT_PACKAGE -I "$(sources_of CYaml)/include" -Xcc -DYAML_DECLARE_STATIC) ;; esac
    mapfile -t files < <(find "$dir" -name '*.swift' | sort)
    "$SWIFTC" "${FLAGS[@]}" "${extra[@]}" -module-name "$name" -emit-module -emit-module-path "$MODULES/$name.swiftmodule" \
        -emit-library -static -o "$lib" "${files[@]}"
}

for module in "${NEEDS[@]}"; do build_module "$module"; done

BIN="$OUT/bin/fuzz-$TARGET"
if [ ! -f "$BIN" ] || [ "$ROOT/Fuzz/$TARGET.swift" -nt "$BIN" ] || [ -n "$(for m in "${NEEDS[@]}"; do
    [ "$MODULES/lib$m.a" -nt "$BIN" ] && echo newer
done)" ]; then
    echo "linking fuzz-$TARGET" >&2
    libs=()
    # Static libraries resolve left to right: the modules that depend on others come first.
    for ((i = ${#NEEDS[@]} - 1; i >= 0; i--)); do libs+=("$MODULES/lib${NEEDS[i]}.a"); done
    [ "$TARGET" = mapping ] && extra=(-I "$(sources_of CYaml)/include") || extra=()
    "$SWIFTC" "${FLAGS[@]}" "${extra[@]}" -module-name "Fuzz_$TARGET" "$ROOT/Fuzz/$TARGET.swift" \
        "${libs[@]}" -lz -o "$BIN"
fi

[ "${1:-}" = build ] && exit 0

# Seeds: the project's own fixtures of the target's format (copied once; libFuzzer adds to the folder).
seed() {
    local corpus="$OUT/corpus/$TARGET"
    [ -n "$(ls -A "$corpus")" ] && return
    case "$TARGET" in
    zip | xlsx) find Tests/Fixtures/xlsx Tests/Fixtures/hostile -name '*.xlsx' -size -256k ;;
    xml) find Tests/Fixtures/xlsx-golden -name '*.xml' -size -64k | head -200 ;;
    csv) find Tests/Fixtures Samples -name '*.csv' -size -256k ;;
    cfb | xls) find Tests/Fixtures/xls Tests/Fixtures/hostile -name '*.xls' -size -512k ;;
    viettext) find Tests/Fixtures/viettext Tests/VietTextTests -type f -size -64k 2>/dev/null ;;
    numbers) ;;
    mapping) find Mappings Tests/Fixtures/forms -name '*.yaml' -size -64k 2>/dev/null ;;
    esac | while read -r f; do cp "$f" "$corpus/seed-$(basename "$f")"; done || true  # a seed folder may not exist
    # Small handmade seeds where the project has no files of that kind.
    case "$TARGET" in
    numbers) for s in "1.234,5" "1,234.5" "-12%" "(1.000)" "1e308" "0,000001" "12.345.678,90 đ" "45292" \
        "2024-01-31T12:00:00"; do printf '%s' "$s" >"$corpus/seed-$(printf '%s' "$s" | md5sum | cut -c1-8)"; done ;;
    viettext) for s in 'Tr\xadêng' 'Vi\xd6t Nam' 'Ho\xe0ng' "Vie^.t Nam" 'xa\xcc'; do
        printf "$s" >"$corpus/seed-$(printf '%s' "$s" | md5sum | cut -c1-8)"; done ;;
    esac
}

if [ "$#" -ge 1 ] && [ -f "$1" ]; then
    exec "$BIN" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=512 "$@"
fi

SECONDS_TO_RUN="${1:-600}"
seed
MAXLEN=1048576
case "$TARGET" in
numbers | viettext) MAXLEN=4096 ;;
xml | csv | mapping) MAXLEN=65536 ;;
esac
exec "$BIN" "$OUT/corpus/$TARGET" -artifact_prefix="$OUT/artifacts/$TARGET/" -max_total_time="$SECONDS_TO_RUN" \
    -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=512 -max_len="$MAXLEN" -print_final_stats=1 \
    -detect_leaks=0
