"""Trains the entity tagger and writes model/ner.aann.

The features are not computed here: `annotate features` (the Rust crate itself) exports, for
each CoNLL document, every token's feature rows and its gold tag, so training and inference
can never disagree on tokens or features. See train/README.md; run through train/train.sh.

Model (the Rust side, src/classifier/cpu.rs, is the reference for every step):
  x_t   = sum of the token's feature rows of one embedding table      (embed_sum)
  x_t  <- x_t + relu(b + W [x_{t-d}; x_t; x_{t+d}]), one per dilation  (conv_layer)
  s_t   = b + x_t W_out                                                (tag_scores)
  a linear-chain CRF over BIO tags with I-X only after B-X / I-X       (decode::viterbi)
"""
import argparse, json, math, os, struct, sys, time

import numpy as np
import jax
import jax.numpy as jnp
import optax

TAGS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
T = len(TAGS)
# One extra output per token: its vote on whether its sentence is a policy claim. A
# sentence's claim score is the sigmoid of the mean vote over its tokens.
CLAIM_LOGITS = 1
MAX_SEGMENTS = 96


def load(path):
    docs = []
    with open(path) as f:
        for line in f:
            d = json.loads(line)
            nf = d["nf"]
            ids = np.asarray(d["ids"], dtype=np.int32).reshape(-1, nf)
            # No gold tags (unlabelled text for the teachers): every tag free (-1).
            tags = np.asarray(d["tags"] if d["tags"] is not None else [-1] * len(ids), dtype=np.int32)
            docs.append((ids, tags))
    return docs


def load_claims(path):
    """Documents with claim segments: (ids, seg per token, label per segment)."""
    docs = []
    with open(path) as f:
        for line in f:
            d = json.loads(line)
            ids = np.asarray(d["ids"], dtype=np.int32).reshape(-1, d["nf"])
            docs.append((ids, np.asarray(d["seg"], np.int32), np.asarray(d["seg_labels"], np.int32)))
    return docs


def claim_windows(docs, length, dtype=np.int32):
    """Windows of claim documents; segment ids renumbered per window, -1 for tokens that
    train nothing (outside any labelled segment). `dtype` float32 keeps soft labels
    (probabilities from teachers, train_claims.py --soft)."""
    ids, segs, labels, mask = [], [], [], []
    for d_ids, d_seg, d_lab in docs:
        for s in range(0, len(d_seg), length):
            n = min(length, len(d_seg) - s)
            i = np.zeros((length, d_ids.shape[1]), np.int32)
            g = np.full(length, -1, np.int32)
            lab = np.full(MAX_SEGMENTS, -1, dtype)
            m = np.zeros(length, np.float32)
            i[:n], m[:n] = d_ids[s:s + n], 1
            local = {}
            for t in range(n):
                sid = d_seg[s + t]
                if sid < 0 or sid >= len(d_lab) or d_lab[sid] < 0:
                    continue
                if sid not in local:
                    if len(local) == MAX_SEGMENTS:
                        continue
                    local[sid] = len(local)
                    lab[local[sid]] = d_lab[sid]
                g[t] = local[sid]
            ids.append(i), segs.append(g), labels.append(lab), mask.append(m)
    return np.stack(ids), np.stack(segs), np.stack(labels), np.stack(mask)


def claim_loss(votes, seg, labels):
    """Binary cross-entropy of each labelled segment's pooled vote."""
    onehot = jax.nn.one_hot(seg, MAX_SEGMENTS)  # [B, L, S]; seg -1 gives a zero row
    total = jnp.einsum("bl,bls->bs", votes, onehot)
    count = onehot.sum(1)
    logit = total / jnp.maximum(count, 1)
    valid = (labels >= 0) & (count > 0)
    y = jnp.clip(labels, 0, 1).astype(jnp.float32)
    bce = jnp.logaddexp(0.0, logit) - y * logit
    return (bce * valid).sum() / jnp.maximum(valid.sum(), 1)


def claim_scores(p, docs, fwd):
    """Per segment: (pooled probability, gold label) over labelled segments."""
    out = []
    for ids, seg, lab in docs:
        em = np.asarray(fwd(p, jnp.asarray(ids[None]), jnp.ones((1, len(seg)), jnp.float32)))[0]
        votes = em[:, T]
        for sid, y in enumerate(lab):
            if y < 0:
                continue
            sel = votes[seg == sid]
            if len(sel):
                out.append((1 / (1 + math.exp(-float(sel.mean()))), int(y)))
    return out


