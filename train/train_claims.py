"""Trains the policy-claim model and writes model/claims.aann.

A second small model, run by the same classifier as the entity tagger (CPU kernels, WGSL
shaders) on the same feature rows: embedding sum, dilated convolutions, one output per token
(its vote on whether its sentence is a policy claim). A sentence's score is the sigmoid of its
pooled vote (`claim_pool` in the header: the mean, or the max over its tokens). It has no tags
and no CRF.

Data (exported by `annotate features`, see train/train.sh): the labelled news sentences of
data/claims/news_claims.tsv (train split; dev chooses the epoch and the threshold) and CDCP's
train comments (POLICY propositions are claims), weighted by --cdcp-weight.
"""
import argparse, json, math, os, time

import numpy as np
import jax
import jax.numpy as jnp
import optax

from train import MAX_SEGMENTS, claim_windows, dequantized, emissions, load_claims, read_model, write_model


def read_embed(path):
    """The dequantised embedding table of an AANN model (q4, q8 or f32 rows)."""
    return np.asarray(read_model(path)[1]["embed"])


M64 = (1 << 64) - 1


def hash_str(seed, s):
    """src/features/mod.rs hash_str: seeded FNV-1a with a final mix."""
    h = 0xCBF29CE484222325 ^ ((seed * 0x9E3779B97F4A7C15) & M64)
    for b in s.encode():
        h = ((h ^ b) * 0x100000001B3) & M64
    h ^= h >> 29
    h = (h * 0xBF58476D1CE4E5B9) & M64
    return h ^ (h >> 32)


def normalize_word(w):
    return "".join("0" if c.isdigit() and c.isascii() else ("'" if c == "\u2019" else c.lower()) for c in w)


def vector_rows(md_dir, conll, word_rows, width, seed):
    """Word-hash rows started from word vectors (PCA to `width`), each word weighted by its
    count in `conll`: the claim data is small, and vectors tell it that "urged" is near
    "demanded"."""
    import collections, spacy
    counts = collections.Counter()
    for line in open(conll):
        parts = line.split()
        if parts and parts[0] != "-DOCSTART-":
            counts[normalize_word(parts[0])] += 1
    vocab = spacy.load(md_dir, exclude=["ner", "parser", "lemmatizer", "tagger", "attribute_ruler", "senter"]).vocab
    words = [w for w in counts if vocab.has_vector(w)]
    vecs = np.stack([vocab.get_vector(w) for w in words]).astype(np.float64)
    vecs -= vecs.mean(0)
    _, _, vt = np.linalg.svd(vecs, full_matrices=False)
    low = vecs @ vt[:width].T
    low *= 0.1 / low.std()
    acc = np.zeros((word_rows, width))
    weight = np.zeros(word_rows)
    for w, v in zip(words, low):
        c = math.log1p(counts[w])
        for s in (1, 2):
            r = hash_str(s, w) % word_rows
            acc[r] += c * v / 2
            weight[r] += c
    init = np.random.default_rng(seed).normal(0, 0.1, (word_rows, width))
    hit = weight > 0
    init[hit] = acc[hit] / weight[hit, None] * 2
    print(f"vector init: {len(words)} words into {int(hit.sum())} of {word_rows} rows", flush=True)
    return init.astype(np.float32)


def init_params(key, rows, width, dilations):
    ks = jax.random.split(key, 2 + len(dilations))
    p = {"embed": jax.random.normal(ks[0], (rows, width)) * 0.1}
    for l, _ in enumerate(dilations):
        p[f"conv{l}.w"] = jax.random.normal(ks[1 + l], (3 * width, width)) * (1.0 / math.sqrt(3 * width))
        p[f"conv{l}.b"] = jnp.zeros(width)
    p["out.w"] = jax.random.normal(ks[-1], (width, HEADS)) * (1.0 / math.sqrt(width))
    p["out.b"] = jnp.zeros(HEADS)
    if HEADS > 1:
        p["head.w"] = jnp.zeros(2 * HEADS)
        p["head.b"] = jnp.zeros(1)
    return p


HEADS = 1


