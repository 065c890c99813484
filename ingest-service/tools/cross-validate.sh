#!/usr/bin/env bash
# Two-fold cross-validation of the block classifier on the 88 dev pages, from the repository root:
#   ingest-service/tools/cross-validate.sh [trees|logistic]     (default trees, the shipped kind)
# Fold A = page ids starting 0-7 (the half the rules were tuned on), fold B = ids starting 8-f. A model trained on
# A scores B, one trained on B scores A; "unseen" joins the two, so each page is scored by a model that never saw it.
# Prints the benchmark metric for the rules alone and for the classifier, per half and over all 88 pages.
# Only totals are printed: no page is shown one by one.
# Environment: TEST_FOLDS="0123 4567 89ab cdef" scores each group of id first characters by a model trained on all
# other pages (four-fold: 66 training pages); CV_WORK=dir (default ingest-service/target/block-cv) so variants can run
# side by side; REUSE_BLOCKS=1 keeps that dir's blocks.tsv; TRAIN_OPTS passes trainer options (-Dtrees= -Ddepth=
# -Drate= -Dlabel= -Dcolsample= -Drecover= -Ddrop=REGEX -Dblend=REGEX, see tools/BlockModelTrainer.java);
# EXTRACT_OPTS passes JVM options to the extraction runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
data=../shared/data/extraction-dev
work=${CV_WORK:-ingest-service/target/block-cv}
mkdir -p "$work"
. ingest-service/tools/classpath.sh
# features do not depend on the model: the rules-only run writes them (REUSE_BLOCKS=1: keep the last run's)
if [ -z "${REUSE_BLOCKS:-}" ] || [ ! -f "$work/blocks.tsv" ]; then
  java -cp "$CP" io.dyad.ingest.extract.ExtractCli --rules --blocks "$work/blocks.tsv" "$data/html" "$work/pred-rules.json"
fi
# TEST_FOLDS: the groups of id first characters scored in turn, each by a model trained on all the other pages
# (default the two halves; "0123 4567 89ab cdef" is four-fold: each model trained on 66 pages)
folds=${TEST_FOLDS:-"89abcdef 01234567"}
for test in $folds; do
  train=$(echo 0123456789abcdef | tr -d "$test")
  java -cp "$CP" ${TRAIN_OPTS:-} ingest-service/tools/BlockModelTrainer.java "$work/blocks.tsv" "$data/ground-truth.json" "$train" \
    "$work/model-$train.txt" "${1:-trees}"
  java -cp "$CP" ${EXTRACT_OPTS:-} io.dyad.ingest.extract.ExtractCli --model "$work/model-$train.txt" "$data/html" "$work/pred-$train.json"
done
python3 - "$work" "$data/ground-truth.json" $folds <<'PY'
import json, sys
work, gt_path, folds = sys.argv[1], sys.argv[2], sys.argv[3:]
gt = json.load(open(gt_path, encoding='utf8'))
tune = lambda k: k[0] in '01234567'
preds = {}
for test in folds:
    train = ''.join(c for c in '0123456789abcdef' if c not in test)
    by = json.load(open(work + '/pred-' + train + '.json', encoding='utf8'))
    preds.update({k: by[k] for k in gt if k[0] in test})
# each page from a model trained without it
json.dump({k: preds[k] for k in gt}, open(work + '/pred-unseen.json', 'w', encoding='utf8'))
json.dump({k: v for k, v in gt.items() if tune(k)}, open(work + '/gt-tune.json', 'w', encoding='utf8'))
json.dump({k: v for k, v in gt.items() if not tune(k)}, open(work + '/gt-holdout.json', 'w', encoding='utf8'))
PY
score() { python3 ../shared/tools/eval-extraction.py "$1" --ground-truth "$2" --seed 0 | tail -1; }
for pred in pred-rules pred-unseen; do
  echo "== $pred"
  echo "tuning half (ids 0-7; unseen: model trained without them): $(score "$work/$pred.json" "$work/gt-tune.json")"
  echo "held-out half (ids 8-f; unseen: model trained without them): $(score "$work/$pred.json" "$work/gt-holdout.json")"
  echo "all 88:                                               $(score "$work/$pred.json" "$data/ground-truth.json")"
done
