#!/usr/bin/env bash
# run_case.sh KENNIS CASE.ttl — runs `kennis check` on CASE.ttl and compares its diagnostics
# with CASE.err and its exit code with CASE.exit.
set -uo pipefail
kennis="$1"
case_file="$2"
dir="$(cd "$(dirname "$case_file")" && pwd)"
base="${case_file%.ttl}"
actual="$(cd "$dir" && "$kennis" check "$(basename "$case_file")" 2>&1 >/dev/null)"
code=$?
expected="$(sed "s|@DIR@|$dir|g" "$base.err")"
want_code="$(cat "$base.exit")"
if [[ "$actual" != "$expected" ]]; then
  echo "diagnostics differ for $case_file"
  diff <(echo "$expected") <(echo "$actual")
  exit 1
fi
if [[ "$code" != "$want_code" ]]; then
  echo "exit code $code, expected $want_code"
  exit 1
fi
