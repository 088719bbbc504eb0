"""Names of today, drawn from the 2018-2020 news corpus, and how they compare with the vector lexicon.

Why: the name lexicon (train/lexicon.py) knows the names near CoNLL-1996's in spaCy's word vectors; the
companies, apps and groups of today's news are often not there. The tagger, run over 12.7M words of
2018-2020 news (../shared/data/unlabelled/news-2018-2020), tags many of them; a word it tags as one kind
of name confidently, in many articles, and nearly every time it is written, is a name of that kind.
Those words join the lexicon (`lexicon.py --corpus-names`), so a sentence that gives no other evidence
still reads "Huawei" as an organisation.

  build:   python train/corpus_lexicon.py build --annotate target/release/annotate --out NAMES.json
           (tags every corpus article but the hand-labelled evaluation set's, one name label per word
           per article, then keeps the words that pass --min-articles, --min-share and --min-name-rate;
           about 3 minutes on 2 cores)
  pick:    python train/corpus_lexicon.py pick --n 600 --out IDS.txt
           (a seeded draw of corpus articles, the evaluation set's left out: unlabelled text on which the
           tagger's student learns its teachers' tags, train.py --unlabelled)
  measure: python train/corpus_lexicon.py measure --gold GOLD.json --lexicon [NAME=]A.bin [--lexicon ...]
           (GOLD.json from `annotate gold`: for each lexicon, how many words of gold names it puts in
           their class, in another class or in none, and how many capitalised words outside names it
           calls names)

The evaluation set's articles (data/claims/news_claims_modern*.tsv) are never read: articles labelled by
hand for evaluation stay out of every training use.
"""
import argparse
import collections
import csv
import json
import os
import re
import struct
import subprocess
import sys
import threading

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, os.path.join(ROOT, "data", "claims"))
from pick_modern import articles  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lexicon import hash_str, write_lexicon  # noqa: E402

LABELS = ("PER", "ORG", "LOC", "MISC")
# A word of a name: capitalised letters, with the joiners names use inside a word ("O'Neill", "AT&T").
WORD = re.compile(r"[A-Z][A-Za-z.'&-]*[A-Za-z]|[A-Z]")
EVALUATION_SETS = ("news_claims_modern.tsv", "news_claims_modern_second.tsv")


def evaluation_articles():
    ids = set()
    for name in EVALUATION_SETS:
        with open(os.path.join(ROOT, "data", "claims", name), newline="") as f:
            ids |= {row["article"] for row in csv.DictReader(f, delimiter="\t")}
    return ids


def tag_corpus(annotate, model, corpus, skip):
    """Yields (article id, text, entities) for every corpus article outside `skip`, tagged by the
    crate's CLI (one process, JSON lines in and out, claims off)."""
    cmd = [annotate, "-", "--jsonl", "--claim-model", "none"] + (["--model", model] if model else [])
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
    texts = {}

    def feed():
        for a in articles(corpus):
            if a["id"] in skip or not a["text"].strip():
                continue
            texts[a["id"]] = a["text"]
            proc.stdin.write(json.dumps({"id": a["id"], "text": a["text"]}) + "\n")
        proc.stdin.close()

    feeder = threading.Thread(target=feed)
    feeder.start()
    for line in proc.stdout:
        out = json.loads(line)
        if "error" in out:
            raise SystemExit(f"annotate: {out['error']}")
        yield out["id"], texts.pop(out["id"]), out["entities"]
    feeder.join()
    if proc.wait() != 0:
        raise SystemExit(f"annotate exited with {proc.returncode}")


def build(args):
    skip = evaluation_articles()
    # Per word: the articles where it is a confident name, by label (one label per word per article:
    # the article's majority), the times it is written inside any name, and the times it is written.
    label_articles = collections.defaultdict(collections.Counter)
    in_names = collections.Counter()
    written = collections.Counter()
    n = 0
    for _, text, entities in tag_corpus(args.annotate, args.model, args.corpus, skip):
        n += 1
        written.update(WORD.findall(text))
        votes = collections.defaultdict(collections.Counter)
        for e in entities:
            words = WORD.findall(e["text"])
            in_names.update(words)
            if e["score"] >= args.min_score and e["label"] in LABELS:
                for w in words:
                    votes[w][e["label"]] += 1
        for w, v in votes.items():
            label_articles[w][v.most_common(1)[0][0]] += 1
        if n % 1000 == 0:
            print(f"{n} articles", file=sys.stderr, flush=True)
    names = {label: [] for label in LABELS}
    for w, by_label in label_articles.items():
        label, count = by_label.most_common(1)[0]
        total = sum(by_label.values())
        if len(w) < 2 or count < args.min_articles or count / total < args.min_share:
            continue
        if in_names[w] / max(written[w], 1) < args.min_name_rate:
            continue
        names[label].append(w)
    for label in LABELS:
        names[label].sort()
    report = {
        "articles": n,
        "skipped_evaluation_articles": len(skip),
        "thresholds": {"min_score": args.min_score, "min_articles": args.min_articles,
                       "min_share": args.min_share, "min_name_rate": args.min_name_rate},
        "words": {label: len(v) for label, v in names.items()},
    }
    with open(args.out, "w") as f:
        json.dump({"report": report, "names": names}, f, indent=0)
    if args.bin:
        write_lexicon({label: set(words) for label, words in names.items()}, args.bin)
    print(json.dumps(report))


