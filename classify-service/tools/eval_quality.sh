#!/usr/bin/env bash
# The quality figures of a packaged classify-service on one split, as the README's tables give them: the four
# ../shared/tools/eval-classify.py commands and tools/eval_pair_buckets.py, against the jar started on its own port
# with no broker (POST /classify needs none). From the repository root:
#   classify-service/tools/eval_quality.sh heldout|tune|fit [APP_DIR, default classify-service/target/quarkus-app] [PORT]
# Split files come from: python3 classify-service/tools/train_issue_model.py --write-splits /tmp/dyad-eval
set -euo pipefail
split=${1:?usage: eval_quality.sh heldout|tune|fit [APP_DIR] [PORT]}
app=${2:-classify-service/target/quarkus-app}
port=${3:-18192}
dir=${DYAD_EVAL_DIR:-/tmp/dyad-eval}
eval_tool=../shared/tools/eval-classify.py
QUARKUS_HTTP_PORT=$port KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 java -jar "$app/quarkus-run.jar" >/tmp/eval-quality-$port.log 2>&1 &
pid=$!
trap 'kill $pid' EXIT
for _ in $(seq 1 120); do curl -sf "localhost:$port/q/health/live" >/dev/null && break; sleep 1; done
url=http://localhost:$port/classify
echo "load at start: $(cat /proc/loadavg)"
python3 $eval_tool "$dir/reuters21578-train-$split.jsonl" --url $url --min-countries 2 | grep -E '^countries|^pairs|SUMMARY'
python3 $eval_tool "$dir/reuters21578-train-$split.jsonl" --url $url | grep -E '^countries|^focus|SUMMARY'
python3 $eval_tool "$dir/lgl-countries-$split.jsonl" --url $url | grep -E '^countries|SUMMARY'
python3 $eval_tool "$dir/nyt-cap-headlines-dev-$split.jsonl" --url $url | grep SUMMARY
python3 classify-service/tools/eval_pair_buckets.py "$dir/reuters21578-train-$split.jsonl" --url $url
echo "load at end: $(cat /proc/loadavg)"
