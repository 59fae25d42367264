#!/usr/bin/env bash
# Load benchmark: times `kennis load` against serd alone (`serdi -i ntriples -o ntriples FILE
# > /dev/null`) on the same N-Triples files, in the same run, and prints one table:
# triples per second, peak memory per triple (peak RSS / triples stored, dictionary and
# everything included) and the time ratio kennis/serdi (medians of --runs runs each).
#
#   bench/load.sh [--kennis PATH] [--triples N] [--seed S] [--runs R] [--no-lubm] [--check]
#
# Data: datasets/gen_ntriples.py writes a seeded file of N triples (default 1,000,000) into
# $KENNIS_BENCH_DIR (default ${TMPDIR:-/tmp}/kennis-bench), reused while N and S stay the same.
# When ../shared/datasets/lubm/lubm10.nt.gz exists it is measured too: decompressed once
# for both programs, and read compressed by kennis (zlib) for reference.
# Targets (issue 2): load time <= 2.5x serdi's, <= 64 bytes of peak memory per triple.
# With --check the exit status is 1 when a target is missed.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
kennis="${KENNIS:-}"
triples=1000000
seed=1
runs=5
lubm=1
check=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --kennis) kennis="$2"; shift 2 ;;
    --triples) triples="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --no-lubm) lubm=0; shift ;;
    --check) check=1; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "load.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

if [[ -z "$kennis" ]]; then
  for candidate in "$root"/build/release/engine/cli/kennis "$root"/build/ci/engine/cli/kennis \
                   "$root"/build/*/engine/cli/kennis; do
    if [[ -x "$candidate" ]]; then kennis="$candidate"; break; fi
  done
fi
if [[ -z "$kennis" || ! -x "$kennis" ]]; then
  echo "load.sh: no kennis binary; build one (cmake --preset release && cmake --build build/release) or pass --kennis" >&2
  exit 2
fi
command -v serdi >/dev/null || { echo "load.sh: serdi not found (apt-get install serdi)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "load.sh: /usr/bin/time not found (apt-get install time)" >&2; exit 2; }

data_dir="${KENNIS_BENCH_DIR:-${TMPDIR:-/tmp}/kennis-bench}"
mkdir -p "$data_dir"
gen="$data_dir/gen-$triples-s$seed.nt"
if [[ ! -s "$gen" ]]; then
  echo "generating $gen ..." >&2
  python3 "$root/datasets/gen_ntriples.py" --triples "$triples" --seed "$seed" -o "$gen.part"
  mv "$gen.part" "$gen"
fi

# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# run_timed OUT_PREFIX STDOUT CMD...: runs CMD $runs times with its output to STDOUT; writes
# OUT_PREFIX.sec (median wall seconds) and OUT_PREFIX.kb (max peak RSS in KiB over the runs).
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
run_timed() {
  local out="$1" sink="$2"; shift 2
  : > "$tmp/secs"; : > "$tmp/kbs"
  for ((i = 0; i < runs; i++)); do
    local t0 t1
    t0=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$tmp/rss" "$@" > "$sink"
    t1=$(date +%s%N)
    echo "scale=4; ($t1 - $t0) / 1000000000" | bc >> "$tmp/secs"
    tail -n 1 "$tmp/rss" >> "$tmp/kbs"
  done
  median < "$tmp/secs" > "$out.sec"
  sort -g "$tmp/kbs" | tail -n 1 > "$out.kb"
}

rows=()
worst_ratio=0
worst_bytes=0
measure() {  # measure LABEL KENNIS_INPUT SERDI_INPUT
  local label="$1" kin="$2" sin="$3"
  run_timed "$tmp/k" "$tmp/stdout" "$kennis" load --format nt "$kin"
  local stored
  stored=$(sed -n 's/^loaded \([0-9]*\) triples.*/\1/p' "$tmp/stdout")
  local ks kb
  ks=$(cat "$tmp/k.sec"); kb=$(cat "$tmp/k.kb")
  local ss="-" ratio="-"
  if [[ -n "$sin" ]]; then
    run_timed "$tmp/s" /dev/null serdi -i ntriples -o ntriples "$sin"
    ss=$(cat "$tmp/s.sec")
    ratio=$(echo "scale=4; $ks / $ss" | bc)
    worst_ratio=$(echo "if ($ratio > $worst_ratio) $ratio else $worst_ratio" | bc)
    ss=$(LC_NUMERIC=C printf '%.3f' "$ss")
    ratio=$(LC_NUMERIC=C printf '%.2f' "$ratio")
  fi
  local tps bpt
  tps=$(echo "$stored / $ks" | bc)
  bpt=$(echo "$kb * 1024 / $stored" | bc)
  worst_bytes=$(( bpt > worst_bytes ? bpt : worst_bytes ))
  rows+=("$(LC_NUMERIC=C printf '%-28s %10s %9.3f %9s %6s %12s %10s %9s' "$label" "$stored" \
            "$ks" "$ss" "$ratio" "$tps" "$((kb / 1024)) MiB" "$bpt")")
}

measure "generated (seed $seed)" "$gen" "$gen"

lubm_gz="$root/../shared/datasets/lubm/lubm10.nt.gz"
if [[ "$lubm" == 1 && -f "$lubm_gz" ]]; then
  lubm_nt="$data_dir/lubm10.nt"
  [[ -s "$lubm_nt" ]] || { gzip -dc "$lubm_gz" > "$lubm_nt.part" && mv "$lubm_nt.part" "$lubm_nt"; }
  measure "lubm10" "$lubm_nt" "$lubm_nt"
  measure "lubm10 (.nt.gz via zlib)" "$lubm_gz" ""
elif [[ "$lubm" == 1 ]]; then
  rows+=("(lubm10 skipped: $lubm_gz not found)")
fi

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //')
echo "kennis load vs serdi: median of $runs runs; $(nproc) cores ($cpu)"
echo "kennis: $kennis ($("$kennis" --version 2>/dev/null | head -1)); $(serdi -v 2>&1 | head -1)"
printf '%-28s %10s %9s %9s %6s %12s %10s %9s\n' dataset triples "kennis s" "serdi s" ratio \
  "triples/s" "peak RSS" "B/triple"
for row in "${rows[@]}"; do echo "$row"; done
ok_ratio=$(echo "$worst_ratio <= 2.5" | bc)
ok_bytes=$(( worst_bytes <= 64 ))
echo "targets: time ratio <= 2.5: $([[ $ok_ratio == 1 ]] && echo met || echo MISSED)" \
     "(worst $(LC_NUMERIC=C printf '%.2f' "$worst_ratio"));" \
     "peak bytes/triple <= 64: $([[ $ok_bytes == 1 ]] && echo met || echo MISSED) (worst $worst_bytes)"
if [[ "$check" == 1 && ( "$ok_ratio" != 1 || "$ok_bytes" != 1 ) ]]; then exit 1; fi
