#!/usr/bin/env bash
# Regenerate every committed figure: textfacts reference reports and the two baselines on the
# real gold sets (seeds, dev), then the results tables in README.md, docs/evaluation.md and the
# model card. Publication dates are handed to the model (the evaluate default, ANNOTATION.md §7).
# corpus/synthetic is written by the team and gets no committed figure.
# Run from the repository root inside the project's virtualenv, deliberately (it moves the gate).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${TEXTFACTS_SHARED:-../shared}"
declare -A GOLD=([seeds]=corpus/gold [dev]="$SHARED/corpus-dev/gold.jsonl")
for g in seeds dev; do
    loc="${GOLD[$g]}"
    [ -e "$loc" ] || { echo "skip $g: $loc not found"; continue; }
    textfacts evaluate --gold "$loc" --given-published \
        --out "evaluation/reports/reference-$g.json" > /dev/null
    python evaluation/baselines/spacy_sm.py --gold "$loc" --out "evaluation/baselines/predictions/spacy_sm-$g.jsonl"
    python evaluation/baselines/quantulum3_only.py --gold "$loc" --out "evaluation/baselines/predictions/quantulum3-$g.jsonl"
    for b in spacy_sm quantulum3; do
        textfacts evaluate --gold "$loc" --pred "evaluation/baselines/predictions/$b-$g.jsonl" \
            --out "evaluation/baselines/reports/$b-$g.json" > /dev/null
    done
    echo "refreshed $g"
done
python evaluation/tables.py --write
