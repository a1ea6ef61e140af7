"""textfacts: grounded, structured facts from English GAC and SCIO press releases.

spaCy is imported only when a model is loaded, so the schema and the scorer stay light.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from textfacts.schema import Claim, Commitment, Document, Mention, Meta

if TYPE_CHECKING:
    from textfacts.pipeline import Extractor

try:  # one source: the version in pyproject.toml, as installed
    __version__ = version("textfacts")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"
__all__ = [
    "Claim",
    "Commitment",
    "Document",
    "Extractor",
    "Meta",
    "Mention",
    "extract",
    "load",
    "to_frames",
]

_DEFAULT: dict[str, Extractor] = {}


def load(model: str = "customs-en") -> Extractor:
    """Load an extractor from a bundled model name or a model directory.

    "auto" gives one that runs each text through customs-en or customs-zh by its script.
    """
    from textfacts.pipeline import load as _load

    return _load(model)


def extract(text: str, meta: dict[str, Any] | None = None, doc_id: str = "doc") -> Document:
    """Extract one text with the model of its language (English or Chinese), loaded once."""
    if "default" not in _DEFAULT:
        _DEFAULT["default"] = load("auto")
    return _DEFAULT["default"](text, meta=meta, doc_id=doc_id)


def to_frames(documents: Iterable[Document]) -> dict[str, Any]:
    """Flat pandas tables (documents, mentions, commitments, claims) of some Documents."""
    from textfacts.tables import to_frames as _to_frames

    return _to_frames(documents)
