#!/usr/bin/env bash
# JMH benchmarks of alert-service (classes named *Benchmark under src/test/java/io/dyad/alert/bench).
# Run from the repository root: alert-service/bench/run-benchmarks.sh [JMH options, e.g. MatchingBenchmark -f 1]
# JMH_JAVA_OPTS is passed to the launcher JVM, e.g. JMH_JAVA_OPTS=-Djmh.ignoreLock=true when another JMH run on the
# machine holds /tmp/jmh.lock.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o -pl alert-service test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test >/dev/null
java ${JMH_JAVA_OPTS:-} -cp "alert-service/target/test-classes:alert-service/target/classes:$(cat alert-service/target/test.cp)" \
  org.openjdk.jmh.Main "${@:-Benchmark}"
