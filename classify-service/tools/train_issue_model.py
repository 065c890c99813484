#!/usr/bin/env python3
"""Trains classify-service's English issue model: one logistic regression per issue over word and word-pair features
(Python 3 standard library only; deterministic, so --check can verify the committed file).

Inputs (read at generation time, never copied into the repository), ../shared/data/classify/:
  reuters21578-train.jsonl     Reuters-21578 TRAIN split, issues mapped from Reuters topics (scope: 6 issues)
  nyt-cap-headlines-dev.jsonl  NYT front-page headlines with Comparative Agendas Project topics (scope: 9 issues)

Held-out split: an article whose numeric id is divisible by 5 (reuters-5, nyt-10, ...) is NEVER used for training or
for choosing thresholds; it is the portion the README reports. Of the rest, ids = 1 (mod 5) choose each issue's
threshold (a model trained on ids = 2, 3, 4 (mod 5)); the committed model is then trained on all of ids = 1..4 (mod 5).

Output (committed): src/main/resources/issues/model-en-v1.tsv
  "#" comments, then "bias<TAB>issue:weight,...", "threshold<TAB>issue:p,..." (articles), "threshold-headline<TAB>..."
  (a title without text), "trained-articles<TAB>issue,..." and "trained-headlines<TAB>issue,..." (the issues with
  labelled examples of that kind of input), then one row per feature:
  feature<TAB>issue:weight,...   (features: folded words "tariff", word pairs "trade deficit")
The Java side (io.dyad.classify.issues.IssueModel) extracts the same features and computes
p = sigmoid(bias + sum of the weights of the features present).

Usage:
  python3 classify-service/tools/train_issue_model.py [--data ../shared/data/classify] [--check]
  python3 classify-service/tools/train_issue_model.py --write-splits /tmp/dyad-eval   # held-out / train JSONL files
  python3 classify-service/tools/train_issue_model.py --inner-model /tmp/model-inner.tsv  # for tuning on ids 1 (mod 5)
"""

import argparse
import json
import math
import os
import sys
import unicodedata

VERSION = "v1"
MODULE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(MODULE_DIR, "src", "main", "resources", "issues", "model-en-" + VERSION + ".tsv")
SETS = ("reuters21578-train.jsonl", "nyt-cap-headlines-dev.jsonl")
HELD_OUT_MOD = 5
EPOCHS = 6
L2 = 1e-5
LEARNING_RATE = 0.5
MIN_DF = 3
MIN_ABS_WEIGHT = 0.02
REPORT = False
MAX_CHARS = 4000  # the start of a long article carries its topic; Java reads the same prefix


