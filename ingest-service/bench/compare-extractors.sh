#!/usr/bin/env bash
# Paired speed comparison of two builds of the extractor in one JVM (pages alternate between them, so both see the
# same load on a shared machine); also counts pages whose results differ. Run from the repository root:
#   ingest-service/bench/compare-extractors.sh <classes-dir-A> [classes-dir-B] [passes, default 10] [warm-up, default 3]
# B defaults to the current build (ingest-service/target/classes, compiled first). To keep an older build as A:
#   git stash && mvn -B -q -o -pl ingest-service compile && cp -r ingest-service/target/classes /tmp/extract-A \
#     && git stash pop
set -euo pipefail
cd "$(dirname "$0")/../.."
a="$1"
b="${2:-ingest-service/target/classes}"
. ingest-service/tools/classpath.sh
java ingest-service/bench/CompareExtractors.java "$a" "$b" "$(cat ingest-service/target/runtime.cp)" \
  ../shared/data/extraction-dev/html "${3:-10}" "${4:-3}"
