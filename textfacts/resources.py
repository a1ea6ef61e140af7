"""Model directories and their data files (patterns, lexicons, gazetteers).

Rules are data: every file is read here, validated row by row, and a bad row is reported
with its file and line (ResourceError) instead of failing somewhere inside a component.
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from textfacts.errors import ResourceError

DEFAULT_MODEL = "customs-en"
_PACKAGE_DIR = Path(__file__).resolve().parent
Row = TypeVar("Row", bound=BaseModel)


def model_dir(name_or_path: str | Path = DEFAULT_MODEL) -> Path:
    """Resolve a model: an existing directory first, then a bundled model of that name.

    Wheels carry models under ``textfacts/_models``; a source checkout keeps them in
    ``models/`` beside the package.
    """
    path = Path(name_or_path)
    if path.is_dir() and (path / "config.cfg").exists():
        return path.resolve()
    for root in (_PACKAGE_DIR / "_models", _PACKAGE_DIR.parent / "models"):
        candidate = root / str(name_or_path)
        if (candidate / "config.cfg").exists():
            return candidate
    raise ResourceError(name_or_path, None, "no model directory or bundled model of that name")


def data_path(data_dir: str | Path | None, relative: str) -> Path:
    """Path of a data file inside a model directory (the bundled model when None)."""
    return (Path(data_dir) if data_dir else model_dir()) / relative


def model_meta(directory: str | Path) -> dict:
    """The model's meta.json (name, version, ...)."""
    path = Path(directory) / "meta.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


@lru_cache(maxsize=64)
def _read_lines(path: Path) -> tuple[str, ...]:
    try:
        return tuple(path.read_text(encoding="utf-8").splitlines())
    except OSError as err:
        raise ResourceError(path, None, f"cannot read: {err}") from err


def read_jsonl(path: str | Path, row_model: type[Row]) -> list[Row]:
    """Read a JSONL data file into validated rows."""
    path = Path(path)
    rows: list[Row] = []
    for number, line in enumerate(_read_lines(path), 1):
        if not line.strip():
            continue
        try:
            rows.append(row_model.model_validate_json(line))
        except ValidationError as err:
            raise ResourceError(path, number, str(err).replace("\n", " ")) from err
    return rows


def read_tsv(path: str | Path, row_model: type[Row]) -> list[Row]:
    """Read a TSV lexicon with a header line into validated rows; `#` lines are comments."""
    path = Path(path)
    lines = [(n, line) for n, line in enumerate(_read_lines(path), 1) if line.strip()]
    lines = [(n, line) for n, line in lines if not line.startswith("#")]
    if not lines:
        return []
    header = next(csv.reader([lines[0][1]], delimiter="\t"))
    rows: list[Row] = []
    for number, line in lines[1:]:
        values = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(values) > len(header):
            raise ResourceError(path, number, f"{len(values)} columns, header has {len(header)}")
        record = {k: v for k, v in zip(header, values, strict=False) if v != ""}
        try:
            rows.append(row_model.model_validate(record))
        except ValidationError as err:
            raise ResourceError(path, number, str(err).replace("\n", " ")) from err
    return rows
