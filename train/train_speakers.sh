#!/usr/bin/env bash
# Reproduces the speaker ranker (model/speakers.json) on the shipped tagger and claim model, and measures
# it against the rule chain alone on every claim set (same run, same claims):
#   bash train/train_speakers.sh          (~2 minutes on 2 cores)
# 1. `annotate speakers` (the rule chain alone: --speaker-ranker none) writes each gold claim's speaker
#    candidates with their named features and whether each names the gold actor: the news set's train and
#    dev splits, the modern training part's train and dev splits, and `fresh`.
# 2. train/train_speakers.py fits the weights (softmax over each claim's candidates, L2) on news train +
#    modern train; the penalty is chosen on news dev, modern dev, fresh and out-of-fold train.
# 3. `annotate eval` with the new ranker and with the chain alone, on every claim set, into
#    train/out/eval_speakers.json (the model card's table). The acceptance sets (news test, fresh2,
#    general, modern) never choose anything.
set -euo pipefail
cd "$(dirname "$0")/.."
. train/setup.sh
cargo build --release --bin annotate
A=./target/release/annotate
C="$DATA/ner/conll2003"
CORPUS="$DATA/unlabelled/news-2018-2020"
S="$OUT/speakers"
mkdir -p "$S"
$A speakers --feature-names > "$S/names.txt"
$A speakers --speaker-ranker none --claims data/claims/news_claims.tsv --conll-dir "$C" --split train > "$S/news_train.jsonl"
$A speakers --speaker-ranker none --claims data/claims/news_claims.tsv --conll-dir "$C" --split dev > "$S/news_dev.jsonl"
$A speakers --speaker-ranker none --claims data/claims/news_claims_fresh.tsv --conll-dir "$C" --split fresh > "$S/fresh.jsonl"
for split in train dev; do
  $A speakers --speaker-ranker none --modern data/claims/news_claims_modern_train.tsv --corpus "$CORPUS" \
    --split "$split" > "$S/modern_$split.jsonl"
done
$PY train/train_speakers.py --train "$S/news_train.jsonl" "$S/modern_train.jsonl" \
  --dev "$S/news_dev.jsonl" "$S/modern_dev.jsonl" "$S/fresh.jsonl" --names "$S/names.txt" \
  --out model/speakers.json --report "$OUT/speakers_report.json"
cargo build --release --bin annotate
# name|eval flags
SETS=(
  "news dev|--claims data/claims/news_claims.tsv --conll-dir $C --split dev"
  "fresh|--claims data/claims/news_claims_fresh.tsv --conll-dir $C --split fresh"
  "modern dev|--modern data/claims/news_claims_modern_train.tsv --corpus $CORPUS --split dev"
  "seed|--articles $DATA/articles"
  "news test|--claims data/claims/news_claims.tsv --conll-dir $C --split test"
  "fresh2|--claims data/claims/news_claims_fresh.tsv --conll-dir $C --split fresh2"
  "general|--claims data/claims/news_claims_general.tsv --conll-dir $C --split general"
  "modern|--modern data/claims/news_claims_modern.tsv --corpus $CORPUS --split modern"
)
{
  echo "["
  first=1
  for set in "${SETS[@]}"; do
    name="${set%%|*}"
    # shellcheck disable=SC2086
    ranker=$($A eval ${set#*|} --json | $PY -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["claims"]))')
    # shellcheck disable=SC2086
    chain=$($A eval ${set#*|} --json --speaker-ranker none | $PY -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["claims"]))')
    [ $first = 1 ] || echo ","
    first=0
    echo "{\"set\": \"$name\", \"ranker\": $ranker, \"chain\": $chain}"
  done
  echo "]"
} > "$OUT/eval_speakers.json"
echo "wrote model/speakers.json and $OUT/eval_speakers.json"
