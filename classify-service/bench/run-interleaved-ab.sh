#!/usr/bin/env bash
# A/B speed of two builds of classify-service in one JVM, batches alternating (InterleavedAB.java): articles per
# CPU-second of each and the ratio. From the repository root, with OTHER a checkout of another commit, e.g.
#   git worktree add /tmp/dyad-old <commit>   (or: mkdir /tmp/dyad-old && git archive <commit> | tar -x -C /tmp/dyad-old)
#   classify-service/bench/run-interleaved-ab.sh /tmp/dyad-old [rounds of 256 articles, default 60]
# A = OTHER, B = this tree; "B/A speed" > 1 means this tree is faster.
set -euo pipefail
cd "$(dirname "$0")/../.."
other=$(cd "${1:?usage: run-interleaved-ab.sh OTHER_TREE [rounds]}" && pwd)
rounds=${2:-60}
for tree in "$other" "$PWD"; do
  (cd "$tree" && mvn -B -q -o -pl classify-service test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test >/dev/null
   echo "$tree/classify-service/target/test-classes:$tree/classify-service/target/classes:$(cat classify-service/target/test.cp)" \
     > classify-service/target/ab.cp)
done
java -Xmx640m classify-service/bench/InterleavedAB.java "$other/classify-service/target/ab.cp" \
  "$PWD/classify-service/target/ab.cp" "$rounds"
