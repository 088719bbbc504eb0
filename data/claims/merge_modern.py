#!/usr/bin/env python3
"""Merge the blind annotators' files of the modern set and report their agreement.

    python3 data/claims/merge_modern.py LABELS_DIR
    python3 data/claims/merge_modern.py --train LABELS_DIR

LABELS_DIR holds share-A<k>.txt (the article ids of annotator k: 8 own, then the first 2 of the next
annotator's share) and modern-A<k>.tsv (their labels: article, sentence, start, end, label, speaker,
cue). Writes data/claims/news_claims_modern.tsv (every article labelled by its owner, split
`modern`) and data/claims/news_claims_modern_second.tsv (the second annotator's labels of the
double-labelled articles), then prints Cohen's kappa on claim/none over the double-labelled
sentences and how often the two speakers name the same actor (same surname) on claims both marked.

With --train, LABELS_DIR is the training round's: owners.tsv (annotator, article: who owns which
article), share-T<k>.txt (the order each annotator labelled in; the articles they do not own are
the double-labelled ones) and train-T<k>.tsv. It writes data/claims/news_claims_modern_train.tsv
(split `train`, or `dev` for about one article in six by a hash of its id: the modern dev part that
chooses thresholds) and news_claims_modern_train_second.tsv.
"""
import hashlib
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = ["split", "article", "sentence", "start", "end", "label", "speaker", "cue"]


def read_labels(path):
    rows = {}
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(r)
        assert header[:5] == ["article", "sentence", "start", "end", "label"], (path, header)
        for row in r:
            row += [""] * (7 - len(row))
            article, sentence, start, end, label, speaker, cue = row[:7]
            assert label in ("claim", "none"), (path, row)
            rows.setdefault(article, []).append((int(sentence), int(start), int(end), label, speaker.strip(), cue.strip()))
    return rows


def surname(name):
    words = [w for w in name.replace("’", "'").split() if w[:1].isupper()]
    return words[-1].lower().rstrip("'s") if words else ""


def kappa(pairs):
    n = len(pairs)
    agree = sum(a == b for a, b in pairs) / n
    pa = sum(a == "claim" for a, _ in pairs) / n
    pb = sum(b == "claim" for _, b in pairs) / n
    chance = pa * pb + (1 - pa) * (1 - pb)
    return (agree - chance) / (1 - chance), agree


def dev_article(article):
    """About one training article in six is the modern dev part (fixed by a hash of its id)."""
    return int(hashlib.sha256(article.encode()).hexdigest(), 16) % 6 == 0


def main():
    if sys.argv[1:2] == ["--train"]:
        return main_train(sys.argv[2])
    labels_dir = sys.argv[1]
    annotators = sorted(f[len("share-"):-len(".txt")] for f in os.listdir(labels_dir) if f.startswith("share-"))
    owner, second = {}, {}
    for a in annotators:
        ids = open(os.path.join(labels_dir, f"share-{a}.txt")).read().split()
        labels = read_labels(os.path.join(labels_dir, f"modern-{a}.tsv"))
        for i, article in enumerate(ids):
            assert article in labels, f"{a} did not label {article}"
            (owner if i < 8 else second)[article] = (a, sorted(labels[article]))
    order = []
    for a in annotators:
        order += open(os.path.join(labels_dir, f"share-{a}.txt")).read().split()[:8]
    names = ("news_claims_modern.tsv", "news_claims_modern_second.tsv")
    write_and_report(names, owner, second, order, lambda article: "modern")


def main_train(labels_dir):
    owners = {}
    order = []
    for line in open(os.path.join(labels_dir, "owners.tsv")):
        annotator, article = line.split()
        owners[article] = annotator
        order.append(article)
    owner, second = {}, {}
    for a in sorted(set(owners.values())):
        labels = read_labels(os.path.join(labels_dir, f"train-{a}.tsv"))
        for article in open(os.path.join(labels_dir, f"share-{a}.txt")).read().split():
            if article not in labels:
                print(f"{a} did not label {article}; left out")
                continue
            (owner if owners[article] == a else second)[article] = (a, sorted(labels[article]))
    second = {k: v for k, v in second.items() if k in owner}
    names = ("news_claims_modern_train.tsv", "news_claims_modern_train_second.tsv")
    write_and_report(names, owner, second, order, lambda article: "dev" if dev_article(article) else "train")


def write_and_report(names, owner, second, order, split_of):
    for name, table in zip(names, (owner, second)):
        with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
            w.writerow(HEADER)
            for article in [x for x in order if x in table]:
                for row in table[article][1]:
                    w.writerow([split_of(article), article, *row])
    pairs, speakers_same, speakers_both = [], 0, 0
    for article, (b, rows_b) in second.items():
        a, rows_a = owner[article]
        assert [r[:3] for r in rows_a] == [r[:3] for r in rows_b], f"{article}: {a} and {b} saw other sentences"
        for ra, rb in zip(rows_a, rows_b):
            pairs.append((ra[3], rb[3]))
            if ra[3] == rb[3] == "claim":
                speakers_both += 1
                speakers_same += surname(ra[4]) == surname(rb[4])
    k, agree = kappa(pairs)
    total = sum(len(r) for _, r in owner.values())
    claims = sum(r[3] == "claim" for _, rows in owner.values() for r in rows)
    print(f"{len(owner)} articles, {total} sentences, {claims} claims ({100 * claims / total:.1f} %)")
    print(f"double-labelled: {len(second)} articles, {len(pairs)} sentences; agreement {agree:.3f}, Cohen's kappa {k:.3f}")
    print(f"speakers on claims both marked: same actor (surname, or both empty) {speakers_same}/{speakers_both}")
    for split in sorted({split_of(a) for a in owner}):
        rows = [r for a, (_, rs) in owner.items() if split_of(a) == split for r in rs]
        n_claims = sum(r[3] == "claim" for r in rows)
        named = sum(r[3] == "claim" and bool(r[4]) for r in rows)
        articles = sum(split_of(a) == split for a in owner)
        print(f"split {split}: {articles} articles, {len(rows)} sentences, {n_claims} claims, {named} with a named speaker")


if __name__ == "__main__":
    main()
