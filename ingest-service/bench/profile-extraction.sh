#!/usr/bin/env bash
# Where the extractor spends its CPU: runs ExtractCli over the dev pages with `passes` extra passes under Java Flight
# Recorder (method sampling every 10 ms) and prints the hottest frames, by own time and by time including callees.
# Run from the repository root:
#   ingest-service/bench/profile-extraction.sh [passes, default 40] [html-dir]
# Writes ingest-service/target/extract-profile.jfr (open it in JDK Mission Control for the full picture).
set -euo pipefail
cd "$(dirname "$0")/../.."
passes="${1:-40}"
pages="${2:-../shared/data/extraction-dev/html}"
jfrfile=ingest-service/target/extract-profile.jfr
. ingest-service/tools/classpath.sh
java -XX:StartFlightRecording=filename="$jfrfile",settings=profile -cp "$CP" \
  io.dyad.ingest.extract.ExtractCli "$pages" ingest-service/target/extract-profile-pred.json "$passes"
jfr print --json --stack-depth 256 --events jdk.ExecutionSample "$jfrfile" | python3 "$(dirname "$0")/jfr-top.py"
