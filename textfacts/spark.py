"""textfacts over a Spark DataFrame of texts (the `spark` extra), for archives of releases.

Each Python worker loads the model once (`frames.extractor` caches it per process) and Spark
streams partitions through it in Arrow batches via `mapInPandas`; nothing heavy is pickled,
only a reference to `frames.extract_frames` and the model name.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from textfacts.frames import SPARK_SCHEMA, extract_frames


def extract(df: Any, model: str = "customs-en") -> Any:
    """Extract a DataFrame with columns doc_id, text (optional published, outlet, title).

    Returns a DataFrame of doc_id, record (the JSON line `textfacts extract` writes) and
    error. Parse records with `from_json` or write them out as JSON lines.
    """
    return df.mapInPandas(partial(extract_frames, model=model), SPARK_SCHEMA)