def fold(text):
    """As io.dyad.classify.text.Folding: NFD without combining marks, lower case."""
    decomposed = unicodedata.normalize("NFD", text.replace("ß", "ss"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def words(text):
    """Runs of letters (str.isalpha, as Java's Character.isLetter) of the folded text; one-letter runs dropped."""
    out, cur = [], []
    for ch in fold(text):
        if ch.isalpha():
            cur.append(ch)
        else:
            if len(cur) > 1:
                out.append("".join(cur))
            elif cur:
                out.append("")  # a one-letter word still separates pairs
            cur = []
    if len(cur) > 1:
        out.append("".join(cur))
    return out


def features(title, text):
    """Distinct words and adjacent word pairs of the title and the start of the text."""
    feats = set()
    for part in (title or "", (text or "")[:MAX_CHARS]):
        ws = words(part)
        prev = ""
        for w in ws:
            if w:
                feats.add(w)
                if prev:
                    feats.add(prev + " " + w)
            prev = w
    return feats


def headline_only(doc):
    """As the Java side: nothing but a title (no text or only blanks)."""
    return not (doc.get("text") or "").strip()


def doc_number(doc):
    return int(str(doc["id"]).rsplit("-", 1)[-1])


def load(data_dir):
    docs = []
    for name in SETS:
        with open(os.path.join(data_dir, name), encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    d = json.loads(line)
                    docs.append(d)
    return docs


def sigmoid(z):
    if z < -30:
        return 0.0
    if z > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-z))


def train(examples, issues):
    """examples: list of (feature list, {issue: 0/1 for the issues in scope}). Plain SGD with L2, fixed order."""
    weights = {i: {} for i in issues}
    bias = {i: 0.0 for i in issues}
    step = 0
    for epoch in range(EPOCHS):
        rate = LEARNING_RATE / (1 + epoch)
        for feats, labels in examples:
            step += 1
            for issue, y in labels.items():
                w = weights[issue]
                z = bias[issue]
                for f in feats:
                    z += w.get(f, 0.0)
                g = sigmoid(z) - y
                if g == 0.0:
                    continue
                bias[issue] -= rate * g
                delta = rate * g / math.sqrt(len(feats) or 1)
                for f in feats:
                    old = w.get(f, 0.0)
                    w[f] = old - delta - rate * L2 * old
    return bias, weights


def predict(bias, weights, feats, issue):
    w = weights[issue]
    return sigmoid(bias[issue] + sum(w.get(f, 0.0) for f in feats))


def prepare(docs, vocab):
    out = []
    for d in docs:
        feats = sorted(f for f in features(d.get("title"), d.get("text")) if f in vocab)
        labels = {i: (1 if i in (d.get("issues") or []) else 0) for i in d.get("issue_scope") or []}
        out.append((feats, labels))
    return out


def vocabulary(docs):
    df = {}
    for d in docs:
        for f in features(d.get("title"), d.get("text")):
            df[f] = df.get(f, 0) + 1
    return {f for f, n in df.items() if n >= MIN_DF}


def best_threshold(scored):
    """The probability threshold with the best F1 on (p, y) pairs (ties: the higher threshold)."""
    best, best_f1 = 0.5, -1.0
    for t in [x / 100 for x in range(5, 91, 5)]:
        tp = sum(1 for p, y in scored if p >= t and y)
        fp = sum(1 for p, y in scored if p >= t and not y)
        fn = sum(1 for p, y in scored if p < t and y)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 >= best_f1:
            best, best_f1 = t, f1
    return best


def build(data_dir, inner=False):
    docs = [d for d in load(data_dir) if doc_number(d) % HELD_OUT_MOD != 0]
    issues = sorted({i for d in docs for i in d.get("issue_scope") or []})
    # 1) thresholds: train on ids 2..4 (mod 5), choose on ids 1 (mod 5)
    fit = [d for d in docs if doc_number(d) % HELD_OUT_MOD != 1]
    tune = [d for d in docs if doc_number(d) % HELD_OUT_MOD == 1]
    vocab = vocabulary(fit)
    bias, weights = train(prepare(fit, vocab), issues)
    # a headline alone carries less evidence than an article: its thresholds are chosen separately
    thresholds = {"threshold": {}, "threshold-headline": {}}
    for row, subset in (("threshold", [d for d in tune if not headline_only(d)]),
                        ("threshold-headline", [d for d in tune if headline_only(d)])):
        prepared = prepare(subset, vocab)
        for issue in issues:
            scored = [(predict(bias, weights, feats, issue), labels[issue])
                      for feats, labels in prepared if issue in labels]
            thresholds[row][issue] = best_threshold(scored) if any(y for _, y in scored) else 0.5
            if REPORT and any(y for _, y in scored):
                t = thresholds[row][issue]
                tp = sum(1 for p, y in scored if p >= t and y)
                f1 = 2 * tp / (tp + sum(1 for p, _ in scored if p >= t) + sum(y for _, y in scored))
                print("tune %-18s %-12s F1=%.3f at %.2f" % (row, issue, f1, t), file=sys.stderr)
    # 2) the model: all non-held-out articles (inner: keep the model of ids 2..4, to tune Java-side rules on ids 1)
    if not inner:
        vocab = vocabulary(docs)
        bias, weights = train(prepare(docs, vocab), issues)
    trained = {"trained-articles": set(), "trained-headlines": set()}
    for d in docs:
        row = "trained-headlines" if headline_only(d) else "trained-articles"
        trained[row].update(d.get("issue_scope") or [])
    return issues, bias, weights, thresholds, trained, len(docs)


def render(issues, bias, weights, thresholds, trained, n_docs):
    lines = [
        "# Dyad English issue model " + VERSION + ", generated by tools/train_issue_model.py -- do not edit.",
        "# Logistic regression per issue over folded words and word pairs (binary presence); trained on %d articles"
        % n_docs,
        "# of ../shared/data/classify (Reuters-21578 train, NYT/CAP headlines dev) whose id is not divisible by 5.",
        "bias\t" + ",".join("%s:%.4f" % (i, bias[i]) for i in issues),
    ]
    for row in ("threshold", "threshold-headline"):
        lines.append(row + "\t" + ",".join("%s:%.2f" % (i, thresholds[row][i]) for i in issues))
    # which issues had labelled examples of each kind of input: the Java side trusts the model only there
    for row in ("trained-articles", "trained-headlines"):
        lines.append(row + "\t" + ",".join(i for i in issues if i in trained[row]))
    rows = {}
    for issue in issues:
        for f, w in weights[issue].items():
            if abs(w) >= MIN_ABS_WEIGHT:
                rows.setdefault(f, []).append("%s:%.4f" % (issue, w))
    for f in sorted(rows):
        lines.append(f + "\t" + ",".join(rows[f]))
    return "\n".join(lines) + "\n"


def write_splits(data_dir, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    for name in SETS + ("lgl-countries.jsonl",):
        base = name[:-len(".jsonl")]
        with open(os.path.join(data_dir, name), encoding="utf-8") as f, \
                open(os.path.join(out_dir, base + "-heldout.jsonl"), "w", encoding="utf-8") as held, \
                open(os.path.join(out_dir, base + "-fit.jsonl"), "w", encoding="utf-8") as fit, \
                open(os.path.join(out_dir, base + "-tune.jsonl"), "w", encoding="utf-8") as tune:
            for line in f:
                if line.strip():
                    d = json.loads(line)
                    (held if doc_number(d) % HELD_OUT_MOD == 0 else fit).write(line.rstrip("\n") + "\n")
                    if doc_number(d) % HELD_OUT_MOD == 1:
                        tune.write(line.rstrip("\n") + "\n")
    print("wrote *-heldout.jsonl (ids 0 mod 5), *-fit.jsonl (the rest) and *-tune.jsonl (ids 1 mod 5) to " + out_dir)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(MODULE_DIR, "..", "..", "shared", "data", "classify"))
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--write-splits", metavar="DIR")
    ap.add_argument("--report", action="store_true", help="print the F1 of each issue on the threshold split")
    ap.add_argument("--inner-model", metavar="FILE",
                    help="write the model fitted on ids 2..4 (mod 5) instead: to tune rules on ids 1 (mod 5)")
    a = ap.parse_args()
    global REPORT
    REPORT = a.report
    if a.write_splits:
        write_splits(a.data, a.write_splits)
        return 0
    if a.inner_model:
        text = render(*build(a.data, inner=True))
        with open(a.inner_model, "w", encoding="utf-8") as f:
            f.write(text)
        print("wrote the inner model (fitted on ids 2..4 mod 5) to " + a.inner_model)
        return 0
    text = render(*build(a.data))
    if a.check:
        with open(OUT, encoding="utf-8") as f:
            if f.read() != text:
                print("stale: " + OUT + " differs from what the generator produces", file=sys.stderr)
                return 1
        print("up to date: " + OUT)
        return 0
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print("wrote %s (%d lines, %d bytes)" % (OUT, text.count("\n"), len(text.encode("utf-8"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
