#!/usr/bin/env bash
# Two-fold cross-validation of the block classifier on the 88 dev pages, from the repository root:
#   ingest-service/tools/cross-validate.sh [trees|logistic]     (default trees, the shipped kind)
# Fold A = page ids starting 0-7 (the half the rules were tuned on), fold B = ids starting 8-f. A model trained on
# A scores B, one trained on B scores A; "unseen" joins the two, so each page is scored by a model that never saw it.
# Prints the benchmark metric for the rules alone and for the classifier, per half and over all 88 pages.
# Only totals are printed: no page is shown one by one.
set -euo pipefail
cd "$(dirname "$0")/../.."
data=../shared/data/extraction-dev
work=ingest-service/target/block-cv
mkdir -p "$work"
. ingest-service/tools/classpath.sh
# features do not depend on the model: the rules-only run writes them (REUSE_BLOCKS=1: keep the last run's)
if [ -z "${REUSE_BLOCKS:-}" ] || [ ! -f "$work/blocks.tsv" ]; then
  java -cp "$CP" io.dyad.ingest.extract.ExtractCli --rules --blocks "$work/blocks.tsv" "$data/html" "$work/pred-rules.json"
fi
for fold in 01234567 89abcdef; do
  java -cp "$CP" ${TRAIN_OPTS:-} ingest-service/tools/BlockModelTrainer.java "$work/blocks.tsv" "$data/ground-truth.json" "$fold" \
    "$work/model-$fold.txt" "${1:-trees}"
  java -cp "$CP" io.dyad.ingest.extract.ExtractCli --model "$work/model-$fold.txt" "$data/html" "$work/pred-$fold.json"
done
python3 - "$work" "$data/ground-truth.json" <<'PY'
import json, sys
work, gt_path = sys.argv[1], sys.argv[2]
gt = json.load(open(gt_path, encoding='utf8'))
tune = lambda k: k[0] in '01234567'
by_a = json.load(open(work + '/pred-01234567.json', encoding='utf8'))
by_b = json.load(open(work + '/pred-89abcdef.json', encoding='utf8'))
# each page from the model trained on the other half
json.dump({k: (by_b[k] if tune(k) else by_a[k]) for k in gt}, open(work + '/pred-unseen.json', 'w', encoding='utf8'))
json.dump({k: v for k, v in gt.items() if tune(k)}, open(work + '/gt-tune.json', 'w', encoding='utf8'))
json.dump({k: v for k, v in gt.items() if not tune(k)}, open(work + '/gt-holdout.json', 'w', encoding='utf8'))
PY
score() { python3 ../shared/tools/eval-extraction.py "$1" --ground-truth "$2" --seed 0 | tail -1; }
for pred in pred-rules pred-unseen; do
  echo "== $pred"
  echo "tuning half (ids 0-7; unseen: model trained on 8-f):  $(score "$work/$pred.json" "$work/gt-tune.json")"
  echo "held-out half (ids 8-f; unseen: model trained on 0-7): $(score "$work/$pred.json" "$work/gt-holdout.json")"
  echo "all 88:                                               $(score "$work/$pred.json" "$data/ground-truth.json")"
done