def f1_at(scored, threshold):
    tp = sum(1 for p, y in scored if p >= threshold and y)
    fp = sum(1 for p, y in scored if p >= threshold and not y)
    fn = sum(1 for p, y in scored if p < threshold and y)
    return 2 * tp / max(2 * tp + fp + fn, 1)


def windows(docs, length):
    """Cuts documents into fixed-length windows (padded), so batches have one shape."""
    ids, tags, mask = [], [], []
    for d_ids, d_tags in docs:
        for s in range(0, len(d_tags), length):
            n = min(length, len(d_tags) - s)
            i = np.zeros((length, d_ids.shape[1]), np.int32)
            t = np.zeros(length, np.int32)
            m = np.zeros(length, np.float32)
            i[:n], t[:n], m[:n] = d_ids[s:s + n], d_tags[s:s + n], 1
            ids.append(i), tags.append(t), mask.append(m)
    return np.stack(ids), np.stack(tags), np.stack(mask)


def allowed_matrix():
    kinds = [("O", None) if t == "O" else (t[0], t[2:]) for t in TAGS]
    allow = np.ones((T, T), bool)
    start = np.ones(T, bool)
    for j, (pj, lj) in enumerate(kinds):
        if pj == "I":
            start[j] = False
            for i, (pi, li) in enumerate(kinds):
                allow[i, j] = pi in ("B", "I") and li == lj
    return allow, start


ALLOW, ALLOW_START = allowed_matrix()
NEG = -1e4


def init_params(key, rows, width, dilations):
    ks = jax.random.split(key, 3 + len(dilations))
    p = {"embed": jax.random.normal(ks[0], (rows, width)) * 0.1}
    for l, _ in enumerate(dilations):
        p[f"conv{l}.w"] = jax.random.normal(ks[1 + l], (3 * width, width)) * (1.0 / math.sqrt(3 * width))
        p[f"conv{l}.b"] = jnp.zeros(width)
    p["out.w"] = jax.random.normal(ks[-2], (width, T + CLAIM_LOGITS)) * (1.0 / math.sqrt(width))
    p["out.b"] = jnp.zeros(T + CLAIM_LOGITS)
    p["trans"] = jnp.zeros((T, T))
    p["start"] = jnp.zeros(T)
    p["end"] = jnp.zeros(T)
    return p


def shift(x, d):
    """x[t-d] (d > 0) or x[t+|d|] (d < 0) along axis 1, zero outside."""
    if d > 0:
        return jnp.pad(x, ((0, 0), (d, 0), (0, 0)))[:, :-d]
    return jnp.pad(x, ((0, 0), (0, -d), (0, 0)))[:, -d:]


def emissions(p, ids, mask, dilations, key=None, feat_drop=0.0, word_drop=0.0, hid_drop=0.0):
    rows = p["embed"][ids]  # [B, L, F, W]
    if key is not None:
        k1, k2, key = jax.random.split(key, 3)
        keep = jax.random.bernoulli(k1, 1 - feat_drop, rows.shape[:3]).astype(jnp.float32)
        # Whole-word dropout: both word-hash rows vanish together, so the model learns to
        # tag names it has never seen from their shape and context.
        word_keep = jax.random.bernoulli(k2, 1 - word_drop, rows.shape[:2]).astype(jnp.float32)
        is_word = (jnp.arange(rows.shape[2]) < 2).astype(jnp.float32)
        keep = keep * (1 - is_word + is_word * word_keep[..., None])
        rows = rows * keep[..., None]
    x = rows.sum(2) * mask[..., None]
    for l, d in enumerate(dilations):
        h = jnp.concatenate([shift(x, d), x, shift(x, -d)], -1) @ p[f"conv{l}.w"] + p[f"conv{l}.b"]
        h = jax.nn.relu(h)
        if key is not None and hid_drop > 0:
            key, k = jax.random.split(key)
            h = h * jax.random.bernoulli(k, 1 - hid_drop, h.shape) / (1 - hid_drop)
        x = (x + h) * mask[..., None]
    return x @ p["out.w"] + p["out.b"]


