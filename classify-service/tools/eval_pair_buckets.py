#!/usr/bin/env python3
"""Pair F1 of a running classifier by the number of gold countries of each article, plus the pairs the shared
eval tool does not score (articles with fewer than two gold countries). Python 3 standard library only.

Why: ../shared/tools/eval-classify.py micro-averages pairs over articles with >= 2 gold countries, and Reuters'
gold pairs are every combination of an article's countries, so a handful of articles listing many countries
outweigh the two-country stories most users subscribe to. This splits the figure so both can be watched.

Usage (from the repository root, the service running):
  python3 classify-service/tools/eval_pair_buckets.py /tmp/dyad-eval/reuters21578-train-tune.jsonl \
      --url http://localhost:8082/classify
"""
import argparse
import concurrent.futures as cf
import json
import urllib.request


def norm_pair(p):
    a, _, b = p.upper().replace("_", "-").partition("-")
    return "-".join(sorted((a, b)))


def classify(url, doc):
    body = json.dumps({"title": doc.get("title") or "", "text": doc.get("text") or ""}).encode()
    req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read().decode("utf-8"))


def f1(tp, fp, fn):
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("--url", required=True)
    ap.add_argument("--workers", type=int, default=4)
    a = ap.parse_args()
    docs = [json.loads(line) for line in open(a.gold, encoding="utf-8") if line.strip()]
    with cf.ThreadPoolExecutor(a.workers) as ex:
        answers = list(ex.map(lambda d: classify(a.url, d), docs))
    buckets = {}
    unscored_pairs = unscored_docs = 0
    total = [0, 0, 0]
    for doc, answer in zip(docs, answers):
        predicted = {norm_pair(p["pair"]) for p in answer.get("pairs") or []}
        n = len(doc.get("countries") or [])
        gold = {norm_pair(p) for p in doc.get("pairs") or []} if n >= 2 else set()
        if n < 2:
            unscored_pairs += len(predicted)
            unscored_docs += bool(predicted)
        else:
            b = buckets.setdefault(min(n, 5), [0, 0, 0, 0])
            b[0] += 1
            b[1] += len(gold & predicted)
            b[2] += len(predicted - gold)
            b[3] += len(gold - predicted)
        total[0] += len(gold & predicted)
        total[1] += len(predicted - gold)
        total[2] += len(gold - predicted)
    for k in sorted(buckets):
        docs_n, tp, fp, fn = buckets[k]
        label = "5+" if k == 5 else str(k)
        print(f"gold countries {label:>2}: articles={docs_n} pair F1={f1(tp, fp, fn):.3f} (tp={tp} fp={fp} fn={fn})")
    print(f"articles with < 2 gold countries: {unscored_pairs} pairs in {unscored_docs} articles")
    tp, fp, fn = total
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    print(f"all articles (those pairs counted as false): pair P={p:.3f} R={r:.3f} F1={f1(tp, fp, fn):.3f}")


if __name__ == "__main__":
    main()
