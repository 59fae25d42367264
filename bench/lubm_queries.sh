#!/usr/bin/env bash
# LUBM query benchmark: the 14 LUBM queries over the materialised LUBM closure, timed in
# process by bench/lubm_queries (parse + plan + execute, every row collected; 1 warm-up, then
# the median of --reps runs), and the same queries on a peer engine in the same run, with the
# ratio peer / kennis per query (above 1: kennis is faster).
#
#   bench/lubm_queries.sh [--build DIR] [--scale 1|10] [--reps N] [--peer virtuoso|jena|none]
#
# Data: ../shared/datasets/lubm/lubm<scale>-closure.nt.gz (kennis reads it compressed; the peer
# gets a decompressed copy in $KENNIS_BENCH_DIR, default ${TMPDIR:-/tmp}/kennis-bench).
# Peers (../shared/peers/README.md): Virtuoso 7 (server-side timing, every row fetched) or
# Apache Jena ARQ in memory. The peer's Debian packages are installed with apt-get when missing.
# Answer counts are checked against ../shared/datasets/lubm/expected-counts.tsv for both.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
shared="$(cd "$root/.." && pwd)/shared"
build="$root/build/release"
scale=10
reps=5
peer=virtuoso
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) build="$2"; shift 2 ;;
    --scale) scale="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --peer) peer="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

lubm="$shared/datasets/lubm"
data="$lubm/lubm${scale}-closure.nt.gz"
queries="$lubm/queries"
if [[ ! -f "$data" ]]; then
  echo "skipped: no $data" >&2
  exit 0
fi
work="${KENNIS_BENCH_DIR:-${TMPDIR:-/tmp}/kennis-bench}"
mkdir -p "$work"
ours="$work/kennis-lubm${scale}.tsv"
theirs="$work/${peer}-lubm${scale}.tsv"

bin="$build/bench/lubm_queries"
if [[ ! -x "$bin" ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKENNIS_BUILD_BENCH=ON >/dev/null
  ninja -C "$build" -j2 lubm_queries
fi

echo "== kennis: LUBM($scale) closure, $reps runs per query after a warm-up"
"$bin" --reps "$reps" --expected "$lubm/expected-counts.tsv" --column "lubm${scale}_complete" \
  "$data" "$queries" | tee "$ours"

expected=$(awk -v c="lubm${scale}_complete" 'NR==1{for(i=1;i<=NF;i++) if($i==c) k=i; next} {printf "%s ", $k}' \
  "$lubm/expected-counts.tsv")

case "$peer" in
  none) exit 0 ;;
  virtuoso)
    if ! command -v virtuoso-t >/dev/null; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        virtuoso-opensource-7-bin >/dev/null
    fi
    nt="$work/lubm${scale}-closure.nt"
    [[ -f "$nt" ]] || zcat "$data" > "$nt"
    echo "== Virtuoso (server-side timing, every row fetched)"
    EXPECTED="$expected" REPS="$reps" "$shared/peers/virtuoso-lubm.sh" "$nt" "$queries" \
      "$work/virtuoso" | tee "$work/virtuoso.log"
    # query, count, server median ms
    awk -F'\t' '$1 ~ /^q[0-9]/ {print $1 "\t" $2 "\t" $3}' "$work/virtuoso/results.tsv" > "$theirs"
    ;;
  jena)
    if [[ ! -f /usr/share/java/jena-arq.jar ]]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        libapache-jena-java openjdk-17-jdk-headless zip unzip >/dev/null
    fi
    nt="$work/lubm${scale}-closure.nt"
    [[ -f "$nt" ]] || zcat "$data" > "$nt"
    echo "== Jena ARQ (in memory, every row iterated)"
    JAVA_OPTS="-Dreps=$reps" WORK="$work/jena" "$shared/peers/jena-lubm.sh" query "$nt" "$queries" \
      | tee "$work/jena.log"
    awk -F'\t' '$1 ~ /^q[0-9]/ {print $1 "\t" $2 "\t" $3}' "$work/jena.log" > "$theirs"
    ;;
  *) echo "unknown peer $peer" >&2; exit 2 ;;
esac

echo
echo "== LUBM($scale): median ms per query (ratio = $peer / kennis; > 1 means kennis is faster)"
printf 'query\tcount\tkennis_ms\t%s_ms\tratio\n' "$peer"
awk -F'\t' 'NR==FNR { if ($1 ~ /^q[0-9]/) { pc[$1]=$2; pm[$1]=$3 } next }
  $1 ~ /^q[0-9]/ {
    r = ($3 > 0 && ($1 in pm)) ? pm[$1] / $3 : 0
    printf "%s\t%s\t%.3f\t%s\t%.1f%s\n", $1, $2, $3, ($1 in pm) ? pm[$1] : "-", r,
           (($1 in pc) && pc[$1] != $2) ? "\tCOUNT MISMATCH (" pc[$1] ")" : ""
    if (r > 0 && r <= 1) slower++
  }
  END { if (slower) printf "kennis is not faster on %d queries\n", slower; else print "kennis is faster on every query" }' \
  "$theirs" "$ours"
