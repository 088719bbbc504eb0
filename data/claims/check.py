#!/usr/bin/env python3
"""Validate data/claims/news_claims.tsv against the CoNLL-2003 text and print counts.

    python3 data/claims/check.py [path/to/news_claims.tsv]

Checks: the header; seven columns per row; split in train/dev/test and equal to the
hash rule (see README) for files train/valid, split fresh / fresh2 for file test
(the evaluation-only sets of CoNLL test documents, news_claims_fresh.tsv), or split general for
documents of files train/valid that the hash rule puts in train and that news_claims.tsv does not
hold (the evaluation-only general-news set, news_claims_general.tsv); document and sentence indices in range;
no duplicate rows; every sentence of each listed document labelled; label claim/none;
a claim has a cue, a none has neither speaker nor cue; a non-empty speaker occurs in
the document's text; each "..."-separated piece of a cue occurs in the sentence
(case-insensitive); each document in exactly one split. Exits 1 on any error.
"""
import collections
import hashlib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from show import load  # noqa: E402

HEADER = ["split", "file", "doc", "sentence", "label", "speaker", "cue"]
SPLITS = ("train", "dev", "test")
# The evaluation-only sets labelled on CoNLL test.txt documents (see README): no hash rule.
FRESH = ("fresh", "fresh2")
# The evaluation-only general-news set: CoNLL train/valid documents outside news_claims.tsv.
GENERAL = ("general",)
LABELS = ("claim", "none")


def split_of(file, doc):
    """Deterministic split of a whole document: sha1("file:doc") mod 100."""
    h = int(hashlib.sha1(f"{file}:{doc}".encode()).hexdigest(), 16) % 100
    return "train" if h < 70 else ("dev" if h < 85 else "test")


def main(argv):
    path = argv[0] if argv else os.path.join(HERE, "news_claims.tsv")
    docs = {f: load(f) for f in ("train", "valid", "test")}
    errors = []

    def err(lineno, msg):
        errors.append(f"{os.path.basename(path)}:{lineno}: {msg}")

    seen = set()
    doc_split = {}
    doc_sents = collections.defaultdict(set)
    counts = collections.Counter()
    no_speaker = collections.Counter()
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0].split("\t") != HEADER:
        err(1, f"header must be {' '.join(HEADER)} (tab-separated)")
        lines = lines[:1] + lines[1:]
    for i, line in enumerate(lines[1:], start=2):
        cols = line.split("\t")
        if len(cols) != len(HEADER):
            err(i, f"expected {len(HEADER)} columns, got {len(cols)}")
            continue
        split, file, doc, sent, label, speaker, cue = cols
        if split not in SPLITS + FRESH + GENERAL:
            err(i, f"bad split {split!r}")
        if (split in FRESH) != (file == "test"):
            err(i, f"the fresh splits hold exactly the CoNLL test documents (got {split} / {file})")
        if file not in docs:
            err(i, f"bad file {file!r}")
            continue
        if not (doc.isdigit() and sent.isdigit()):
            err(i, "doc and sentence must be non-negative integers")
            continue
        d, s = int(doc), int(sent)
        if d >= len(docs[file]):
            err(i, f"doc {d} out of range ({file} has {len(docs[file])})")
            continue
        sentences = docs[file][d]
        if s >= len(sentences):
            err(i, f"sentence {s} out of range ({file} {d} has {len(sentences)})")
            continue
        if (file, d, s) in seen:
            err(i, f"duplicate row for {file} {d} {s}")
        seen.add((file, d, s))
        doc_sents[(file, d)].add(s)
        if doc_split.setdefault((file, d), split) != split:
            err(i, f"{file} {d} appears in splits {doc_split[(file, d)]} and {split}")
        if split in SPLITS and split != split_of(file, d):
            err(i, f"{file} {d} should be in {split_of(file, d)} by the hash rule")
        if split in GENERAL and split_of(file, d) != "train":
            err(i, f"{file} {d} is a {split_of(file, d)} document by the hash rule: not for the general set")
        if label not in LABELS:
            err(i, f"bad label {label!r}")
            continue
        if label == "none" and (speaker or cue):
            err(i, "a none row must have empty speaker and cue")
        if label == "claim":
            if not cue:
                err(i, "a claim needs a cue")
            if not speaker:
                no_speaker[split] += 1
        if speaker and speaker not in " ".join(sentences):
            err(i, f"speaker {speaker!r} does not occur in {file} {d}")
        text = sentences[s].lower()
        for piece in (p.strip() for p in cue.split("...")):
            if piece and piece.lower() not in text:
                err(i, f"cue piece {piece!r} does not occur in the sentence")
            if len(piece.split()) > 12:
                err(i, f"cue piece {piece!r} is too long (cues are cue words, not text)")
        counts[(split, label)] += 1
    general = {key for key, sp in doc_split.items() if sp in GENERAL}
    if general:
        news = os.path.join(HERE, "news_claims.tsv")
        with open(news, encoding="utf-8") as f:
            held = {(c[1], int(c[2])) for c in (line.split("\t") for line in f.read().split("\n")[1:]) if len(c) > 2}
        for file, d in sorted(general & held):
            errors.append(f"{file} {d}: in the general set and in news_claims.tsv")
    for (file, d), got in sorted(doc_sents.items()):
        missing = set(range(len(docs[file][d]))) - got
        if missing:
            errors.append(f"{file} {d}: sentences not labelled: {sorted(missing)}")

    ndocs = collections.Counter(doc_split.values())
    print(f"{'split':<6} {'docs':>5} {'claim':>6} {'none':>6} {'total':>6} {'claim%':>7} {'no speaker':>11}")
    present = tuple(f for f in SPLITS if ndocs[f]) + tuple(f for f in FRESH + GENERAL if ndocs[f])
    for sp in present + ("all",):
        keys = present if sp == "all" else (sp,)
        c = sum(counts[(k, "claim")] for k in keys)
        n = sum(counts[(k, "none")] for k in keys)
        nd = sum(ndocs[k] for k in keys)
        ns = sum(no_speaker[k] for k in keys)
        pct = 100.0 * c / (c + n) if c + n else 0.0
        print(f"{sp:<6} {nd:>5} {c:>6} {n:>6} {c + n:>6} {pct:>6.1f}% {ns:>11}")
    if errors:
        print(f"\n{len(errors)} error(s):", file=sys.stderr)
        for e in errors[:50]:
            print("  " + e, file=sys.stderr)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
