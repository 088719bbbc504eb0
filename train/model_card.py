"""Writes model/MODEL_CARD.md (stdout) and model/metrics.json from a training run's figures."""
import json, os, sys

out = sys.argv[1]
report = json.load(open(os.path.join(out, "report.json")))
ev = {k: json.load(open(os.path.join(out, f"eval_{k}.json"))) for k in ("valid", "test", "seed")}
size = os.path.getsize("model/ner.aann")
json.dump({"valid": ev["valid"], "test": ev["test"], "seed": ev["seed"], "bytes": size,
           "parameters": report["parameters"]}, open("model/metrics.json", "w"), indent=1)
a = report["args"]


def table(e):
    rows = ["| label | precision | recall | F1 | gold |", "|---|---|---|---|---|"]
    for name, c in list(e["labels"].items()) + [("micro", e["micro"])]:
        rows.append(f"| {name} | {c['precision']:.4f} | {c['recall']:.4f} | {c['f1']:.4f} | {c['tp'] + c['fn']} |")
    return "\n".join(rows)


print(f"""# Model card: {ev['valid']['model']}

The entity tagger that ships inside article-annotator (`model/ner.aann`, embedded in the library).

## Architecture
- Inputs: per token, {6} rows of one hashed embedding table summed (lower-cased word under two hash
  functions, 3-letter prefix, 3-letter suffix, word shape with context flags, token kind); table sizes
  {a['tables']}.
- Encoder: {len(a['dilations'].split(','))} residual window-3 convolutions of width {a['width']}, dilations
  {a['dilations']}, ReLU.
- Head: per-token scores for 9 BIO tags (PER, ORG, LOC, MISC), linear-chain CRF transitions, decoded with
  constrained Viterbi (I-X only after B-X or I-X). MISC is kept internally and not shown.
- Parameters: {report['parameters']:,}. Bytes on disk: {size:,} (int8 with one f32 scale per row for the
  embedding and weight matrices, f32 for biases and transitions). Dequantised once at load: CPU and GPU
  compute with the same numbers.

## Data
CoNLL-2003 English (Reuters), read in place from `../shared/data/ner/conll2003`: fit on train, the epoch
chosen on valid, test reported once. Every split is scored on its raw text rebuilt by joining tokens with
spaces and sentences with newlines, through the full pipeline (our tokenizer, not the gold tokens), exact
character spans, PER+ORG+LOC micro-averaged.

## Scores (`annotate eval --conll ...`)
### valid
{table(ev['valid'])}

### test
{table(ev['test'])}

### seed article (`annotate eval --articles ../shared/data/articles`)
{table(ev['seed'])}

Quantisation: token-level valid F1 {report['best_valid_token_f1']:.4f} in f32, {report['quantized_valid_token_f1']:.4f}
after int8.

## Training
`bash train/train.sh` (seed {a['seed']}, {a['epochs']} epochs, Adam lr {a['lr']} with cosine decay, batch
{a['batch']} windows of {a['window']} tokens, feature dropout {a['feat_drop']}, whole-word dropout
{a['word_drop']}, hidden dropout {a['hid_drop']}). Python 3.11 with JAX (train/requirements.txt); the
features come from the Rust crate (`annotate features`), so training and inference share one tokenizer
and one feature extractor.

Valid F1 per epoch (token-level spans): {', '.join(f"{h['valid_f1']:.3f}" for h in report['history'])}.
""")
