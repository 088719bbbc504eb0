#!/usr/bin/env bash
# Reproduces model/ner.aann and model/MODEL_CARD.md from ../shared/data, seeded.
#   bash train/train.sh            (about 15-30 minutes on 2 cores)
# Needs Python 3.11+ with the packages in train/requirements.txt (installed into
# train/.venv if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data/ner/conll2003}
OUT=train/out
mkdir -p "$OUT"
if [ ! -x train/.venv/bin/python ]; then
  python3 -m venv train/.venv
  train/.venv/bin/pip install -q -r train/requirements.txt
fi
cargo build --release --bin annotate
for split in train valid test; do
  ./target/release/annotate features --conll "$DATA/$split.txt" > "$OUT/$split.jsonl" 2> "$OUT/$split.log"
  cat "$OUT/$split.log"
done
TABLES=$(sed -n 's/.*tables //p' "$OUT/train.log")
train/.venv/bin/python train/train.py --data "$OUT" --tables "$TABLES" --out model/ner.aann \
  --report "$OUT/report.json" "$@"
# Rebuild with the new weights embedded, then measure on the raw-text pipeline.
cargo build --release --bin annotate
./target/release/annotate eval --conll "$DATA/valid.txt" --json > "$OUT/eval_valid.json"
./target/release/annotate eval --conll "$DATA/test.txt" --json > "$OUT/eval_test.json"
./target/release/annotate eval --articles "$DATA/../../articles" --json > "$OUT/eval_seed.json"
train/.venv/bin/python train/model_card.py "$OUT" > model/MODEL_CARD.md
echo "wrote model/ner.aann and model/MODEL_CARD.md"
