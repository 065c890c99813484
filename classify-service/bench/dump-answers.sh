#!/usr/bin/env bash
# The classifier's answer to every article of the three dev sets, one JSON line each, into OUT_DIR; diff two such
# directories to prove that a speed change left the output unchanged. From the repository root:
#   classify-service/bench/dump-answers.sh OUT_DIR [DATA_DIR, default ../shared/data/classify]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:?usage: dump-answers.sh OUT_DIR [DATA_DIR]}
data=${2:-../shared/data/classify}
mkdir -p "$out"
mvn -B -q -o -pl classify-service test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test >/dev/null
cp="classify-service/target/test-classes:classify-service/target/classes:$(cat classify-service/target/test.cp)"
for f in reuters21578-train lgl-countries nyt-cap-headlines-dev; do
  java -Xmx256m -cp "$cp" io.dyad.classify.bench.DumpAnswers "$data/$f.jsonl" "$out/$f.jsonl"
done
