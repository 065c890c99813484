#!/usr/bin/env bash
# Thread CPU time per article of the matching benchmark's mix, without JMH (io.dyad.alert.bench.MatchingCpuProfile):
# p50/p99/max over all calls and over each article's median, bytes allocated per article, the heaviest articles.
# Run from the repository root: alert-service/bench/run-cpu-profile.sh [rounds, default 30] [subscriptions] [seconds]
# (seconds: then loop over the heaviest tenth of the articles that long, for a profiler).
# PROFILE_JAVA_OPTS is added to the JVM options, e.g. PROFILE_JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/m.jfr,settings=profile
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o -pl alert-service test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test >/dev/null
java -Xms8g -Xmx8g -XX:+UseParallelGC ${PROFILE_JAVA_OPTS:-} \
  -cp "alert-service/target/test-classes:alert-service/target/classes:$(cat alert-service/target/test.cp)" \
  io.dyad.alert.bench.MatchingCpuProfile "$@"
