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


def load(path):
    docs = []
    with open(path) as f:
        for line in f:
            d = json.loads(line)
            nf = d["nf"]
            ids = np.asarray(d["ids"], dtype=np.int32).reshape(-1, nf)
            tags = np.asarray(d["tags"], dtype=np.int32)
            docs.append((ids, tags))
    return docs


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
    p["out.w"] = jax.random.normal(ks[-2], (width, T)) * (1.0 / math.sqrt(width))
    p["out.b"] = jnp.zeros(T)
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
    trans, start, end = constrained(p)
    B, L, _ = em.shape
    lengths = mask.sum(1).astype(jnp.int32)
    # log partition
    alpha0 = start + em[:, 0]

    def step(alpha, xs):
        e, m = xs
        nxt = jax.nn.logsumexp(alpha[:, :, None] + trans[None], axis=1) + e
        return jnp.where(m[:, None] > 0, nxt, alpha), None

    alpha, _ = jax.lax.scan(step, alpha0, (jnp.swapaxes(em[:, 1:], 0, 1), jnp.swapaxes(mask[:, 1:], 0, 1)))
    logz = jax.nn.logsumexp(alpha + end, axis=1)
    # gold path score
    emit = jnp.take_along_axis(em, tags[..., None], 2)[..., 0]
    gold = (emit * mask).sum(1) + start[tags[:, 0]]
    tr = trans[tags[:, :-1], tags[:, 1:]] * mask[:, 1:]
    gold = gold + tr.sum(1)
    last = jnp.take_along_axis(tags, (lengths - 1)[:, None], 1)[:, 0]
    gold = gold + end[last]
    return (logz - gold).sum() / mask.sum()


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
        em = np.asarray(fwd(p, jnp.asarray(ids[None]), jnp.ones((1, len(gold)), jnp.float32)))[0]
        pred = spans(viterbi_np(em, trans, start, end))
        g = spans(gold)
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


def fnv1a64(data):
    """FNV-1a 64: the checksum model.rs verifies."""
    h = 0xCBF29CE484222325
    mask = 0xFFFFFFFFFFFFFFFF
    prime = 0x100000001B3
    for b in memoryview(data):
        h = ((h ^ b) * prime) & mask
    return h


def write_model(path, p, header, quantized):
    data = bytearray()
    tensors = []
    for name in ["embed"] + [k for k in p if k.startswith("conv")] + ["out.w", "out.b", "trans", "start", "end"]:
        a = np.asarray(p[name], np.float32)
        while len(data) % 4:
            data.append(0)
        info = {"name": name, "shape": list(a.shape), "offset": len(data)}
        if name in quantized and a.ndim == 2:
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
    for name in quantized:
        scale, q = quantize_rows(p[name])
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
    ap.add_argument("--name", default="conll-cnn")
    ap.add_argument("--version", default="0.1.0")
    ap.add_argument("--report", default=None, help="write training figures (JSON) here")
    args = ap.parse_args()

    tables = json.loads(args.tables)
    rows = sum(tables[k] for k in ("word", "prefix", "suffix", "shape"))
    dilations = [int(x) for x in args.dilations.split(",")]
    train = load(os.path.join(args.data, "train.jsonl"))
    valid = load(os.path.join(args.data, "valid.jsonl"))
    X, Y, M = windows(train, args.window)
    print(f"train windows {X.shape}, valid docs {len(valid)}, rows {rows}", flush=True)

    key = jax.random.PRNGKey(args.seed)
    key, k0 = jax.random.split(key)
    p = init_params(k0, rows, args.width, dilations)
    steps = args.epochs * math.ceil(len(X) / args.batch)
    sched = optax.warmup_cosine_decay_schedule(0.0, args.lr, 200, steps, args.lr * 0.05)
    opt = optax.chain(optax.clip_by_global_norm(5.0), optax.adam(sched))
    state = opt.init(p)

    def loss_fn(p, ids, tags, mask, k):
        em = emissions(p, ids, mask, dilations, k, args.feat_drop, args.word_drop, args.hid_drop)
        return crf_nll(p, em, tags, mask)

    @jax.jit
    def train_step(p, state, ids, tags, mask, k):
        loss, g = jax.value_and_grad(loss_fn)(p, ids, tags, mask, k)
        upd, state = opt.update(g, state, p)
        return optax.apply_updates(p, upd), state, loss

    fwd = jax.jit(lambda p, ids, mask: emissions(p, ids, mask, dilations))
    rng = np.random.default_rng(args.seed)
    best, best_f1, history = None, -1, []
    quantized = ["embed"] + [k for k in p if k.startswith("conv") and k.endswith(".w")] + ["out.w"]
    for epoch in range(args.epochs):
        t0 = time.time()
        order = rng.permutation(len(X))
        losses = []
        for b in range(0, len(order) - args.batch + 1, args.batch):
            idx = order[b:b + args.batch]
            key, k = jax.random.split(key)
            p, state, loss = train_step(p, state, X[idx], Y[idx], M[idx], k)
            losses.append(float(loss))
        f1 = evaluate(p, valid, dilations, fwd)
        history.append({"epoch": epoch + 1, "loss": float(np.mean(losses)), "valid_f1": f1})
        print(f"epoch {epoch + 1} loss {np.mean(losses):.4f} valid F1 {f1:.4f} ({time.time() - t0:.0f}s)", flush=True)
        if f1 > best_f1:
            best_f1, best = f1, jax.tree_util.tree_map(np.asarray, p)
    q_f1 = evaluate(dequantized(best, quantized), valid, dilations, fwd)
    print(f"best valid F1 {best_f1:.4f}; after int8 quantisation {q_f1:.4f}", flush=True)
    header = {"name": args.name, "version": args.version, "width": args.width, "dilations": dilations,
              "tables": tables, "tags": TAGS}
    write_model(args.out, best, header, quantized)
    if args.report:
        params = int(sum(np.asarray(v).size for v in best.values()))
        json.dump({"args": vars(args), "history": history, "best_valid_token_f1": best_f1,
                   "quantized_valid_token_f1": q_f1, "parameters": params}, open(args.report, "w"), indent=1)
    print(f"wrote {args.out} ({os.path.getsize(args.out)} bytes)")


if __name__ == "__main__":
    main()
