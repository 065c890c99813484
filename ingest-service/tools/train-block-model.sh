#!/usr/bin/env bash
# Trains the extractor's block classifier on the dev pages and writes the model the service ships.
# Run from the repository root:
#   ingest-service/tools/train-block-model.sh [id-prefixes|all] [model-out] [trees|logistic]
# (default: all 88 pages -> ingest-service/src/main/resources/extract/block-model.txt). Reads the pages and the
# ground truth only from ../shared/data/extraction-dev; deterministic (same data, same model file).
set -euo pipefail
cd "$(dirname "$0")/../.."
data=../shared/data/extraction-dev
pages="${1:-all}"
out="${2:-ingest-service/src/main/resources/extract/block-model.txt}"
work=ingest-service/target/block-model
mkdir -p "$work"
. ingest-service/tools/classpath.sh
# features do not depend on the model: the rules-only run writes them
java -cp "$CP" io.dyad.ingest.extract.ExtractCli --rules --blocks "$work/blocks.tsv" "$data/html" "$work/pred-rules.json"
java -cp "$CP" ingest-service/tools/BlockModelTrainer.java "$work/blocks.tsv" "$data/ground-truth.json" "$pages" "$out" "${3:-trees}"
