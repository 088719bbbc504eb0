#!/usr/bin/env python3
"""Print the sentences of one article of the modern set with their indices and code-point offsets.

    python3 data/claims/show_modern.py ID            # index <TAB> start <TAB> end <TAB> sentence
    python3 data/claims/show_modern.py --meta ID     # outlet, topic, date, words

An article's text is its title, a blank line, then its body: what a reader's page shows and what
`annotate eval --modern` reads. Sentences are the project's own tokenizer's (`annotate sentences`;
the binary is $ANNOTATE_BIN, else target/release/annotate), so a label row's offsets are the span
the pipeline reads. The text is read from ../shared/data/unlabelled/news-2018-2020 and is never
written anywhere.
"""
import json
import os
import signal
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
from pick_modern import articles  # noqa: E402


def article(wanted):
    for a in articles():
        if a["id"] == wanted:
            return a
    raise SystemExit(f"show_modern: no article {wanted!r} in the corpus")


def text_of(a):
    return a["title"].strip() + "\n\n" + a["text"]


def sentences(text):
    binary = os.environ.get("ANNOTATE_BIN", os.path.join(ROOT, "target", "release", "annotate"))
    out = subprocess.run([binary, "sentences"], input=text, capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    args = sys.argv[1:]
    if args[:1] == ["--meta"]:
        a = article(args[1])
        print(f"{a['source']}\t{a['topic']}\t{a['date']}\t{len(a['text'].split())} words")
        return
    if len(args) != 1:
        raise SystemExit(__doc__)
    for s in sentences(text_of(article(args[0]))):
        print(f"{s['index']}\t{s['start']}\t{s['end']}\t{s['text']}")


if __name__ == "__main__":
    main()
