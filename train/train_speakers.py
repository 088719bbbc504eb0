"""Train the speaker ranker (model/speakers.json): a linear scorer over the named features of
each claim's speaker candidates, fitted by maximum likelihood (softmax over the candidates of a
claim, the right ones pooled) with an L2 penalty chosen on the dev files and the out-of-fold accuracy of the training claims
(5 folds by document).

Input: JSON lines from `annotate speakers` (one per gold claim: its candidates, each with
`right` and `features`). Claims with no right candidate teach nothing and are left out of
training (they still count as wrong in the figures).

    annotate speakers --claims data/claims/news_claims.tsv --conll-dir ... --split train > a.jsonl
    python train/train_speakers.py --train a.jsonl b.jsonl --dev c.jsonl d.jsonl \
        --names names.txt --out model/speakers.json

Deterministic: full-batch L-BFGS from zero weights.
"""

import argparse
import json
import sys

import numpy as np
from scipy.optimize import minimize

FORMAT = "speaker-ranker/1"
FOLDS = 5
PENALTIES = [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03]


def load(paths, index, docs=None):
    """Each claim as (feature matrix, right mask); `docs`, when a list, gets each claim's
    document id (file and doc)."""
    claims = []
    for path in paths:
        with open(path) as f:
            for line in f:
                row = json.loads(line)
                cands = row["candidates"]
                x = np.zeros((len(cands), len(index)))
                for i, c in enumerate(cands):
                    for name, v in c["features"].items():
                        if name not in index:
                            sys.exit(f"{path}: unknown feature {name!r} (names file out of date?)")
                        x[i, index[name]] = v
                right = np.array([bool(c["right"]) for c in cands])
                claims.append((x, right))
                if docs is not None:
                    docs.append(f"{path}:{row['doc']}")
    return claims


def flatten(claims):
    """Stacked candidates, the claim each belongs to, and the right mask."""
    xs = np.concatenate([x for x, _ in claims]) if claims else np.zeros((0, 0))
    owner = np.concatenate([np.full(len(x), k) for k, (x, _) in enumerate(claims)])
    right = np.concatenate([r for _, r in claims])
    return xs, owner, right


def fit(claims, dim, penalty):
    usable = [(x, r) for x, r in claims if r.any() and len(x) > 1]
    xs, owner, right = flatten(usable)
    n = len(usable)

    def objective(w):
        s = xs @ w
        # per-claim log-sum-exp over all candidates and over the right ones
        top = np.full(n, -np.inf)
        np.maximum.at(top, owner, s)
        e = np.exp(s - top[owner])
        z_all = np.zeros(n)
        np.add.at(z_all, owner, e)
        z_right = np.zeros(n)
        np.add.at(z_right, owner, e * right)
        loss = np.sum(np.log(z_all) - np.log(z_right)) / n + penalty * w @ w
        p_all = e / z_all[owner]
        p_right = np.where(right, e / np.maximum(z_right[owner], 1e-300), 0.0)
        grad = xs.T @ (p_all - p_right) / n + 2 * penalty * w
        return loss, grad

    res = minimize(objective, np.zeros(dim), jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    return res.x


def accuracy(claims, w):
    """Share of claims whose best-scored candidate (the first among equals) is right."""
    if not claims:
        return 0.0
    ok = 0
    for x, right in claims:
        if len(x):
            ok += bool(right[int(np.argmax(x @ w))])
    return ok / len(claims)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", nargs="+", required=True)
    ap.add_argument("--dev", nargs="+", required=True)
    ap.add_argument("--names", required=True, help="annotate speakers --feature-names output")
    ap.add_argument("--out", required=True)
    ap.add_argument("--id", default="speaker-ranker")
    ap.add_argument("--report", help="JSON file for the figures")
    ap.add_argument("--penalties", type=float, nargs="+", default=PENALTIES,
                    help="the L2 penalties tried (default: %(default)s)")
    args = ap.parse_args()

    names = [n for n in open(args.names).read().split("\n") if n]
    index = {n: i for i, n in enumerate(names)}
    train_docs = []
    train = load(args.train, index, train_docs)
    # Folds by document (a document's claims share its names), assigned in order of first
    # appearance, round robin: deterministic.
    order = {d: i for i, d in enumerate(dict.fromkeys(train_docs))}
    fold_of = np.array([order[d] % FOLDS for d in train_docs])
    devs = {p: load([p], index) for p in args.dev}
    chain = np.zeros(len(names))
    chain[index["chain"]] = 1.0
    report = {"chain": {p: accuracy(c, chain) for p, c in devs.items()}, "penalties": {}}
    report["chain"]["train"] = accuracy(train, chain)
    for p, c in list(devs.items()) + [("train", train)]:
        print(f"chain alone  {p}: {report['chain'][p]:.3f} ({len(c)} claims)")
    best = None
    for penalty in args.penalties:
        w = fit(train, len(names), penalty)
        accs = {p: accuracy(c, w) for p, c in devs.items()}
        # Out-of-fold accuracy on the training claims: a second, larger held-out view.
        right = 0
        for k in range(FOLDS):
            inside = [c for c, f in zip(train, fold_of) if f != k]
            held = [c for c, f in zip(train, fold_of) if f == k]
            right += accuracy(held, fit(inside, len(names), penalty)) * len(held)
        accs["out-of-fold train"] = right / len(train)
        mean = float(np.mean(list(accs.values())))
        report["penalties"][str(penalty)] = {"dev": accs, "mean": mean, "train": accuracy(train, w)}
        print(f"penalty {penalty}: mean {mean:.4f} " + " ".join(f"{v:.3f}" for v in accs.values())
              + f" train {accuracy(train, w):.3f}")
        if best is None or mean > best[0] + 1e-9:
            best = (mean, penalty, w)
    mean, penalty, w = best
    print(f"chosen penalty {penalty} (mean of the dev files and out-of-fold train {mean:.4f})")
    weights = {n: round(float(v), 6) for n, v in zip(names, w)}
    with open(args.out, "w") as f:
        json.dump({"format": FORMAT, "id": args.id, "penalty": penalty, "weights": weights}, f,
                  indent=0, sort_keys=True)
        f.write("\n")
    report["chosen"] = penalty
    if args.report:
        with open(args.report, "w") as f:
            json.dump(report, f, indent=1)
    for n, v in sorted(weights.items(), key=lambda kv: -abs(kv[1]))[:25]:
        try:
            print(f"  {v:+.3f} {n}")
        except BrokenPipeError:
            break


if __name__ == "__main__":
    main()
