#!/usr/bin/env bash
# train/rule_ablation.sh: each document rule switched off in turn (`annotate eval --without`): micro-F1 on
# CoNLL valid, CrossNER politics dev and GUM's train part against all on. A rule that changes no span on any
# of the three is deleted (model/MODEL_CARD.md says which). train.sh writes it to train/out/rule_ablation.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
A=./target/release/annotate; D="${DATA:-../shared/data}/ner"
f() { python3 -c "import json,sys; print('%.4f' % json.load(sys.stdin)['micro']['f1'])"; }
score() {
  echo -e "$($A eval --conll $D/conll2003/valid.txt --json "$@" | f)\t$($A eval --crossner $D/crossner-politics/dev.txt --json "$@" | f)\t$($A eval --gum $D/gum --part train --json "$@" | f)"
}
echo -e "rule\tvalid\tcrossner_dev\tgum_train"
echo -e "all-on\t$(score)"
# The label vote and the document rules: the names of `annotate eval --rules` before the first claim rule.
for r in $($A eval --rules | sed '/^own-voice$/,$d'); do
  echo -e "$r\t$(score --without "$r")"
done
