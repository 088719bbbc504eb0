"""Adds the known-word filter (tensor `known_words`) to a tagger's weights file.

Why: a word the tagger never saw in training still hashes onto two word rows, trained for
other words; their sum is noise that reads like evidence. The tagger learned (whole-word
dropout) to tag words without their word rows, so at inference a word outside the training
vocabulary reads none (src/classifier/known_words.rs). The vocabulary is stored as the pair
of word rows each training word reads (the first two feature ids of every token of
`annotate features`), in a Bloom filter (10 bits and 7 hashes per word: under 1% false
positives).

Usage: python train/known_words.py --features OUT/train.jsonl --model model/ner.aann
(rewrites the model in place; the other tensors keep their bytes and offsets).
"""
import argparse, json, struct

import numpy as np

from train import fnv1a64  # the checksum model.rs verifies

MASK = 0xFFFFFFFFFFFFFFFF
GOLDEN = 0x9E3779B97F4A7C15


def mix(z):
    """Twin of known_words::mix in Rust (SplitMix64's finaliser)."""
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def bloom(pairs, bits_per_key=10, hashes=7):
    bits = max(64, len(pairs) * bits_per_key) // 8 * 8
    arr = np.zeros(bits // 8, np.uint8)
    for a, b in sorted(pairs):
        key = (a << 32) | b
        h1, h2 = mix(key), mix(key ^ GOLDEN) | 1
        for i in range(hashes):
            bit = ((h1 + i * h2) & MASK) % bits
            arr[bit >> 3] |= 1 << (bit & 7)
    return b"AAKW" + struct.pack("<IQ", hashes, bits) + arr.tobytes()


def training_pairs(path):
    pairs = set()
    with open(path) as f:
        for line in f:
            d = json.loads(line)
            ids = np.asarray(d["ids"], dtype=np.int64).reshape(-1, d["nf"])
            pairs.update(zip(ids[:, 0].tolist(), ids[:, 1].tolist()))
    return pairs


def add_tensor(path, name, blob):
    raw = open(path, "rb").read()
    hl = struct.unpack("<I", raw[8:12])[0]
    header, data = json.loads(raw[12:12 + hl]), bytearray(raw[12 + hl:-8])
    for old in [t for t in header["tensors"] if t["name"] == name]:
        # Run again on the same file: the previous blob is the last thing in the data.
        if old["offset"] + old["shape"][0] != len(data):
            raise SystemExit(f"{path}: tensor {name} is not the last one; retrain instead")
        del data[old["offset"]:]
        header["tensors"].remove(old)
    header["tensors"].append({"name": name, "shape": [len(blob)], "dtype": "u8", "offset": len(data)})
    data += blob
    hjson = json.dumps(header, separators=(",", ":")).encode()
    body = raw[:8] + struct.pack("<I", len(hjson)) + hjson + bytes(data)
    with open(path, "wb") as f:
        f.write(body + struct.pack("<Q", fnv1a64(body)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--features", required=True,
                    help="`annotate features` output of the training documents (comma-separated files)")
    ap.add_argument("--model", required=True, help="weights file to extend in place")
    args = ap.parse_args()
    pairs = set().union(*(training_pairs(path) for path in args.features.split(",")))
    blob = bloom(pairs)
    add_tensor(args.model, "known_words", blob)
    print(f"known words: {len(pairs)} training words, {len(blob)} bytes, added to {args.model}")


if __name__ == "__main__":
    main()
