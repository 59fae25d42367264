#!/usr/bin/env bash
# Round trip of `kennis export`: for every input and every syntax F in ttl, trig, nt, nq,
#   a = export F (input);  b = export F (a)   must be byte-identical (load -> export -> load ->
# export), and a must hold the input's data: export nq (a) == export nq (input) for the quad
# syntaxes, and the same in nt for the triple syntaxes (exports are canonical: sorted, with
# canonical blank-node labels, so equal text means isomorphic data).
#
#   roundtrip.sh KENNIS SOURCE_DIR [SHARED_DIR]
#
# Inputs: the W3C Turtle and TriG evaluation inputs and their expected N-Triples/N-Quads
# (SHARED_DIR/conformance/rdf/rdf11: each input on its own, and each suite as one dataset),
# the cases of tests/rdf/good, generated data (datasets/gen_ntriples.py, fixed seed), and
# datasets/ and ontology/ of the source tree when present. Prints counts; exit 0 iff every round trip held, 77 if there
# was nothing to test.
set -uo pipefail

kennis="$1"
src="$2"
shared="${3:-$src/../shared}"
work="$(mktemp -d "${TMPDIR:-/tmp}/kennis-roundtrip.XXXXXX")"
trap 'rm -rf "$work"' EXIT

inputs=0
checks=0
failures=0

fail() {
  failures=$((failures + 1))
  echo "FAIL: $*"
}

# roundtrip NAME PATH...: all formats for one input (a file, a folder, or several files).
roundtrip() {
  local name="$1"; shift
  local dir="$work/$inputs"
  mkdir -p "$dir"
  inputs=$((inputs + 1))
  # Exports go to standard output, except a.F, written with -o (an atomic file replace).
  if ! "$kennis" export --format nq "$@" > "$dir/ref.nq" 2> "$dir/err"; then
    fail "$name: cannot load: $(head -n 1 "$dir/err")"
    return
  fi
  "$kennis" export --format nt "$@" > "$dir/ref.nt" 2> "$dir/err" || { fail "$name: nt export"; return; }
  local f check
  for f in ttl trig nt nq; do
    checks=$((checks + 1))
    if ! "$kennis" export --format "$f" -o "$dir/a.$f" "$@" 2> "$dir/err"; then
      fail "$name: export $f: $(head -n 1 "$dir/err")"
      continue
    fi
    if ! "$kennis" export --format "$f" "$dir/a.$f" > "$dir/b.$f" 2> "$dir/err"; then
      fail "$name: $f output does not load again: $(head -n 1 "$dir/err")"
      continue
    fi
    if ! cmp -s "$dir/a.$f" "$dir/b.$f"; then
      fail "$name: $f: the second export differs from the first"
      diff "$dir/a.$f" "$dir/b.$f" | head -n 10
      continue
    fi
    case "$f" in ttl|nt) check=nt ;; *) check=nq ;; esac
    "$kennis" export --format "$check" "$dir/a.$f" > "$dir/c.$check" 2> "$dir/err"
    if ! cmp -s "$dir/c.$check" "$dir/ref.$check"; then
      fail "$name: $f: the exported data differs from the input"
      diff "$dir/ref.$check" "$dir/c.$check" | head -n 10
    fi
  done
  rm -rf "$dir"
}

rdf11="$shared/conformance/rdf/rdf11"
if [[ -d "$rdf11" ]]; then
  for suite in rdf-turtle rdf-trig; do
    ext=ttl; res=nt
    [[ "$suite" == rdf-trig ]] && { ext=trig; res=nq; }
    files=()
    # Evaluation inputs are the inputs with an expected result beside them.
    for input in "$rdf11/$suite"/*."$ext"; do
      expected="${input%.$ext}.$res"
      [[ -f "$expected" ]] || continue
      case "$(basename "$input")" in manifest.*) continue ;; esac
      grep -q "mf:action *<$(basename "$input")>" "$rdf11/$suite/manifest.ttl" || continue
      files+=("$input" "$expected")
    done
    # Each input on its own (the expected results are plain N-Triples/N-Quads: they are
    # covered, with everything else, by the whole suite as one dataset).
    for ((i = 0; i < ${#files[@]}; i += 2)); do roundtrip "${files[i]}" "${files[i]}"; done
    roundtrip "$suite (all evaluation inputs as one dataset)" "${files[@]}"
  done
else
  echo "W3C inputs skipped: $rdf11 not found"
fi

for file in "$src"/tests/rdf/good/*.{ttl,trig,nt,nq}; do
  [[ -f "$file" ]] && roundtrip "tests/rdf/${file#"$src"/tests/rdf/}" "$file"
done

if command -v python3 > /dev/null; then
  python3 "$src/datasets/gen_ntriples.py" --triples 30000 --seed 7 -o "$work/generated.nt"
  roundtrip "generated (30000 triples, seed 7)" "$work/generated.nt"
fi
for folder in datasets ontology; do
  if [[ -d "$src/$folder" ]] && [[ -n "$(find "$src/$folder" -name '*.ttl' -o -name '*.trig' -o -name '*.nt' -o -name '*.nq' | head -n 1)" ]]; then
    roundtrip "$folder/" "$src/$folder"
  fi
done

echo "round trip: $inputs inputs, $checks format checks, $failures failures"
[[ "$inputs" -gt 0 ]] || exit 77
[[ "$failures" -eq 0 ]]
