#!/usr/bin/env bash
# Shows that a change keeps behaviour (a refactor, a rule moved, a word list turned into a file):
# `annotate --jsonl` on every CoNLL-2003 test document and the seed article, and every eval figure
# (CoNLL valid and test, the seed article, the claim sets' splits, CDCP test), from a base commit and
# from the working tree, compared byte for byte.
#
#   bash scripts/same-output.sh [BASE]      BASE: a commit (default HEAD, i.e. uncommitted changes)
#
# BASE is built once per commit in a worktree under target-same/ (its own target dir); the working
# tree's release binary in target/release. Needs ../shared/data (CoNLL, the seed article, CDCP).
# Exit 0 when every output is identical; 1 with the first differing lines of each one that is not.
# Timings in the eval JSON ("tokens_per_second" and the like) are dropped before comparing.
set -euo pipefail
cd "$(dirname "$0")/.."
base=$(git rev-parse --short "${1:-HEAD}")
data=../shared/data
conll=$data/ner/conll2003
for need in "$conll/test.txt" "$conll/valid.txt" "$data/articles/seed.json" "$data/claims/cdcp/cdcp_documents.jsonl"; do
  [ -e "$need" ] || { echo "same-output: $need is absent (../shared/data is needed)" >&2; exit 2; }
done
work=target-same
mkdir -p "$work"

echo "== the working tree's annotate (cargo build --release)"
cargo build --release --bin annotate -q
head_bin=${CARGO_TARGET_DIR:-target}/release/annotate

base_bin=$work/bin/annotate-$base
if [ ! -x "$base_bin" ]; then
  echo "== annotate at $base (a worktree in $work/src-$base)"
  rm -rf "$work/src-$base"
  git worktree add -f --detach "$work/src-$base" "$base" >/dev/null
  (cd "$work/src-$base" && CARGO_TARGET_DIR="$PWD/../target-base" cargo build --release --bin annotate -q)
  mkdir -p "$work/bin"
  cp "$work/target-base/release/annotate" "$base_bin"
  git worktree remove --force "$work/src-$base"
fi

# The inputs: each CoNLL test document rebuilt as eval does (tokens joined by one space, sentences by
# "\n"), one {"id","text"} line each, and the seed article.
inputs=$work/inputs
mkdir -p "$inputs"
python3 - "$conll/test.txt" "$data/articles/seed.json" "$inputs" <<'EOF'
import json, sys
conll, seed, out = sys.argv[1:]
docs, doc, sentence = [], None, []
for line in open(conll, encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("-DOCSTART-"):
        if doc is not None:
            docs.append(doc)
        doc, sentence = [], []
        continue
    if not line.strip():
        if sentence and doc is not None:
            doc.append(" ".join(sentence))
        sentence = []
        continue
    sentence.append(line.split(" ")[0])
if sentence and doc is not None:
    doc.append(" ".join(sentence))
if doc is not None:
    docs.append(doc)
with open(f"{out}/conll-test.jsonl", "w", encoding="utf-8") as f:
    for i, d in enumerate(docs):
        f.write(json.dumps({"id": f"test-{i}", "text": "\n".join(d)}, ensure_ascii=False) + "\n")
with open(f"{out}/seed.jsonl", "w", encoding="utf-8") as f:
    f.write(json.dumps({"id": "seed", "text": json.load(open(seed, encoding="utf-8"))["text"]}, ensure_ascii=False) + "\n")
EOF

# Every output, by name: the command after the binary.
runs=(
  "annotate-conll-test|--jsonl $inputs/conll-test.jsonl"
  "annotate-seed|--jsonl $inputs/seed.jsonl"
  "eval-conll-test|eval --conll $conll/test.txt --json"
  "eval-conll-valid|eval --conll $conll/valid.txt --json"
  "eval-seed|eval --articles $data/articles --json"
  "eval-cdcp-test|eval --cdcp $data/claims/cdcp/cdcp_documents.jsonl --split test --json"
)
for split in dev test; do runs+=("eval-claims-$split|eval --claims data/claims/news_claims.tsv --conll-dir $conll --split $split --json"); done
for split in fresh fresh2; do runs+=("eval-claims-$split|eval --claims data/claims/news_claims_fresh.tsv --conll-dir $conll --split $split --json"); done
runs+=("eval-claims-general|eval --claims data/claims/news_claims_general.tsv --conll-dir $conll --split general --json")

# Speed figures differ from run to run: drop them (and nothing else) from the eval JSON.
strip_timings() { python3 -c '
import json, re, sys
def clean(v):
    if isinstance(v, dict):
        return {k: clean(x) for k, x in v.items() if not re.search(r"per_second|_ms$|seconds", k)}
    if isinstance(v, list):
        return [clean(x) for x in v]
    return v
text = sys.stdin.read()
try:
    print(json.dumps(clean(json.loads(text)), indent=1, sort_keys=True))
except ValueError:
    sys.stdout.write(text)
'; }

status=0
for run in "${runs[@]}"; do
  name=${run%%|*}
  args=${run#*|}
  for side in base head; do
    bin=$base_bin
    [ "$side" = head ] && bin=$head_bin
    # shellcheck disable=SC2086  # args are words
    "$bin" $args 2>/dev/null > "$work/$name.$side.raw" || echo "same-output: $name ($side) exited $?" >&2
    if [[ $name == eval-* ]]; then strip_timings < "$work/$name.$side.raw" > "$work/$name.$side"; else mv "$work/$name.$side.raw" "$work/$name.$side"; fi
    rm -f "$work/$name.$side.raw"
  done
  if cmp -s "$work/$name.base" "$work/$name.head"; then
    echo "identical  $name ($(wc -c < "$work/$name.head") bytes)"
  else
    echo "DIFFERENT  $name"
    diff "$work/$name.base" "$work/$name.head" | head -n 8
    status=1
  fi
done
[ $status = 0 ] && echo "same-output: every output identical to $base" || echo "same-output: outputs differ from $base"
exit $status
