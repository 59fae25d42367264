#!/usr/bin/env bash
# Every W3C negative syntax test through the `kennis` command: `kennis load` must exit 1 with a
# `file:line:col: error:` diagnostic (and no sanitizer report, in a sanitized build), and
# `kennis export -o FILE` must leave no FILE behind.
#
#   rdf_negative_cli.sh KENNIS RDF_CONFORMANCE SUITE_DIR...
set -uo pipefail
kennis="$1"
driver="$2"
shift 2
for dir in "$@"; do
  if [[ ! -f "$dir/manifest.ttl" ]]; then
    echo "SKIPPED: $dir/manifest.ttl not found (the W3C suites in ../shared are absent)"
    exit 77
  fi
done
tmp="$(mktemp -d "${TMPDIR:-/tmp}/kennis-negative.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
"$driver" --list-negative "$@" > "$tmp/list" || exit 1
n=0
failures=0
while IFS=$'\t' read -r syntax path; do
  n=$((n + 1))
  "$kennis" load --format "$syntax" "$path" > /dev/null 2> "$tmp/err"
  rc=$?
  problem=""
  if [[ "$rc" -ne 1 ]]; then
    problem="exit $rc, expected 1"
  elif ! grep -q "^$path:[0-9][0-9]*:[0-9][0-9]*: error: " "$tmp/err"; then
    problem="no file:line:col diagnostic: $(head -n 1 "$tmp/err")"
  elif grep -q 'Sanitizer\|runtime error' "$tmp/err"; then
    problem="sanitizer report"
  else
    "$kennis" export --format ttl --input-format "$syntax" -o "$tmp/out.ttl" "$path" 2> /dev/null
    [[ ! -e "$tmp/out.ttl" ]] || problem="export left an output file"
  fi
  if [[ -n "$problem" ]]; then
    failures=$((failures + 1))
    echo "FAIL $path: $problem"
    head -n 5 "$tmp/err"
  fi
done < "$tmp/list"
echo "negative syntax tests through kennis: $n run, $((n - failures)) passed, $failures failed"
[[ "$failures" -eq 0 && "$n" -gt 0 ]]
