#!/usr/bin/env python3
"""Simulates a page-level choice between two extractors' unseen predictions (Trafilatura-style comparison of
candidates): take the second text when it has at least R times the words of the first and contains at least C of
the first's 4-grams; otherwise the first. Prints the benchmark metric for one half (A = ids 0-7, B = ids 8-f, all).
Run from the repository root after two cross-validate.sh runs, e.g.:
  ingest-service/tools/choose-candidates.py A ingest-service/target/cv-prose/pred-unseen.json \
      ingest-service/target/cv-nrp/pred-unseen.json 1.2,1.5,2,3 0.7,0.9
Only totals are printed."""
import json, re, subprocess, sys, tempfile
from collections import Counter

half, first_path, second_path = sys.argv[1:4]
ratios = [float(r) for r in sys.argv[4].split(',')]
covers = [float(c) for c in sys.argv[5].split(',')]
gt = json.load(open('../shared/data/extraction-dev/ground-truth.json', encoding='utf8'))
first = json.load(open(first_path, encoding='utf8'))
second = json.load(open(second_path, encoding='utf8'))
tokens = lambda t: re.findall(r'\w+', t or '')
body = lambda p: p.get('articleBody') if isinstance(p, dict) else p


def grams(text):
    w = tokens(text)
    return Counter(tuple(w[i:i + 4]) for i in range(max(1, len(w) - 3)))


def choose(ratio, cover):
    out = {}
    for k in gt:
        a, b = body(first[k]), body(second[k])
        ga, gb = grams(a), grams(b)
        inside = sum(min(c, gb[g]) for g, c in ga.items()) / max(1, sum(ga.values()))
        take_b = len(tokens(b)) >= ratio * max(1, len(tokens(a))) and inside >= cover
        out[k] = {'articleBody': b if take_b else a}
    return out


in_half = {'A': lambda k: k[0] in '01234567', 'B': lambda k: k[0] not in '01234567', 'all': lambda k: True}[half]
with tempfile.TemporaryDirectory() as tmp:
    json.dump({k: v for k, v in gt.items() if in_half(k)}, open(tmp + '/gt.json', 'w', encoding='utf8'))
    for ratio in ratios:
        for cover in covers:
            json.dump(choose(ratio, cover), open(tmp + '/pred.json', 'w', encoding='utf8'))
            r = subprocess.run(['python3', '../shared/tools/eval-extraction.py', tmp + '/pred.json', '--ground-truth',
                                tmp + '/gt.json', '--seed', '0'], capture_output=True, text=True)
            print(half, 'R', ratio, 'C', cover, r.stdout.strip().splitlines()[-1].split('pages=')[1])
