#!/usr/bin/env bash
# Reasoning figures: RDFS + the univ-bench OWL RL rules on LUBM(10), and the Kennis rules on a
# generated 1 M-triple file of the domain (datasets/gen_ntriples.py). Prints what
# bench/reason_bench reports (load, materialisation, derived triples/s, peak memory,
# incremental updates of 1, 100 and 10 000 triples against full materialisation).
#
#   bench/reason.sh [--bench build/release/bench/reason_bench] [--lubm DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bench="$root/build/release/bench/reason_bench"
lubm="$root/../shared/datasets/lubm"
while (($#)); do
  case "$1" in
    --bench) bench="$2"; shift 2 ;;
    --lubm) lubm="$2"; shift 2 ;;
    *) echo "usage: $0 [--bench PATH] [--lubm DIR]" >&2; exit 2 ;;
  esac
done
[[ -x "$bench" ]] || { echo "reason.sh: build reason_bench first ($bench)" >&2; exit 2; }

if [[ -f "$lubm/lubm10.nt.gz" ]]; then
  echo "== LUBM(10), RDFS + univ-bench OWL RL rules"
  "$bench" --rules "$root/ontology/rules/rdfs.rules" "$root/datasets/lubm/univ-bench.rules" \
           --data "$lubm/univ-bench.ttl" "$lubm/lubm10.nt.gz"
else
  echo "reason.sh: $lubm/lubm10.nt.gz not found; skipping LUBM" >&2
fi

gen="${TMPDIR:-/tmp}/kennis-bench-1m.nt"
if [[ ! -f "$gen" ]]; then
  python3 "$root/datasets/gen_ntriples.py" --triples 1000000 --seed 1 -o "$gen"
fi
echo "== generated 1 M triples (datasets/gen_ntriples.py --seed 1), RDFS rules + ontology"
"$bench" --rules "$root/ontology/rules/rdfs.rules" --data "$root"/ontology/*.ttl "$gen"
