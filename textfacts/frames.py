"""Extraction over DataFrames of texts, the unit every dataframe engine hands to Python.

Spark's `mapInPandas`, Ray Data's `map_batches` and Dask's `map_partitions` all call a
function with pandas batches. `extract_frames` is that function: it loads the model once per
worker process (cached in this module, never pickled with the task) and returns one row per
document with the same JSON record `textfacts extract` writes, or the reason it failed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

# Input columns: doc_id and text are required; the meta columns are optional.
META_COLUMNS = ("published", "outlet", "title")
# Output columns; Spark needs them declared up front (`SPARK_SCHEMA`).
OUTPUT_COLUMNS = ("doc_id", "record", "error")
SPARK_SCHEMA = "doc_id string, record string, error string"

_EXTRACTORS: dict[str, Any] = {}


def extractor(model: str = "customs-en") -> Any:
    """The extractor for a model, loaded once in this process."""
    if model not in _EXTRACTORS:
        import textfacts

        _EXTRACTORS[model] = textfacts.load(model)
    return _EXTRACTORS[model]


def _items(pdf: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    missing = {"doc_id", "text"} - set(pdf.columns)
    if missing:
        raise ValueError(f"extract_frame needs columns doc_id and text; missing {sorted(missing)}")
    meta_columns = [c for c in META_COLUMNS if c in pdf.columns]
    for row in pdf.itertuples(index=False):
        values = row._asdict()
        meta = {c: str(values[c]) for c in meta_columns if _present(values[c])}
        yield str(values["text"]), {"doc_id": str(values["doc_id"]), "meta": meta or None}


def _present(value: Any) -> bool:
    return value is not None and value == value and str(value) != ""  # NaN != NaN


def _rows(model: str, items: list[tuple[str, dict[str, Any]]]) -> Iterator[dict[str, Any]]:
    """Records of a batch; when the batch pipe fails, the unfinished documents are redone alone."""
    nlp = extractor(model)
    done = 0
    try:
        for document, context in nlp.pipe(items, as_tuples=True):
            yield {"doc_id": context["doc_id"], "record": _json(document), "error": None}
            done += 1
        return
    except Exception:  # noqa: BLE001  (isolate the failing document below)
        pass
    for text, context in items[done:]:
        try:
            document = nlp(text, meta=context["meta"], doc_id=context["doc_id"])
            yield {"doc_id": context["doc_id"], "record": _json(document), "error": None}
        except Exception as err:  # noqa: BLE001  (one bad text never stops a partition)
            reason = f"extraction failed: {type(err).__name__}: {err}"
            yield {"doc_id": context["doc_id"], "record": None, "error": reason}


def _json(document: Any) -> str:
    return json.dumps(document.to_dict(), ensure_ascii=False)


def extract_frame(pdf: Any, model: str = "customs-en") -> Any:
    """Extract a pandas DataFrame of texts (doc_id, text[, published, outlet, title]).

    Returns a DataFrame with doc_id, record (the JSON line `textfacts extract` writes) and
    error (None, or why that document produced no record).
    """
    import pandas as pd

    rows = list(_rows(model, list(_items(pdf))))
    return pd.DataFrame(rows, columns=list(OUTPUT_COLUMNS))


def extract_frames(batches: Iterable[Any], model: str = "customs-en") -> Iterator[Any]:
    """`extract_frame` over an iterator of batches: the shape of Spark's `mapInPandas`."""
    for pdf in batches:
        yield extract_frame(pdf, model)
