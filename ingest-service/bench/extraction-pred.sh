#!/usr/bin/env bash
# Extracts every page of a directory (default: the extraction dev set) and writes PRED.json for
# ../shared/tools/eval-extraction.py. Run from the repository root:
#   ingest-service/bench/extraction-pred.sh [html-dir] [PRED.json] [passes]
#   (with passes: then extracts every page that many more times and prints pages per CPU-second)
#   python3 ../shared/tools/eval-extraction.py PRED.json --ground-truth ../shared/data/extraction-dev/ground-truth.json
set -euo pipefail
cd "$(dirname "$0")/../.."
pages="${1:-../shared/data/extraction-dev/html}"
out="${2:-PRED.json}"
mvn -B -q -o -pl ingest-service compile dependency:build-classpath \
  -Dmdep.outputFile=target/runtime.cp -Dmdep.includeScope=runtime >/dev/null
java -cp "ingest-service/target/classes:$(cat ingest-service/target/runtime.cp)" \
  io.dyad.ingest.extract.ExtractCli "$pages" "$out" ${3:+"$3"}
