#!/usr/bin/env bash
# Runs `bieumau cat` on every file of the hostile corpus (Tests/Fixtures/hostile/expected.txt) and on a 1 GiB
# unterminated CSV quote streamed through a FIFO (never written to disk), and measures each run's wall time and peak
# memory against issue 8's goal: the expected outcome within 2 s and 200 MB.
#
#   Scripts/hostile_check.sh [path/to/bieumau]      # default: the release build in .build-hostile, else debug
#
# Prints one line per file (outcome, seconds, peak RSS) and exits 1 if any run misses its outcome or the goal.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${1:-}"
if [ -z "$BIN" ]; then
    for candidate in "$ROOT/.build-hostile/release/bieumau" "$ROOT/.build-hostile/debug/bieumau"; do
        [ -x "$candidate" ] && BIN="$candidate" && break
    done
fi
[ -x "$BIN" ] || { echo "no bieumau binary; build one first (swift build --scratch-path .build-hostile)" >&2; exit 2; }
HOSTILE="$ROOT/Tests/Fixtures/hostile"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
failures=0

# check FILE EXPECTED [extra cat arguments]: runs cat, compares the exit code, measures time and memory.
check() {
    local file="$1" expected="$2"
    shift 2
    /usr/bin/time -f "%e %M" -o "$TMP/time" timeout 20 "$BIN" cat "$file" "$@" >/dev/null 2>"$TMP/stderr"
    local status=$?
    read -r seconds kilobytes < <(tail -1 "$TMP/time") || { seconds=99; kilobytes=0; }
    local want=3
    [ "$expected" = ok ] && want=0
    local verdict=pass
    [ "$status" -ne "$want" ] && verdict="FAIL(exit $status, want $want)"
    awk -v s="$seconds" 'BEGIN { exit !(s > 2) }' && verdict="FAIL(>2 s)"
    [ "$kilobytes" -gt 204800 ] && verdict="FAIL(>200 MB)"
    [ "$verdict" = pass ] || failures=$((failures + 1))
    printf '%-38s %-52s %6.2f s %7.1f MB  %s\n' "$(basename "$file")" "$expected" "$seconds" \
        "$(awk -v k="$kilobytes" 'BEGIN { print k / 1024 }')" "$verdict"
}

while read -r file expected; do
    case "$file" in '#'* | '') continue ;; esac
    extra=()
    [[ "$file" == *.csv ]] && extra=(--encoding utf-8)
    check "$HOSTILE/$file" "$expected" "${extra[@]}"
done <"$HOSTILE/expected.txt"

# 1 GiB unterminated quote, generated on the fly into a FIFO.
mkfifo "$TMP/unterminated-1gib.csv"
python3 - "$TMP/unterminated-1gib.csv" <<'PY' &
import sys
block = b"a" * (1 << 20)
try:
    with open(sys.argv[1], "wb") as out:
        out.write(b'STT,Don vi\n1,"')
        for _ in range(1024):
            out.write(block)
except BrokenPipeError:
    pass  # the reader stopped at its field limit, as it should
PY
writer=$!
check "$TMP/unterminated-1gib.csv" "CSVError.limitExceeded" --encoding utf-8
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null

echo "binary: $BIN"
if [ "$failures" -gt 0 ]; then
    echo "$failures run(s) missed the goal"
    exit 1
fi
echo "every run gave its expected outcome within 2 s and 200 MB"