def pick(args):
    """Unlabelled articles for the tagger's distillation (train.py --unlabelled): a seeded draw of the
    corpus without the evaluation set's articles."""
    import random
    skip = evaluation_articles()
    ids = sorted(a["id"] for a in articles(args.corpus) if a["id"] not in skip and a["text"].strip())
    random.Random(args.seed).shuffle(ids)
    with open(args.out, "w") as f:
        f.write("\n".join(ids[:args.n]) + "\n")
    print(f"{min(args.n, len(ids))} of {len(ids)} articles (evaluation set's {len(skip)} left out)")


class BloomLexicon:
    """Reads a lexicon.bin (the layout of src/features/lexicon.rs) and answers as Lexicon::flags."""

    def __init__(self, path):
        b = open(path, "rb").read()
        if b[:4] != b"AALX":
            raise SystemExit(f"{path}: not a lexicon")
        n = struct.unpack("<I", b[4:8])[0]
        header = json.loads(b[8:8 + n])
        self.classes, self.hashes, self.filters = header["classes"], header["hashes"], []
        at = 8 + n
        for bits in header["bits"]:
            self.filters.append((bits, b[at:at + bits // 8]))
            at += bits // 8

    def classes_of(self, word):
        if not word[:1].isupper():
            return set()
        keys = [word]
        if len(word) > 1 and not any(c.islower() for c in word):
            keys.append(word[0] + word[1:].lower())
        return {c for c, (bits, arr) in zip(self.classes, self.filters)
                if any(self._contains(bits, arr, key) for key in keys)}

    def _contains(self, bits, arr, key):
        h1, h2 = hash_str(101, key), hash_str(102, key) | 1
        for i in range(self.hashes):
            bit = ((h1 + i * h2) & 0xFFFFFFFFFFFFFFFF) % bits
            if not arr[bit >> 3] >> (bit & 7) & 1:
                return False
        return True


def measure(args):
    docs = json.load(open(args.gold))
    lexicons = [(spec.split("=", 1) if "=" in spec else (spec, spec)) for spec in args.lexicon]
    rows = []
    for name, path in lexicons:
        lex = BloomLexicon(path)
        right = other = none = outside = outside_hit = 0
        per_label = collections.defaultdict(lambda: [0, 0])
        for d in docs:
            text = d["text"]
            inside = []
            for start, end, label in d["gold"]:
                if label == "MISC":
                    continue
                for m in WORD.finditer(text[start:end]):
                    found = lex.classes_of(m.group())
                    per_label[label][1] += 1
                    if label in found:
                        right += 1
                        per_label[label][0] += 1
                    elif found:
                        other += 1
                    else:
                        none += 1
                inside.append((start, end))
            for m in WORD.finditer(text):
                if any(s <= m.start() < e for s, e in inside) or m.start() == 0:
                    continue
                # Not at a sentence's start: capitalised there for the sentence, not as a name.
                if re.search(r"[.!?\"']\s*$", text[:m.start()]):
                    continue
                outside += 1
                outside_hit += bool(lex.classes_of(m.group()) - {"MISC"})
        total = right + other + none
        rows.append({
            "set": args.set, "name": name, "lexicon": path, "name_words": total, "own_class": round(right / max(total, 1), 3),
            "other_class_only": round(other / max(total, 1), 3), "unknown": round(none / max(total, 1), 3),
            "by_label": {k: round(v[0] / max(v[1], 1), 3) for k, v in sorted(per_label.items())},
            "words_outside_names": outside,
            "outside_called_PER_ORG_LOC": round(outside_hit / max(outside, 1), 3),
        })
    for r in rows:
        print(json.dumps(r))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("--annotate", required=True, help="the crate's CLI (target/release/annotate)")
    b.add_argument("--model", default=None, help="tagger weights (default: the ones built in)")
    b.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "data", "unlabelled", "news-2018-2020"))
    b.add_argument("--out", required=True)
    b.add_argument("--bin", default=None, help="also write these names alone as a lexicon file (to measure)")
    b.add_argument("--min-score", type=float, default=0.9, help="a name counts when the tagger is this sure")
    b.add_argument("--min-articles", type=int, default=3, help="articles where the word is that kind of name")
    b.add_argument("--min-share", type=float, default=0.9, help="of the word's name articles, this share agree")
    b.add_argument("--min-name-rate", type=float, default=0.8,
                   help="of the times the word is written, this share is inside a name")
    k = sub.add_parser("pick")
    k.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "data", "unlabelled", "news-2018-2020"))
    k.add_argument("--n", type=int, default=600)
    k.add_argument("--seed", type=int, default=1)
    k.add_argument("--out", required=True)
    m = sub.add_parser("measure")
    m.add_argument("--gold", required=True, help="`annotate gold` output")
    m.add_argument("--lexicon", action="append", required=True, help="NAME=FILE or FILE (repeat)")
    m.add_argument("--set", default="", help="the gold set's name, for the report")
    args = ap.parse_args()
    {"build": build, "pick": pick, "measure": measure}[args.cmd](args)


if __name__ == "__main__":
    main()
