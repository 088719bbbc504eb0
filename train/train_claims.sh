#!/usr/bin/env bash
# Reproduces model/claims.aann (the policy-claim model) from data/claims/news_claims.tsv and
# ../shared/data, seeded, and measures it. train/train.sh runs it after the tagger; alone:
#   bash train/train_claims.sh [extra train_claims.py flags]       (~2 minutes on 2 cores)
# The claim model reads the tagger's feature rows, so it is trained on features exported with
# the tagger's tables and name lexicon (train/out/lexicon.bin, or the one inside model/ner.aann).
set -euo pipefail
cd "$(dirname "$0")/.."
. train/setup.sh
if [ ! -f "$OUT/lexicon.bin" ]; then
  $PY - "$OUT/lexicon.bin" <<'PY'
import json, struct, sys
b = open("model/ner.aann", "rb").read()
n = struct.unpack("<I", b[8:12])[0]
header, data = json.loads(b[12:12 + n]), b[12 + n:]
t = next(t for t in header["tensors"] if t["name"] == "lexicon")
open(sys.argv[1], "wb").write(data[t["offset"]:t["offset"] + t["shape"][0]])
PY
fi
cargo build --release --bin annotate
A=./target/release/annotate
# The tagger's tables without its document-case bits: the claim model reads the plain rows,
# with a cue table of its own that also carries the register bit (a text in its writer's own
# voice, like a CDCP comment, against a news report: src/features/mod.rs).
TABLES=$($PY -c 'import json,struct; b=open("model/ner.aann","rb").read(); n=struct.unpack("<I",b[8:12])[0]; t=json.loads(b[12:12+n])["tables"]; t.pop("doc_case",None); t.update(cue=16, register=1); print(json.dumps(t,separators=(",",":")))')
for split in train dev; do
  $A features --claims data/claims/news_claims.tsv --conll-dir "$DATA/ner/conll2003" --split "$split" \
    --lexicon "$OUT/lexicon.bin" --tables "$TABLES" > "$OUT/claims_$split.jsonl" 2> /dev/null
done
# Today's news: the modern training part's train and dev splits (text read from the corpus).
for split in train dev; do
  $A features --modern data/claims/news_claims_modern_train.tsv --corpus "$DATA/unlabelled/news-2018-2020" \
    --split "$split" --lexicon "$OUT/lexicon.bin" --tables "$TABLES" > "$OUT/modern_$split.jsonl" 2> /dev/null
done
# With a teacher (train/distill_claims.sh sets TEACHER_OUT): the unlabelled articles it scored, as
# features in the same sentence order, and its scores as soft labels.
SOFT_ARGS=()
if [ -n "${TEACHER_OUT:-}" ]; then
  $A features --corpus "$DATA/unlabelled/news-2018-2020" --ids "$TEACHER_OUT/unlabelled_ids.txt" \
    --lexicon "$OUT/lexicon.bin" --tables "$TABLES" > "$OUT/unlabelled.jsonl" 2> /dev/null
  SOFT_ARGS=(--unlabelled "$OUT/unlabelled.jsonl" --soft "$TEACHER_OUT/unlabelled_scores.json")
fi
$A features --cdcp "$DATA/claims/cdcp/cdcp_documents.jsonl" --split train \
  --lexicon "$OUT/lexicon.bin" --tables "$TABLES" > "$OUT/cdcp_train.jsonl" 2> /dev/null
# Train: the news train split and CDCP's train comments at weight 0.25 (chosen on news dev and a
# held-out fifth of CDCP train, see model/MODEL_CARD.md); the epoch and the threshold chosen on
# the news dev split.
$PY train/train_claims.py --data "$OUT" --tables "$TABLES" --out model/claims.aann \
  --pool mean --cdcp-weight 0.25 --dilations 1,2,4,8 --width 32 --lr 1e-3 --epochs 20 --seed 1 \
  --init-vectors "$MD" --conll "$DATA/ner/conll2003/train.txt" --report "$OUT/claims_report.json" "${SOFT_ARGS[@]}" "$@"
# Rebuild with the new weights embedded, then measure through the raw-text pipeline.
cargo build --release --bin annotate
for split in dev test; do
  $A eval --claims data/claims/news_claims.tsv --conll-dir "$DATA/ner/conll2003" --split "$split" --json \
    > "$OUT/eval_claims_$split.json"
done
$A eval --cdcp "$DATA/claims/cdcp/cdcp_documents.jsonl" --split test --json > "$OUT/eval_cdcp_test.json"
# The fresh sets: CoNLL test documents, evaluation only (data/claims/README.md).
for split in fresh fresh2; do
  $A eval --claims data/claims/news_claims_fresh.tsv --conll-dir "$DATA/ner/conll2003" --split "$split" --json \
    > "$OUT/eval_claims_$split.json"
done
# The general-news set: CoNLL train/valid documents outside the news set, evaluation only.
$A eval --claims data/claims/news_claims_general.tsv --conll-dir "$DATA/ner/conll2003" --split general --json \
  > "$OUT/eval_claims_general.json"
# The modern set: 2018-2020 articles, evaluation only (data/claims/README.md); needs the corpus.
if [ -d "$DATA/unlabelled/news-2018-2020" ]; then
  $A eval --modern data/claims/news_claims_modern.tsv --corpus "$DATA/unlabelled/news-2018-2020" --json \
    > "$OUT/eval_claims_modern.json"
  $A eval --modern data/claims/news_claims_modern_train.tsv --corpus "$DATA/unlabelled/news-2018-2020" \
    --split dev --json > "$OUT/eval_claims_modern_dev.json"
fi
$A eval --articles "$DATA/articles" --json > "$OUT/eval_seed.json"
echo "wrote model/claims.aann; figures in $OUT/eval_claims_{dev,test,fresh,fresh2,general,modern}.json, eval_cdcp_test.json, eval_seed.json"
