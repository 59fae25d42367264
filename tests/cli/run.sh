#!/usr/bin/env bash
# Runs the command-line cases of cases.tsv (see its header) against a kennis binary.
#
#   run.sh KENNIS [CASES.tsv] [NAME-FILTER]
#
# Each case runs in a fresh empty folder; prints PASS/FAIL/XFAIL per case and the counts.
# Exit 0 iff every case passed (known bugs marked !xfail must still fail).
set -uo pipefail

kennis_bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
here="$(cd "$(dirname "$0")" && pwd)"
cases="${2:-$here/cases.tsv}"
filter="${3:-}"
work="$(mktemp -d "${TMPDIR:-/tmp}/kennis-cli.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
printf '#!/bin/sh\nexec "%s" "$@"\n' "$kennis_bin" > "$work/bin/kennis"
chmod +x "$work/bin/kennis"
export PATH="$work/bin:$PATH"
export DATA="$here/data"

pass=0 fail=0 xfail=0 n=0
while IFS=$'\t' read -r name code stderr_re command check; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  [[ -n "$filter" && "$name" != *"$filter"* ]] && continue
  n=$((n + 1))
  dir="$work/case$n"
  mkdir -p "$dir"
  ( cd "$dir" && bash -c "$command" ) > "$work/out" 2> "$work/err"
  rc=$?
  problems=()
  [[ "$rc" == "$code" ]] || problems+=("exit $rc, expected $code")
  case "$stderr_re" in
    '*') ;;
    '-') [[ ! -s "$work/err" ]] || problems+=("stderr not empty") ;;
    *) grep -Ezq -- "$stderr_re" "$work/err" || problems+=("stderr does not match /$stderr_re/") ;;
  esac
  if [[ -n "${check:-}" ]] && ! ( cd "$dir" && bash -c "$check" ); then
    problems+=("check failed: $check")
  fi
  leftovers=$(find "$dir" -name '*.tmp-*' | head -n 1)
  [[ -z "$leftovers" ]] || problems+=("temporary file left behind: $leftovers")
  if [[ "$name" == *'!xfail' ]]; then
    if [[ ${#problems[@]} -gt 0 ]]; then
      xfail=$((xfail + 1))
      echo "XFAIL ${name%!xfail} (known bug: ${problems[0]})"
    else
      fail=$((fail + 1))
      echo "FAIL  ${name%!xfail}: passes now; remove its !xfail marker"
    fi
  elif [[ ${#problems[@]} -eq 0 ]]; then
    pass=$((pass + 1))
    echo "PASS  $name"
  else
    fail=$((fail + 1))
    echo "FAIL  $name: ${problems[*]}"
    echo "      command: $command"
    sed 's/^/      stderr: /' "$work/err" | head -n 8
  fi
done < "$cases"

echo "cli cases: $n run, $pass passed, $fail failed, $xfail known bugs (xfail)"
[[ "$fail" -eq 0 ]]
