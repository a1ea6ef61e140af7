"""An extractor that runs each document through the model of its language (`load("auto")`).

Mixed folders of English and Chinese releases go through in one run: texts stream in order,
consecutive texts of one language share a spaCy pipe, and each model is loaded on first use.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from textfacts.pipeline import Extractor, _pipe_item, load
from textfacts.resources import model_dir, model_meta
from textfacts.schema import Document
from textfacts.script import MODELS, language_of

AUTO = "auto"


class Router:
    """Same calls as an Extractor; the model is chosen per text by `script.language_of`."""

    model_dir = AUTO  # what a spawned worker process loads again

    def __init__(self, models: dict[str, str] | None = None):
        self.models = dict(models or MODELS)
        self._loaded: dict[str, Extractor] = {}
        versions = {lang: model_meta(model_dir(name)) for lang, name in self.models.items()}
        self.model_meta = {
            "name": AUTO,
            "version": ", ".join(
                f"{m.get('name', lang)}-{m.get('version', '0')}" for lang, m in versions.items()
            ),
        }

    @property
    def name(self) -> str:
        """Models by language and version, as evaluation reports record them."""
        return f"{AUTO}[{self.model_meta['version']}]"

    def extractor(self, text: str) -> Extractor:
        """The (loaded once) extractor for a text's language."""
        lang = language_of(text)
        lang = lang if lang in self.models else "en"
        if lang not in self._loaded:
            self._loaded[lang] = load(self.models[lang])
        return self._loaded[lang]

    def chunks(
        self, text: str, meta: dict[str, Any] | None = None
    ) -> list[tuple[int, str, dict[str, Any] | None]]:
        """The chunks the text's own model extracts it in (`Extractor.chunks`)."""
        return self.extractor(text).chunks(text, meta)

    def __call__(
        self, text: str, meta: dict[str, Any] | None = None, doc_id: str = "doc"
    ) -> Document:
        """Extract one document with its language's model."""
        return self.extractor(text)(text, meta=meta, doc_id=doc_id)

    def pipe(
        self,
        texts: Iterable[Any],
        *,
        as_tuples: bool = False,
        n_process: int = 1,
        batch_size: int = 16,
    ) -> Iterator[Any]:
        """Documents in input order; runs of one language go through that model's pipe."""
        if n_process != 1:
            yield from Extractor._pipe_parallel(self, texts, as_tuples, n_process, batch_size)  # type: ignore[arg-type]
            return
        run: list[tuple[str, dict[str, Any]]] = []
        current: Extractor | None = None
        for i, item in enumerate(texts):
            text, context, doc_id = _pipe_item(i, item, as_tuples)
            chosen = self.extractor(text)
            if current is not None and (chosen is not current or len(run) >= batch_size):
                yield from self._flush(current, run, as_tuples, batch_size)
                run = []
            current = chosen
            run.append((text, {**(context or {}), "doc_id": doc_id, "_own": context}))
        if current is not None and run:
            yield from self._flush(current, run, as_tuples, batch_size)

    @staticmethod
    def _flush(
        extractor: Extractor,
        run: list[tuple[str, dict[str, Any]]],
        as_tuples: bool,
        batch_size: int,
    ) -> Iterator[Any]:
        for document, context in extractor.pipe(run, as_tuples=True, batch_size=batch_size):
            yield (document, context["_own"]) if as_tuples else document
