#!/usr/bin/env python3
"""Print the sentences of one CoNLL-2003 document with their indices.

    python3 data/claims/show.py train 12      # document 12 of train.txt
    python3 data/claims/show.py valid 3
    python3 data/claims/show.py test 50       # CoNLL test.txt (the evaluation-only fresh set)
    python3 data/claims/show.py --list train  # one line per document: index, sentences, first sentence

Documents start at -DOCSTART- lines (index from 0 within each file); sentences are
separated by blank lines (index from 0 within the document); a sentence's text is its
tokens (first column) joined by single spaces. The text is read from
../shared/data/ner/conll2003 and is never written anywhere.
"""
import os
import signal
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CONLL = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "data", "ner", "conll2003"))
FILES = ("train", "valid", "test")


def load(name, root=None):
    """Return a list of documents; each document is a list of sentences (strings)."""
    path = os.path.join(root or os.environ.get("CONLL_DIR", CONLL), name + ".txt")
    docs, sent = [], []

    def flush():
        if sent and docs:
            docs[-1].append(" ".join(sent))
        sent.clear()

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                flush()
                docs.append([])
            elif not line.strip():
                flush()
            else:
                sent.append(line.split(" ")[0])
    flush()
    return docs


def main(argv):
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if len(argv) == 2 and argv[0] == "--list" and argv[1] in FILES:
        for i, doc in enumerate(load(argv[1])):
            print(f"{i}\t{len(doc)}\t{doc[0] if doc else ''}")
        return 0
    if len(argv) != 2 or argv[0] not in FILES or not argv[1].isdigit():
        print(__doc__.strip(), file=sys.stderr)
        return 2
    docs = load(argv[0])
    i = int(argv[1])
    if i >= len(docs):
        print(f"{argv[0]} has {len(docs)} documents (0..{len(docs) - 1})", file=sys.stderr)
        return 1
    for j, s in enumerate(docs[i]):
        print(f"{j}\t{s}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
