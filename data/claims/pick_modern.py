#!/usr/bin/env python3
"""Pick the articles of the modern evaluation set from ../shared/data/unlabelled/news-2018-2020.

    python3 data/claims/pick_modern.py [N]      # prints N ids (default 48), one per line, with outlet, topic, date, words

Deterministic (a fixed seed), chosen before any model of the project reads the corpus:
- articles of 150 to 900 words (a reader's article, not a brief nor a long read), with a title;
- at most one article per outlet, and outlets drawn in turn from the topics so that several topics
  and all three years appear;
- opinion pieces are kept only up to a sixth of the set (news first: claims with speakers).
The ids go into data/claims/news_claims_modern.tsv; every training use of the corpus skips them.
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


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 48
    pool = []
    for a in articles():
        words = len(a["text"].split())
        if 150 <= words <= 900 and a.get("title", "").strip():
            pool.append((a["id"], a["source"], a["topic"], a["date"], words, a["title"]))
    rng = random.Random(20261207)
    rng.shuffle(pool)
    by_topic = {}
    for row in pool:
        by_topic.setdefault(row[2], []).append(row)
    topics = sorted(by_topic, key=lambda t: -len(by_topic[t]))
    chosen, outlets, opinion = [], set(), 0
    while len(chosen) < n and any(by_topic.values()):
        for t in topics:
            rows = by_topic[t]
            while rows:
                row = rows.pop()
                is_opinion = "opinion" in row[5].lower() or row[2] in ("opinion",)
                if row[1] in outlets or (is_opinion and opinion >= n // 6):
                    continue
                outlets.add(row[1])
                opinion += is_opinion
                chosen.append(row)
                break
            if len(chosen) >= n:
                break
    for row in chosen:
        print("\t".join(str(x) for x in row[:5]))


if __name__ == "__main__":
    main()