def constrained(p):
    trans = jnp.where(ALLOW, p["trans"], NEG)
    start = jnp.where(ALLOW_START, p["start"], NEG)
    return trans, start, p["end"]


def crf_nll(p, em, tags, mask):
    """Negative log-likelihood of the gold tags, per token. A tag of -1 (a name whose label the
    tagger does not learn from that set: an event of GUM or CrossNER) allows any tag there: the
    likelihood is of every path through the known tags (log Z restricted to them, minus log Z),
    which is the gold path's own likelihood where every tag is known."""
    trans, start, end = constrained(p)
    logz = crf_log_partition(em, mask, trans, start, end)
    known = jax.nn.one_hot(jnp.maximum(tags, 0), T) > 0
    allowed = jnp.where((tags >= 0)[..., None], known, True)
    gold = crf_log_partition(jnp.where(allowed, em, NEG), mask, trans, start, end)
    return (logz - gold).sum() / mask.sum()


def crf_log_partition(em, mask, trans, start, end, trans_delta=None):
    """log Z per window; trans_delta [B, L-1, T, T] (zeros) lets jax.grad read pairwise marginals."""
    alpha0 = start + em[:, 0]
    if trans_delta is None:
        trans_delta = jnp.zeros((em.shape[0], em.shape[1] - 1, T, T))

    def step(alpha, xs):
        e, m, dt = xs
        nxt = jax.nn.logsumexp(alpha[:, :, None] + trans[None] + dt, axis=1) + e
        return jnp.where(m[:, None] > 0, nxt, alpha), None

    xs = (jnp.swapaxes(em[:, 1:], 0, 1), jnp.swapaxes(mask[:, 1:], 0, 1), jnp.swapaxes(trans_delta, 0, 1))
    alpha, _ = jax.lax.scan(step, alpha0, xs)
    return jax.nn.logsumexp(alpha + end, axis=1)


def read_model(path):
    """The dequantised tensors of a .aann file written by write_model (a teacher for --teachers)."""
    b = open(path, "rb").read()
    hl = struct.unpack("<I", b[8:12])[0]
    header, data = json.loads(b[12:12 + hl]), b[12 + hl:-8]
    p = {}
    for t in header["tensors"]:
        shape, off = t["shape"], t["offset"]
        if t["dtype"] == "u8":  # the lexicon and the known-word filter: bytes, not weights
            continue
        if t["dtype"] == "f32":
            p[t["name"]] = np.frombuffer(data, "<f4", int(np.prod(shape)), off).reshape(shape)
            continue
        r, c = shape
        scale = np.frombuffer(data, "<f4", r, off)
        if t["dtype"] == "q8":
            q = np.frombuffer(data, np.int8, r * c, off + 4 * r).reshape(r, c).astype(np.float32)
        else:
            cb = (c + 1) // 2
            packed = np.frombuffer(data, np.uint8, r * cb, off + 4 * r).reshape(r, cb)
            q = np.empty((r, cb * 2), np.float32)
            q[:, 0::2], q[:, 1::2] = packed & 15, packed >> 4
            q = q[:, :c] - 8
        p[t["name"]] = q * scale[:, None]
    return header, {k: jnp.asarray(v) for k, v in p.items()}


def teacher_marginals(paths, X, M, batch=64):
    """Unary and pairwise tag marginals of an ensemble of taggers (mean emissions and mean
    CRF potentials) on every training window: the soft targets of distillation."""
    teachers = [read_model(path) for path in paths]

    @jax.jit
    def marginals(ids, mask):
        em = sum(emissions(p, ids, mask, h["dilations"])[..., :T] for h, p in teachers) / len(teachers)
        pots = [constrained(p) for _, p in teachers]
        trans, start, end = [sum(x[i] for x in pots) / len(pots) for i in range(3)]
        delta = jnp.zeros((em.shape[0], em.shape[1] - 1, T, T))
        f = lambda em, delta: crf_log_partition(em, mask, trans, start, end, delta).sum()
        q1, q2 = jax.grad(f, argnums=(0, 1))(em, delta)
        return q1 * mask[..., None], q2 * mask[:, 1:, None, None]

    out1, out2 = [], []
    for b in range(0, len(X), batch):
        q1, q2 = marginals(jnp.asarray(X[b:b + batch]), jnp.asarray(M[b:b + batch]))
        out1.append(np.asarray(q1)), out2.append(np.asarray(q2, np.float16))
    return np.concatenate(out1), np.concatenate(out2)


