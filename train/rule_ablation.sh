#!/usr/bin/env bash
# train/rule_ablation.sh: each document rule switched off in turn (`annotate eval --without`), CoNLL valid
# and CrossNER politics dev micro-F1 against all on; train.sh writes it to train/out/rule_ablation.tsv for the
# model card.
set -euo pipefail
cd "$(dirname "$0")/.."
A=./target/release/annotate; D="${DATA:-../shared/data}/ner"
f() { python3 -c "import json,sys; print('%.4f' % json.load(sys.stdin)['micro']['f1'])"; }
base_v=$($A eval --conll $D/conll2003/valid.txt --json | f); base_x=$($A eval --crossner $D/crossner-politics/dev.txt --json | f)
echo -e "all-on\t$base_v\t$base_x"
# The label vote and the document rules (the first 32 names of `annotate eval --rules`).
for r in $($A eval --rules | sed -n '1,32p'); do
  v=$($A eval --conll $D/conll2003/valid.txt --json --without $r | f)
  x=$($A eval --crossner $D/crossner-politics/dev.txt --json --without $r | f)
  echo -e "$r\t$v\t$x"
done