def votes(p, ids, mask, dilations, key=None, feat_drop=0.0, word_drop=0.0, hid_drop=0.0):
    """Per-token claim votes [B, L, HEADS]: the tagger's forward pass (train.py `emissions`,
    src/classifier/cpu.rs) with this model's weights."""
    return emissions(p, ids, mask, dilations, key, feat_drop, word_drop, hid_drop)


def pooled(p, v, seg, pool):
    """Each segment's logit [B, S] and token count [B, S]. One head: its mean (or max) vote.
    Several: a linear head over each one's mean and max (max over time, as in a CNN text
    classifier)."""
    onehot = jax.nn.one_hot(seg, MAX_SEGMENTS)  # seg -1 gives a zero row
    count = onehot.sum(1)
    mean = jnp.einsum("blk,bls->bsk", v, onehot) / jnp.maximum(count, 1)[..., None]
    mx = jnp.max(jnp.where(onehot[..., None] > 0, v[:, :, None, :], -1e9), axis=1)
    mx = jnp.where(count[..., None] > 0, mx, 0.0)
    if v.shape[-1] > 1:
        return jnp.concatenate([mean, mx], -1) @ p["head.w"] + p["head.b"][0], count
    return (mx if pool == "max" else mean)[..., 0], count


def loss_fn(logit, count, labels, weight):
    valid = (labels >= 0) & (count > 0)
    y = jnp.clip(labels, 0, 1).astype(jnp.float32)
    bce = jnp.logaddexp(0.0, logit) - y * logit
    w = valid * weight[:, None]
    return (bce * w).sum() / jnp.maximum(w.sum(), 1)


def segment_scores(p, docs, fwd, pool):
    """(probability, gold) for every labelled segment."""
    out = []
    for ids, seg, lab in docs:
        v = np.asarray(fwd(p, jnp.asarray(ids[None]), jnp.ones((1, len(seg)), jnp.float32)))[0]
        for sid, y in enumerate(lab):
            sel = v[seg == sid]
            if y < 0 or not len(sel):
                continue
            if sel.shape[1] > 1:
                z = float(np.concatenate([sel.mean(0), sel.max(0)]) @ np.asarray(p["head.w"]) + float(p["head.b"][0]))
            else:
                z = float(sel.max() if pool == "max" else sel.mean())
            out.append((1 / (1 + math.exp(-z)), int(y)))
    return out


def f1_at(scored, t):
    tp = sum(1 for s, y in scored if s >= t and y)
    fp = sum(1 for s, y in scored if s >= t and not y)
    fn = sum(1 for s, y in scored if s < t and y)
    return 2 * tp / max(2 * tp + fp + fn, 1)


def cdcp_held_out(doc_id):
    """The fifth of CDCP's train comments held out to choose --cdcp-weight and the seed."""
    import hashlib
    return int(hashlib.md5(doc_id.removeprefix("cdcp:").encode()).hexdigest(), 16) % 5 == 0


