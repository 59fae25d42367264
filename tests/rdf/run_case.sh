#!/usr/bin/env bash
# One data-driven RDF case (see README.md in this folder).
#
#   run_case.sh KENNIS CASE [--update]
#
# CASE is good/NAME.EXT or bad/NAME.EXT, relative to this folder (the diagnostics name it so).
#   good: `kennis export --format nt` (nq for TriG and N-Quads) must print exactly the expected
#         file (NAME.nt or NAME.nq; NAME.out.nt / NAME.out.nq when the input is itself N-Triples
#         or N-Quads), and the same after a round trip through Turtle (TriG).
#   bad:  `kennis load` must exit 1 with exactly NAME.err on standard error and nothing on
#         standard output, and `kennis export -o FILE` must leave no FILE behind.
# With --update the expected file is (re)written from the current output instead.
set -uo pipefail

kennis="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
case="$2"
update="${3:-}"
cd "$(dirname "$0")"
[[ -f "$case" ]] || { echo "no such case: $case"; exit 2; }
tmp="$(mktemp -d "${TMPDIR:-/tmp}/kennis-rdf-case.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
stem="${case%.*}"
ext="${case##*.}"

fail() { echo "FAIL $case: $*"; exit 1; }

if [[ "$case" == good/* ]]; then
  out=nt; via=ttl
  if [[ "$ext" == trig || "$ext" == nq ]]; then out=nq; via=trig; fi
  expected="$stem.$out"
  [[ "$ext" == nt || "$ext" == nq ]] && expected="$stem.out.$out"
  "$kennis" export --format "$out" "$case" > "$tmp/out" 2> "$tmp/err"
  rc=$?
  [[ "$rc" -eq 0 ]] || fail "exit $rc: $(cat "$tmp/err")"
  [[ ! -s "$tmp/err" ]] || fail "unexpected standard error: $(cat "$tmp/err")"
  if [[ "$update" == --update ]]; then cp "$tmp/out" "$expected"; echo "wrote $expected"; exit 0; fi
  [[ -f "$expected" ]] || fail "missing expected output $expected"
  cmp -s "$tmp/out" "$expected" || { diff "$expected" "$tmp/out" | head -n 20; fail "output differs from $expected"; }
  "$kennis" export --format "$via" "$case" > "$tmp/via.$via" || fail "export $via"
  "$kennis" export --format "$out" "$tmp/via.$via" > "$tmp/again" || fail "reading the $via export"
  cmp -s "$tmp/again" "$expected" || { diff "$expected" "$tmp/again" | head -n 20; fail "differs after a round trip through $via"; }
  echo "PASS $case"
elif [[ "$case" == bad/* ]]; then
  expected="$stem.err"
  "$kennis" load "$case" > "$tmp/out" 2> "$tmp/err"
  rc=$?
  [[ "$rc" -eq 1 ]] || fail "exit $rc, expected 1"
  [[ ! -s "$tmp/out" ]] || fail "unexpected standard output: $(cat "$tmp/out")"
  if [[ "$update" == --update ]]; then cp "$tmp/err" "$expected"; echo "wrote $expected"; exit 0; fi
  [[ -f "$expected" ]] || fail "missing expected diagnostic $expected"
  cmp -s "$tmp/err" "$expected" || { diff "$expected" "$tmp/err"; fail "diagnostic differs from $expected"; }
  "$kennis" export --format nt -o "$tmp/partial.nt" "$case" 2> /dev/null
  rc=$?
  [[ "$rc" -eq 1 ]] || fail "export: exit $rc, expected 1"
  [[ -z "$(ls -A "$tmp" | grep partial)" ]] || fail "export left a partial output file"
  echo "PASS $case"
else
  echo "a case is good/... or bad/..."; exit 2
fi