def soft_crf_nll(p, em, q1, q2, mask):
    """Cross-entropy of the student CRF against the teacher's path distribution (through its
    unary and pairwise marginals), per token."""
    trans, start, end = constrained(p)
    logz = crf_log_partition(em, mask, trans, start, end)
    lengths = mask.sum(1).astype(jnp.int32)
    last = jax.nn.one_hot(lengths - 1, em.shape[1])  # [B, L]
    safe_trans = jnp.where(ALLOW, p["trans"], 0.0)
    expected = (q1 * em).sum((1, 2)) + (q1[:, 0] * start).sum(-1) + (q2 * safe_trans).sum((1, 2, 3))
    expected = expected + jnp.einsum("bl,blt,t->b", last, q1, end)
    return (logz - expected).sum() / mask.sum()


def viterbi_np(em, trans, start, end):
    n = em.shape[0]
    score = start + em[0]
    back = np.zeros((n, T), np.int32)
    for i in range(1, n):
        cand = score[:, None] + trans
        back[i] = cand.argmax(0)
        score = cand.max(0) + em[i]
    path = [int((score + end).argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return path[::-1]


def spans(tags):
    out, cur = set(), None
    for i, t in enumerate(list(tags) + [0]):
        name = TAGS[t]
        if name.startswith("I-") and cur and cur[2] == name[2:]:
            continue
        if cur:
            out.add((cur[0], i, cur[2]))
            cur = None
        if name != "O":
            cur = (i, None, name[2:])
    return out


def evaluate(p, docs, dilations, fwd):
    trans, start, end = [np.asarray(a) for a in constrained(p)]
    tp = fp = fn = 0
    for ids, gold in docs:
        em = np.asarray(fwd(p, jnp.asarray(ids[None]), jnp.ones((1, len(gold)), jnp.float32)))[0][:, :T]
        pred = spans(viterbi_np(em, trans, start, end))
        # A free token (-1: an event of the extra sets) is scored as MISC, which is not counted.
        g = spans(np.where(gold < 0, TAGS.index("I-MISC"), gold))
        keep = lambda s: {x for x in s if x[2] != "MISC"}
        pred, g = keep(pred), keep(g)
        tp += len(pred & g)
        fp += len(pred - g)
        fn += len(g - pred)
    prec = tp / max(tp + fp, 1)
    rec = tp / max(tp + fn, 1)
    return 2 * prec * rec / max(prec + rec, 1e-9)


def quantize_rows(a):
    a = np.asarray(a, np.float32)
    scale = np.abs(a).max(1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.round(a / scale[:, None]), -127, 127).astype(np.int8)
    return scale.astype(np.float32), q


def quantize_rows_4bit(a):
    """4-bit values -8..7 per row with one f32 scale (unpacked)."""
    a = np.asarray(a, np.float32)
    scale = np.abs(a).max(1) / 7.0
    scale[scale == 0] = 1.0
    return scale.astype(np.float32), np.clip(np.round(a / scale[:, None]), -8, 7).astype(np.int32)


def quantize_rows_q4(a):
    """quantize_rows_4bit, packed two a byte, low nibble first (stored as 0..15)."""
    scale, q = quantize_rows_4bit(a)
    q = q + 8
    if q.shape[1] % 2:
        q = np.concatenate([q, np.full((q.shape[0], 1), 8, np.int32)], 1)
    packed = (q[:, 0::2] | (q[:, 1::2] << 4)).astype(np.uint8)
    return scale.astype(np.float32), packed


def fnv1a64(data):
    """FNV-1a 64: the checksum model.rs verifies."""
    h = 0xCBF29CE484222325
    mask = 0xFFFFFFFFFFFFFFFF
    prime = 0x100000001B3
    for b in memoryview(data):
        h = ((h ^ b) * prime) & mask
    return h


def write_model(path, p, header, quantized, lexicon=None):
    data = bytearray()
    tensors = []
    if lexicon is not None:
        tensors.append({"name": "lexicon", "shape": [len(lexicon)], "dtype": "u8", "offset": 0})
        data += lexicon
    for name in ["embed"] + [k for k in p if k.startswith("conv")] + ["out.w", "out.b", "trans", "start", "end"]:
        a = np.asarray(p[name], np.float32)
        while len(data) % 4:
            data.append(0)
        info = {"name": name, "shape": list(a.shape), "offset": len(data)}
        if name in quantized and a.ndim == 2 and quantized[name] == 4:
            scale, q = quantize_rows_q4(a)
            info["dtype"] = "q4"
            data += scale.astype("<f4").tobytes() + q.tobytes()
        elif name in quantized and a.ndim == 2:
            scale, q = quantize_rows(a)
            info["dtype"] = "q8"
            data += scale.astype("<f4").tobytes() + q.tobytes()
        else:
            info["dtype"] = "f32"
            data += a.astype("<f4").tobytes()
        tensors.append(info)
    header = dict(header, tensors=tensors)
    hjson = json.dumps(header, separators=(",", ":")).encode()
    body = b"AANN" + struct.pack("<II", 1, len(hjson)) + hjson + bytes(data)
    with open(path, "wb") as f:
        f.write(body + struct.pack("<Q", fnv1a64(body)))


def dequantized(p, quantized):
    """The numbers the Rust side will compute with (int8 rows times their scale)."""
    out = dict(p)
    for name, bits in quantized.items():
        scale, q = (quantize_rows_4bit if bits == 4 else quantize_rows)(p[name])
        out[name] = jnp.asarray(q.astype(np.float32) * scale[:, None])
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True, help="folder with train.jsonl / valid.jsonl from `annotate features`")
    ap.add_argument("--tables", required=True, help="JSON table sizes, as printed by `annotate features`")
    ap.add_argument("--out", required=True)
    ap.add_argument("--width", type=int, default=64)
    ap.add_argument("--dilations", default="1,2,1,2")
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--window", type=int, default=256)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--feat-drop", type=float, default=0.1)
    ap.add_argument("--word-drop", type=float, default=0.2)
    ap.add_argument("--hid-drop", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--teachers", default="", help="comma-separated .aann taggers whose ensemble the model "
                    "also learns from (distillation on its tag marginals)")
    ap.add_argument("--distill", type=float, default=0.5, help="weight of the teachers against the gold tags")
    ap.add_argument("--ema", type=float, default=0.0,
                    help="keep an exponential moving average of the weights with this decay (0: off); "
                         "the average is what gets evaluated and saved")
    ap.add_argument("--extra", default="",
                    help="comma-separated `annotate features` files of more entity training text (GUM, CrossNER), "
                         "packed into windows after the CoNLL train documents")
    ap.add_argument("--extra-fraction", type=float, default=1.0,
                    help="each epoch trains on this random fraction of the --extra windows (its weight "
                         "against CoNLL's conventions)")
    ap.add_argument("--extra-valid", default=None,
                    help="`annotate features` file of a second validation set (CrossNER dev): the epoch is chosen "
                         "on CoNLL valid F1 + 0.5 x its F1")
    ap.add_argument("--unlabelled", default=None,
                    help="`annotate features --ids` file of unlabelled news (2018-2020 corpus): with --teachers, "
                         "the student also learns the ensemble's tags there (no gold: all tags free)")
    ap.add_argument("--unlabelled-fraction", type=float, default=1.0,
                    help="each epoch trains on this random fraction of the --unlabelled windows")
    ap.add_argument("--claim-weight", type=float, default=1.0)
    ap.add_argument("--embed-bits", type=int, choices=[4, 8], default=4)
    ap.add_argument("--name", default="conll-cnn")
    ap.add_argument("--version", default="0.1.0")
    ap.add_argument("--lexicon", default=None, help="lexicon blob from train/lexicon.py, stored in the model")
    ap.add_argument("--report", default=None, help="write training figures (JSON) here")
    args = ap.parse_args()

    global CLAIM_LOGITS
    if args.claim_weight == 0:
        CLAIM_LOGITS = 0  # an entity-only model
    tables = json.loads(args.tables)
    rows = sum(tables[k] for k in ("word", "prefix", "suffix", "shape", "lex", "cue"))
    dilations = [int(x) for x in args.dilations.split(",")]
    train = load(os.path.join(args.data, "train.jsonl"))
    valid = load(os.path.join(args.data, "valid.jsonl"))
    X, Y, M = windows(train, args.window)
    n_conll = len(X)
    extra = [d for path in args.extra.split(",") if path for d in load(path)]
    if extra:
        # Short documents (CrossNER's sentences) are packed one after another, so a window is
        # not mostly padding; each kept its own document-level features when exported.
        packed = (np.concatenate([d[0] for d in extra]), np.concatenate([d[1] for d in extra]))
        EX, EY, EM = windows([packed], args.window)
        X, Y, M = np.concatenate([X, EX]), np.concatenate([Y, EY]), np.concatenate([M, EM])
        print(f"extra entity text: {len(extra)} documents, {int(EM.sum())} tokens, {len(EX)} windows", flush=True)
    n_labelled = len(X)
    if args.unlabelled:
        if not args.teachers:
            raise SystemExit("--unlabelled needs --teachers: the ensemble's tags are its only labels")
        unl = load(args.unlabelled)
        packed = (np.concatenate([d[0] for d in unl]), np.concatenate([d[1] for d in unl]))
        UX, UY, UM = windows([packed], args.window)
        X, Y, M = np.concatenate([X, UX]), np.concatenate([Y, UY]), np.concatenate([M, UM])
        print(f"unlabelled text: {len(unl)} documents, {int(UM.sum())} tokens, {len(UX)} windows", flush=True)
    extra_valid = load(args.extra_valid) if args.extra_valid else []
    claims_train = load_claims(os.path.join(args.data, "claims_train.jsonl"))
    claims_train += load_claims(os.path.join(args.data, "cdcp_train.jsonl"))
    claims_dev = load_claims(os.path.join(args.data, "claims_dev.jsonl"))
    CX, CS, CL, CM = claim_windows(claims_train, args.window)
    print(f"claim windows {CX.shape}, dev claim docs {len(claims_dev)}", flush=True)
    print(f"train windows {X.shape}, valid docs {len(valid)}, rows {rows}", flush=True)

    key = jax.random.PRNGKey(args.seed)
    key, k0 = jax.random.split(key)
    p = init_params(k0, rows, args.width, dilations)
    per_epoch = n_conll + args.extra_fraction * (n_labelled - n_conll) + args.unlabelled_fraction * (len(X) - n_labelled)
    steps = args.epochs * math.ceil(per_epoch / args.batch)
    sched = optax.warmup_cosine_decay_schedule(0.0, args.lr, 200, steps, args.lr * 0.05)
    opt = optax.chain(optax.clip_by_global_norm(5.0), optax.adam(sched))
    state = opt.init(p)

    teachers = [t for t in args.teachers.split(",") if t]
    if teachers:
        t0 = time.time()
        Q1, Q2 = teacher_marginals(teachers, X, M)
        print(f"teacher marginals from {len(teachers)} models ({time.time() - t0:.0f}s)", flush=True)
    else:
        Q1 = np.zeros((len(X), 1, T), np.float32)
        Q2 = np.zeros((len(X), 1, T, T), np.float16)
    alpha = args.distill if teachers else 0.0

    def loss_fn(p, ids, tags, mask, q1, q2, cids, cseg, clab, cmask, k):
        k1, k2 = jax.random.split(k)
        drops = (args.feat_drop, args.word_drop, args.hid_drop)
        em = emissions(p, ids, mask, dilations, k1, *drops)
        loss = crf_nll(p, em[..., :T], tags, mask)
        if alpha > 0:
            loss = (1 - alpha) * loss + alpha * soft_crf_nll(p, em[..., :T], q1, q2.astype(jnp.float32), mask)
        if CLAIM_LOGITS == 0:
            return loss
        cem = emissions(p, cids, cmask, dilations, k2, *drops)
        return loss + args.claim_weight * claim_loss(cem[..., T], cseg, clab)

    @jax.jit
    def train_step(p, state, ids, tags, mask, q1, q2, cids, cseg, clab, cmask, k):
        loss, g = jax.value_and_grad(loss_fn)(p, ids, tags, mask, q1, q2, cids, cseg, clab, cmask, k)
        upd, state = opt.update(g, state, p)
        return optax.apply_updates(p, upd), state, loss

    # The moving average of the weights smooths the epoch-to-epoch noise of the last steps.
    ema_step = jax.jit(lambda e, p: jax.tree_util.tree_map(lambda a, b: args.ema * a + (1 - args.ema) * b, e, p))
    ema = p if args.ema > 0 else None

    fwd = jax.jit(lambda p, ids, mask: emissions(p, ids, mask, dilations))
    rng = np.random.default_rng(args.seed)
    best, best_f1, history = None, -1, []
    # Bits per weight matrix: the embedding table is most of the model and takes 4 bits (the
    # browser budget); the small dense layers keep 8.
    quantized = {"embed": args.embed_bits, "out.w": 8}
    quantized.update({k: 8 for k in p if k.startswith("conv") and k.endswith(".w")})
    for epoch in range(args.epochs):
        t0 = time.time()
        order = rng.permutation(len(X))
        if args.extra_fraction < 1.0 or args.unlabelled_fraction < 1.0:
            draw = rng.random(len(order))
            fraction = np.where(order < n_labelled, args.extra_fraction, args.unlabelled_fraction)
            order = order[(order < n_conll) | (draw < fraction)]
        losses = []
        for b in range(0, len(order) - args.batch + 1, args.batch):
            idx = order[b:b + args.batch]
            key, k = jax.random.split(key)
            cidx = rng.integers(0, len(CX), args.batch)
            p, state, loss = train_step(p, state, X[idx], Y[idx], M[idx], Q1[idx], Q2[idx], CX[cidx], CS[cidx], CL[cidx], CM[cidx], k)
            if ema is not None:
                ema = ema_step(ema, p)
            losses.append(float(loss))
        scored = ema if ema is not None else p
        f1 = evaluate(scored, valid, dilations, fwd)
        cf1 = f1_at(claim_scores(scored, claims_dev, fwd), 0.5) if CLAIM_LOGITS else 0.0
        xf1 = evaluate(scored, extra_valid, dilations, fwd) if extra_valid else 0.0
        history.append({"epoch": epoch + 1, "loss": float(np.mean(losses)), "valid_f1": f1, "claims_dev_f1": cf1,
                        "extra_valid_f1": xf1})
        print(f"epoch {epoch + 1} loss {np.mean(losses):.4f} valid F1 {f1:.4f} claims dev F1 {cf1:.4f}"
              f" extra valid F1 {xf1:.4f} ({time.time() - t0:.0f}s)", flush=True)
        # Entities are the primary task; claims and the second validation set count half.
        if f1 + 0.5 * cf1 + 0.5 * xf1 > best_f1:
            best_f1, best = f1 + 0.5 * cf1 + 0.5 * xf1, jax.tree_util.tree_map(np.asarray, scored)
    final = dequantized(best, quantized)
    best_ner = evaluate(best, valid, dilations, fwd)
    q_f1 = evaluate(final, valid, dilations, fwd)
    print(f"chosen valid F1 {best_ner:.4f}; after int8 quantisation {q_f1:.4f}", flush=True)
    dev_scores = claim_scores(final, claims_dev, fwd) if CLAIM_LOGITS else []
    threshold = max((t / 20 for t in range(4, 17)), key=lambda t: f1_at(dev_scores, t))
    print(f"claim threshold {threshold:.2f}: dev F1 {f1_at(dev_scores, threshold):.4f}", flush=True)
    header = {"name": args.name, "version": args.version, "width": args.width, "dilations": dilations,
              "tables": tables, "tags": TAGS, "claim_logits": CLAIM_LOGITS, "claim_threshold": threshold}
    lexicon = open(args.lexicon, "rb").read() if args.lexicon else None
    write_model(args.out, best, header, quantized, lexicon)
    if args.report:
        params = int(sum(np.asarray(v).size for v in best.values()))
        json.dump({"args": vars(args), "history": history, "best_valid_token_f1": best_ner,
                   "claim_threshold": threshold, "claims_dev_f1": f1_at(dev_scores, threshold),
                   "quantized_valid_token_f1": q_f1, "parameters": params}, open(args.report, "w"), indent=1)
    print(f"wrote {args.out} ({os.path.getsize(args.out)} bytes)")


if __name__ == "__main__":
    main()
