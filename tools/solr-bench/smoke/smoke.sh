#!/usr/bin/env bash
# Smoke test: build, start Solr on the 20-article corpus, run the benchmark's query shape
# (edismax, filters, facets, highlights) plus fielded/phrase/prefix/fuzzy queries, stop it
# through stdin EOF, and check it exits 0. Needs JDK 21+ (JAVA_HOME) and curl. ~15 s.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME
mvn -q -B -ntp compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

coproc SOLR { exec "$JAVA_HOME/bin/java" $(cat jvm-flags.txt) \
  -cp "target/classes:$(cat target/classpath.txt)" dev.byline.solrbench.SolrServerMain \
  smoke/tiny.jsonl "$work" 0 2>"$work/stderr.log"; }
read -r -t 120 word port docs <&"${SOLR[0]}" || { cat "$work/stderr.log" >&2; exit 1; }
[[ $word == ready && $docs == 20 ]] || { echo "bad ready line: $word $port $docs" >&2; exit 1; }
echo "ready on port $port with $docs docs"

fail=0
check() { # <q> <min numFound> [extra curl args...]
  local q=$1 min=$2; shift 2
  local body
  body=$(curl -sf -G "http://127.0.0.1:$port/solr/articles/select" \
    --data-urlencode "q=$q" --data-urlencode defType=edismax \
    --data-urlencode "qf=title^2 body^1 author_text^1" --data-urlencode q.op=AND \
    --data-urlencode rows=10 --data-urlencode fl=id,url,title,date,author,source,category \
    --data-urlencode facet=true --data-urlencode 'facet.field={!ex=cat}category' \
    --data-urlencode 'facet.field={!ex=dt}year' --data-urlencode facet.field=author \
    --data-urlencode facet.field=source --data-urlencode facet.limit=10 \
    --data-urlencode facet.mincount=1 --data-urlencode hl=true --data-urlencode hl.method=unified \
    --data-urlencode hl.fl=title,body --data-urlencode f.title.hl.snippets=1 \
    --data-urlencode f.body.hl.snippets=3 --data-urlencode wt=json "$@")
  local n
  n=$(grep -o '"numFound":[0-9]*' <<<"$body" | cut -d: -f2)
  if (( n >= min )) && grep -q '<em>' <<<"$body" && grep -q '"facet_fields"' <<<"$body"; then
    echo "ok   $n hits  $q"
  else
    echo "FAIL $n hits  $q" >&2; fail=1
  fi
}
check 'climate AND "city council"' 3 \
  --data-urlencode 'fq={!tag=cat}category:Politics' \
  --data-urlencode 'fq={!tag=dt}date:[2020-01-01T00:00:00Z TO 2020-12-31T23:59:59Z]'
check 'budg*' 7
check 'title:economy~1' 3
check 'title:budget' 3
check '"city council"' 9
check 'econom* OR climate' 9

exec {SOLR[1]}>&-          # close its stdin: the server stops
wait "$SOLR_PID" || { echo "server exited $?" >&2; fail=1; }
exit $fail
