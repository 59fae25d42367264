#!/usr/bin/env bash
# `kennis query` end to end: documented parameters bound as values, unknown / missing
# parameters rejected with exit 2 and the list of documented ones, output formats, --plan,
# CONSTRUCT as RDF, and a syntax error with its position (exit 1).
#   cli_query.sh KENNIS DIR
set -uo pipefail
kennis="$1"
dir="$2"
fails=0
check() {  # check NAME EXPECTED_EXIT PATTERN -- ARGS...
  local name="$1" want="$2" pattern="$3"
  shift 4
  local out rc
  out=$("$kennis" query "$@" 2>&1)
  rc=$?
  if [[ $rc -ne $want ]] || ! grep -qE -- "$pattern" <<<"$out"; then
    echo "FAIL $name: exit $rc (want $want), output:"
    echo "$out" | sed 's/^/  /'
    fails=$((fails + 1))
  else
    echo "ok   $name"
  fi
}
q="$dir/gaps.rq"
d="$dir/smes.ttl"
check "param IRI" 0 '^<https://example.org/coatings>$' -- "$q" "$d" --param 'sme=<https://example.org/acme>' --format tsv
check "param prefixed name" 0 'electrolysis' -- "$q" "$d" --param 'sme=ex:beta' -f csv
check "missing param" 2 "missing parameter 'sme'.*" -- "$q" "$d"
check "missing lists documented" 2 'sme  IRI  the SME to analyse' -- "$q" "$d"
check "unknown param" 2 "unknown parameter 'who'" -- "$q" "$d" --param sme=\<https://example.org/acme\> --param 'who=1'
check "param not a term" 2 'cannot read --param sme' -- "$q" "$d" --param 'sme=acme corp'
check "param wrong type" 2 'must be an IRI' -- "$q" "$d" --param 'sme="acme"'
check "json" 0 '"competence": ?\{ *"type": ?"uri"' -- "$q" "$d" --param 'sme=<https://example.org/acme>' -f json
check "xml" 0 '<uri>https://example.org/coatings</uri>' -- "$q" "$d" --param 'sme=<https://example.org/acme>' -f xml
check "plan" 0 'values \(\?sme\) 1 row' -- "$q" "$d" --param 'sme=<https://example.org/acme>' --plan
check "construct ttl" 0 ':gap ex:coatings' -- -e 'PREFIX : <https://w3id.org/kennis#> PREFIX ex: <https://example.org/> CONSTRUCT { ?s :gap ?c } WHERE { ?s :activeIn/:requiresCompetence ?c FILTER NOT EXISTS { ?s :hasCompetence ?c } }' "$d" -f ttl
check "ask" 0 '^true$' -- -e 'ASK { ?s ?p ?o }' "$d" -f tsv
check "syntax error" 1 '<query>:1:24: error: expected' -- -e 'SELECT * WHERE { ?s ?p }' "$d"
check "unknown pass" 2 "unknown planner pass 'nope'" -- -e 'SELECT * WHERE { ?s ?p ?o }' "$d" --disable-pass nope
check "rdf format for select" 2 'unknown result format' -- -e 'SELECT * WHERE { ?s ?p ?o }' "$d" -f ttl
check "string param bare word" 0 '^2$' -- -e '# @param who string a name
SELECT (STRLEN(?who) AS ?n) {}' --param who=Bo -f tsv
check "output file" 0 '^$' -- "$q" "$d" --param 'sme=<https://example.org/acme>' -o "${TMPDIR:-/tmp}/kennis-cli-query-$$.csv"
if [[ "$(head -1 "${TMPDIR:-/tmp}/kennis-cli-query-$$.csv" | tr -d '\r')" != "competence" ]]; then
  echo "FAIL output file: format not taken from the .csv extension"
  fails=$((fails + 1))
fi
rm -f "${TMPDIR:-/tmp}/kennis-cli-query-$$.csv"
[[ $fails -eq 0 ]]