def best_threshold(scored):
    return max((t / 40 for t in range(4, 37)), key=lambda t: (f1_at(scored, t), -abs(t - 0.5)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True, help="folder with claims_{train,dev}.jsonl and cdcp_train.jsonl")
    ap.add_argument("--tables", required=True, help="JSON table sizes (the tagger's: the rows are shared)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--width", type=int, default=32)
    ap.add_argument("--dilations", default="1,2")
    ap.add_argument("--pool", choices=["mean", "max"], default="max")
    ap.add_argument("--heads", type=int, default=1, help="votes per token; >1 adds a head over their mean and max")
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--window", type=int, default=128)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--feat-drop", type=float, default=0.1)
    ap.add_argument("--word-drop", type=float, default=0.1)
    ap.add_argument("--hid-drop", type=float, default=0.2)
    ap.add_argument("--cdcp-weight", type=float, default=0.3)
    ap.add_argument("--modern-weight", type=float, default=0.0,
                    help="weight of the modern training part (modern_train.jsonl); > 0 also adds modern_dev.jsonl "
                         "to the dev documents that choose the epoch and the threshold")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--init-embed", default=None, help="start the embedding from this model's (same tables and width)")
    ap.add_argument("--init-vectors", default=None, help="spaCy model dir whose vectors start the word rows")
    ap.add_argument("--conll", default=None, help="CoNLL train file: the words (and weights) for --init-vectors")
    ap.add_argument("--name", default="news-claims-cnn")
    ap.add_argument("--version", default="0.1.0")
    ap.add_argument("--report", default=None)
    ap.add_argument("--unlabelled", default=None, help="claim-feature JSON lines of unlabelled documents")
    ap.add_argument("--score-out", default=None, help="write the chosen model's score for each --unlabelled sentence (JSON)")
    ap.add_argument("--soft", default=None, help="JSON scores (from teachers) used as soft labels for --unlabelled")
    ap.add_argument("--unl-weight", type=float, default=0.5)
    ap.add_argument("--dev-out", default=None, help="write the chosen model's (score, gold) for each dev sentence (JSON)")
    args = ap.parse_args()

    global HEADS
    HEADS = args.heads
    tables = json.loads(args.tables)
    rows = sum(tables[k] for k in ("word", "prefix", "suffix", "shape", "lex", "cue"))
    dilations = [int(x) for x in args.dilations.split(",")] if args.dilations else []
    news = load_claims(os.path.join(args.data, "claims_train.jsonl"))
    cdcp = []
    if args.cdcp_weight > 0:
        path = os.path.join(args.data, "cdcp_train.jsonl")
        ids = [json.loads(line)["id"] for line in open(path)]
        # A fifth of CDCP's train comments is held out (the weight and the seed were chosen on it).
        cdcp = [c for c, i in zip(load_claims(path), ids) if not cdcp_held_out(i)]
    dev = load_claims(os.path.join(args.data, "claims_dev.jsonl"))
    NX, NS, NL, NM = claim_windows(news, args.window)
    W = np.ones(len(NX), np.float32)
    if args.modern_weight > 0:
        # Today's news (2018-2020, data/claims/news_claims_modern_train.tsv): its dev part joins
        # the 1996 dev split, so the epoch and threshold are chosen for both registers.
        modern = load_claims(os.path.join(args.data, "modern_train.jsonl"))
        dev += load_claims(os.path.join(args.data, "modern_dev.jsonl"))
        MX, MS, ML, MM = claim_windows(modern, args.window)
        NX, NS, NL, NM = (np.concatenate(a) for a in ((NX, MX), (NS, MS), (NL, ML), (NM, MM)))
        W = np.concatenate([W, np.full(len(MX), args.modern_weight, np.float32)])
    if cdcp:
        CX, CS, CL, CM = claim_windows(cdcp, args.window)
        NX, NS, NL, NM = (np.concatenate(a) for a in ((NX, CX), (NS, CS), (NL, CL), (NM, CM)))
        W = np.concatenate([W, np.full(len(CX), args.cdcp_weight, np.float32)])
    NL = NL.astype(np.float32)
    unl = load_claims(args.unlabelled) if args.unlabelled else []
    if args.soft:
        soft = json.load(open(args.soft))
        unl_soft = [(ids, seg, np.asarray(s, np.float32)) for (ids, seg, _), s in zip(unl, soft)]
        UX, US, UL, UM = claim_windows(unl_soft, args.window, np.float32)
        NX, NS, NL, NM = (np.concatenate(a) for a in ((NX, UX), (NS, US), (NL, UL), (NM, UM)))
        W = np.concatenate([W, np.full(len(UX), args.unl_weight, np.float32)])
    print(f"windows {NX.shape} (news {int((W == 1).sum())}), dev docs {len(dev)}, rows {rows}", flush=True)

    key = jax.random.PRNGKey(args.seed)
    key, k0 = jax.random.split(key)
    p = init_params(k0, rows, args.width, dilations)
    if args.init_vectors:
        words = vector_rows(args.init_vectors, args.conll, tables["word"], args.width, args.seed)
        p["embed"] = p["embed"].at[: tables["word"]].set(jnp.asarray(words))
    if args.init_embed:
        p["embed"] = jnp.asarray(read_embed(args.init_embed))
    steps = args.epochs * math.ceil(len(NX) / args.batch)
    sched = optax.warmup_cosine_decay_schedule(0.0, args.lr, 100, steps, args.lr * 0.05)
    opt = optax.chain(optax.clip_by_global_norm(5.0), optax.adam(sched))
    state = opt.init(p)
    drops = (args.feat_drop, args.word_drop, args.hid_drop)

    def objective(p, ids, seg, lab, mask, w, k):
        logit, count = pooled(p, votes(p, ids, mask, dilations, k, *drops), seg, args.pool)
        return loss_fn(logit, count, lab, w)

    @jax.jit
    def step(p, state, ids, seg, lab, mask, w, k):
        loss, g = jax.value_and_grad(objective)(p, ids, seg, lab, mask, w, k)
        upd, state = opt.update(g, state, p)
        return optax.apply_updates(p, upd), state, loss

    fwd = jax.jit(lambda p, ids, mask: votes(p, ids, mask, dilations))
    rng = np.random.default_rng(args.seed)
    best, best_f1, history = None, -1.0, []
    for epoch in range(args.epochs):
        t0 = time.time()
        order = rng.permutation(len(NX))
        losses = []
        for b in range(0, len(order) - args.batch + 1, args.batch):
            idx = order[b:b + args.batch]
            key, k = jax.random.split(key)
            p, state, loss = step(p, state, NX[idx], NS[idx], NL[idx], NM[idx], W[idx], k)
            losses.append(float(loss))
        scored = segment_scores(p, dev, fwd, args.pool)
        t = best_threshold(scored)
        f1 = f1_at(scored, t)
        history.append({"epoch": epoch + 1, "loss": float(np.mean(losses)), "dev_f1": f1, "threshold": t})
        print(f"epoch {epoch + 1} loss {np.mean(losses):.4f} dev F1 {f1:.4f} at {t:.3f} ({time.time() - t0:.0f}s)", flush=True)
        if f1 > best_f1:
            best_f1, best = f1, jax.tree_util.tree_map(np.asarray, p)
    quantized = {"embed": 4, "out.w": 8}
    quantized.update({k: 8 for k in best if k.startswith("conv") and k.endswith(".w")})
    final = dequantized(best, quantized)
    scored = segment_scores(final, dev, fwd, args.pool)
    threshold = best_threshold(scored)
    print(f"chosen: dev F1 {f1_at(scored, threshold):.4f} at threshold {threshold:.3f} (quantised)", flush=True)
    header = {"name": args.name, "version": args.version, "width": args.width, "dilations": dilations,
              "tables": tables, "tags": [], "claim_logits": 1, "claim_threshold": threshold,
              "claim_pool": args.pool}
    empty = {"trans": np.zeros((0, 0), np.float32), "start": np.zeros(0, np.float32), "end": np.zeros(0, np.float32)}
    write_model(args.out, dict(best, **empty), header, quantized)
    if args.dev_out:
        json.dump(scored, open(args.dev_out, "w"))
    if args.score_out:
        scores = []
        for ids, seg, lab in unl:
            n = len(seg)
            size = 1 << max(6, (n - 1).bit_length())  # padded to a power of two: few compilations
            padded = np.zeros((size, ids.shape[1]), np.int32)
            padded[:n] = ids
            mask = np.zeros((1, size), np.float32)
            mask[0, :n] = 1
            v = np.asarray(fwd(final, jnp.asarray(padded[None]), jnp.asarray(mask)))[0, :n, 0]
            z = [v[seg == sid] for sid in range(len(lab))]
            scores.append([round(1 / (1 + math.exp(-float(x.max() if args.pool == "max" else x.mean()))), 4)
                           if len(x) else -1 for x in z])
        json.dump(scores, open(args.score_out, "w"))
    if args.report:
        params = int(sum(np.asarray(v).size for v in best.values()))
        json.dump({"args": vars(args), "history": history, "dev_f1": f1_at(scored, threshold),
                   "threshold": threshold, "parameters": params}, open(args.report, "w"), indent=1)
    print(f"wrote {args.out} ({os.path.getsize(args.out)} bytes)")


if __name__ == "__main__":
    main()
