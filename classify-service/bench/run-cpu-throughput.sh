#!/usr/bin/env bash
# Articles per CPU-second of one thread (CpuTimeThroughput), with a 256 MB heap. From the repository root:
#   classify-service/bench/run-cpu-throughput.sh [rounds of 256 articles, default 200]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o -pl classify-service test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test >/dev/null
java -Xms256m -Xmx256m \
  -cp "classify-service/target/test-classes:classify-service/target/classes:$(cat classify-service/target/test.cp)" \
  io.dyad.classify.bench.CpuTimeThroughput "$@"
