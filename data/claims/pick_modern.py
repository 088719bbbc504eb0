#!/usr/bin/env python3
"""Pick the articles of the modern evaluation set from ../shared/data/unlabelled/news-2018-2020.

    python3 data/claims/pick_modern.py [N]          # prints N ids (default 48), one per line, with outlet, topic, date, words
    python3 data/claims/pick_modern.py --train N    # N articles for the training part (never an evaluation article)

Deterministic (a fixed seed), chosen before any model of the project reads the corpus:
- articles of 150 to 900 words (a reader's article, not a brief nor a long read), with a title;
- at most one article per outlet, and outlets drawn in turn from the topics so that several topics
  and all three years appear;
- opinion pieces are kept only up to a sixth of the set (news first: claims with speakers).
The ids go into data/claims/news_claims_modern.tsv; every training use of the corpus skips them.

The training part (`--train`) is drawn the same way with another seed, outlets allowed to repeat (up
to three articles each), and never an article of the evaluation set: the evaluation ids are those
the evaluation pick prints, so the training pick does not depend on which labels exist yet.
"""
import gzip
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "data", "unlabelled", "news-2018-2020"))


def articles(root=None):
    root = root or os.environ.get("CORPUS_DIR", CORPUS)
    for part in sorted(f for f in os.listdir(root) if f.endswith(".jsonl.gz")):
        with gzip.open(os.path.join(root, part), "rt", encoding="utf-8") as f:
            for line in f:
                yield json.loads(line)


def pick(n, seed=20261207, per_outlet=1, exclude=()):
    pool = []
    for a in articles():
        words = len(a["text"].split())
        if 150 <= words <= 900 and a.get("title", "").strip() and a["id"] not in exclude:
            pool.append((a["id"], a["source"], a["topic"], a["date"], words, a["title"]))
    rng = random.Random(seed)
    rng.shuffle(pool)
    by_topic = {}
    for row in pool:
        by_topic.setdefault(row[2], []).append(row)
    topics = sorted(by_topic, key=lambda t: -len(by_topic[t]))
    chosen, outlets, opinion = [], {}, 0
    while len(chosen) < n and any(by_topic.values()):
        for t in topics:
            rows = by_topic[t]
            while rows:
                row = rows.pop()
                is_opinion = "opinion" in row[5].lower() or row[2] in ("opinion",)
                if outlets.get(row[1], 0) >= per_outlet or (is_opinion and opinion >= n // 6):
                    continue
                outlets[row[1]] = outlets.get(row[1], 0) + 1
                opinion += is_opinion
                chosen.append(row)
                break
            if len(chosen) >= n:
                break
    return chosen


def main():
    args = sys.argv[1:]
    if args[:1] == ["--train"]:
        evaluation = {row[0] for row in pick(48)}
        chosen = pick(int(args[1]), seed=20261208, per_outlet=3, exclude=evaluation)
    else:
        chosen = pick(int(args[0]) if args else 48)
    for row in chosen:
        print("\t".join(str(x) for x in row[:5]))


if __name__ == "__main__":
    main()
