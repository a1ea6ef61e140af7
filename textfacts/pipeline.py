"""Build an extractor from a model directory and turn processed Docs into Documents."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import textfacts.components  # noqa: F401  (registers the factories)
import textfacts.tokenizer  # noqa: F401  (registers textfacts.Tokenizer.v1)
from textfacts.extensions import TEXT_KEY, doc_text, register, span_attrs, state
from textfacts.offsets import longest_first
from textfacts.resources import DEFAULT_MODEL, model_dir, model_meta
from textfacts.schema import Claim, Commitment, Document, Meta, given_meta, layer_of

MENTION_GROUPS = (
    "textfacts_numbers",
    "textfacts_dates",
    "textfacts_entities",
    "textfacts_people",
)
COMMITMENT_GROUP = "textfacts_commitments"
Key = tuple[int, int, str]


def build_nlp(model: str | Path = DEFAULT_MODEL) -> tuple[Language, Path, dict[str, Any]]:
    """Load the base spaCy pipeline and add the model's components in config order."""
    directory = model_dir(model)
    config = spacy.util.load_config(
        directory / "config.cfg", overrides={"paths.model_dir": str(directory)}, interpolate=True
    )
    base = config["base"]
    exclude = list(base.get("exclude", []))
    overrides: dict[str, Any] = {}
    if "tokenizer" in config:
        # The base package's tokenizer on disk is its language's default one; building ours
        # from the defaults instead of loading it and then rebuilding saves half a second.
        overrides = {"nlp": {"tokenizer": dict(config["tokenizer"])}}
        exclude.append("tokenizer")
    if "lang" in base:
        # A blank language with its own segmenter (customs-zh: zh + jieba); no trained parts.
        # jieba (spaCy's zh segmenter here) logs its dictionary loading to stderr at DEBUG;
        # a run's output is ours.
        import jieba

        jieba.setLogLevel(logging.WARNING)
        nlp = spacy.blank(base["lang"], config={"nlp": {"tokenizer": dict(config["tokenizer"])}})
    else:
        nlp = spacy.load(base["pipeline"], exclude=exclude, config=overrides)
    for name in config["textfacts"]["components"]:
        settings = dict(config["components"][name])
        factory = settings.pop("factory")
        before = settings.pop("before", None)
        nlp.add_pipe(factory, name=name, config=settings, before=before)
    register()
    return nlp, directory, model_meta(directory)


class Extractor:
    """Callable that turns a text into a grounded Document; `.pipe` streams many."""

    def __init__(self, nlp: Language, directory: Path, meta: dict[str, Any]):
        self.nlp = nlp
        self.model_dir = directory
        self.model_meta = meta

    @property
    def name(self) -> str:
        """Model name and version, as evaluation reports record them."""
        name = self.model_meta.get("name", self.model_dir.name)
        return f"{name}-{self.model_meta.get('version', '0')}"

    def make_doc(self, text: str, meta: dict[str, Any] | None = None, doc_id: str = "doc") -> Doc:
        """Tokenise and attach what the caller knows (doc_id, meta) before the components run."""
        if not isinstance(text, str):
            raise TypeError(f"{doc_id}: a text must be a str, not {type(text).__name__}")
        checked = given_meta(meta) if meta is not None else None
        doc = self.nlp.make_doc(text)
        doc.user_data[TEXT_KEY] = text  # Doc.text rebuilds the string from tokens on each access
        doc_state = state(doc)
        doc_state["doc_id"] = doc_id
        if checked:
            doc_state["meta_given"] = checked
        return doc

    def chunks(
        self, text: str, meta: dict[str, Any] | None = None
    ) -> list[tuple[int, str, dict[str, Any] | None]]:
        """(start, chunk text, meta) of each chunk a text is extracted in; one for most texts.

        Chunks after the first are given what the first one's header lines say (publication
        date, outlet, title) under the caller's meta, so a relative date ("by March") resolves
        the same on either side of a chunk boundary.
        """
        from textfacts.chunking import chunk_ranges

        ranges = chunk_ranges(text)
        if len(ranges) == 1:
            return [(0, text, meta)]
        header = (
            self.nlp.get_pipe("textfacts_header")
            if "textfacts_header" in self.nlp.pipe_names
            else None
        )
        stated = header.read(text[ranges[0][0] : ranges[0][1]])[0] if header is not None else {}
        later = {**{k: v for k, v in stated.items() if v}, **dict(meta or {})}
        return [(s, text[s:e], meta if s == 0 else later) for s, e in ranges]

    def __call__(
        self, text: str, meta: dict[str, Any] | None = None, doc_id: str = "doc"
    ) -> Document:
        """Extract one document; a text over MAX_CHARS is extracted in paragraph chunks."""
        from textfacts.chunking import merge_documents

        chunks = self.chunks(text, meta)
        if len(chunks) == 1:
            return to_document(self.nlp(self.make_doc(text, meta, doc_id)))
        parts = [(s, to_document(self.nlp(self.make_doc(c, m, doc_id)))) for s, c, m in chunks]
        return merge_documents(text, parts, doc_id)

    def pipe(
        self,
        texts: Iterable[str] | Iterable[tuple[str, dict[str, Any]]],
        *,
        as_tuples: bool = False,
        n_process: int = 1,
        batch_size: int = 16,
    ) -> Iterator[Document] | Iterator[tuple[Document, dict[str, Any]]]:
        """Stream Documents in input order, lazily, large texts in chunks.

        With as_tuples, items are (text, context) and context may hold `doc_id` and `meta`,
        and is handed back beside each Document. Texts are consumed lazily (memory stays
        flat in the number of documents); a text over MAX_CHARS goes through spaCy as
        several chunk Docs and comes back merged. With n_process > 1 (or -1 for every core),
        worker processes extract whole batches of `batch_size` texts; the output is the same.
        """
        if isinstance(texts, str | bytes):
            # A str is an iterable of characters: it would become one document per character.
            raise TypeError(
                "pipe() takes an iterable of texts, not one text; "
                "for a single text call the extractor: extractor(text)"
            )
        return self._pipe(texts, as_tuples, n_process, batch_size)

    def _pipe(
        self, texts: Iterable[Any], as_tuples: bool, n_process: int, batch_size: int
    ) -> Iterator[Any]:
        if n_process != 1:
            yield from self._pipe_parallel(texts, as_tuples, n_process, batch_size)
            return
        from collections import deque

        from textfacts.chunking import merge_documents

        # (whole text or None, context, doc_id, chunk starts) of texts fed but not yet done;
        # spaCy's pipe keeps order, so the head of the queue owns the next Doc.
        waiting: deque[tuple[str | None, dict[str, Any], str, list[int]]] = deque()

        def _docs() -> Iterator[Doc]:
            for i, item in enumerate(texts):
                text, context, doc_id = _pipe_item(i, item, as_tuples)
                context = context or {}
                chunks = self.chunks(text, context.get("meta"))
                waiting.append(
                    (text if len(chunks) > 1 else None, context, doc_id, [s for s, _, _ in chunks])
                )
                for _, chunk, meta in chunks:
                    yield self.make_doc(chunk, meta, doc_id)

        parts: list[Document] = []
        for doc in self.nlp.pipe(_docs(), batch_size=batch_size):
            parts.append(to_document(doc))
            whole, context, doc_id, starts = waiting[0]
            if len(parts) < len(starts):
                continue
            waiting.popleft()
            document = (
                parts[0]
                if whole is None
                else merge_documents(whole, list(zip(starts, parts, strict=True)), doc_id)
            )
            parts = []
            yield (document, context) if as_tuples else document

    def _pipe_parallel(
        self, texts: Iterable[Any], as_tuples: bool, n_process: int, batch_size: int
    ) -> Iterator[Any]:
        """`pipe` over worker processes; each sends back Documents, not spaCy Docs.

        Workers see (text, doc_id, meta) only; the caller's own context objects stay here
        and are handed back beside their Documents, in input order.
        """
        from collections import deque
        from itertools import islice

        from textfacts.parallel import ordered_map

        if n_process < 1:
            n_process = os.cpu_count() or 1
        contexts: deque[Any] = deque()

        def items() -> Iterator[tuple[str, dict[str, Any]]]:
            for i, item in enumerate(texts):
                text, context, doc_id = _pipe_item(i, item, as_tuples)
                contexts.append(context)
                yield text, {"doc_id": doc_id, "meta": (context or {}).get("meta")}

        stream = items()
        batches = iter(lambda: list(islice(stream, batch_size)), [])
        for documents in ordered_map(self, _pipe_batch, batches, n_process):
            for document in documents:
                context = contexts.popleft()
                yield (document, context) if as_tuples else document


def _pipe_item(index: int, item: Any, as_tuples: bool) -> tuple[str, Any, str]:
    """(text, the caller's context or None, doc_id) of one `pipe` input; ids count from doc0."""
    if as_tuples and not (isinstance(item, tuple | list) and len(item) == 2):
        raise TypeError(f"pipe item {index}: as_tuples needs (text, context) pairs")
    text, context = item if as_tuples else (item, None)
    doc_id = str((context or {}).get("doc_id", f"doc{index}"))
    if not isinstance(text, str):
        raise TypeError(
            f"pipe item {index} ({doc_id}): a text must be a str, not {type(text).__name__}"
        )
    return text, context, doc_id


def _pipe_batch(extractor: Extractor, batch: list[tuple[str, dict[str, Any]]]) -> list[Document]:
    """One worker task of `Extractor.pipe`: a batch of texts, in one process."""
    return [document for document, _ in extractor.pipe(batch, as_tuples=True)]


def load(model: str | Path = DEFAULT_MODEL) -> Extractor:
    """Load a model by bundled name or directory path; "auto" picks one per text's language."""
    if str(model) == "auto":
        from textfacts.routing import Router

        return Router()  # type: ignore[return-value]
    return Extractor(*build_nlp(model))


def _key(span_or_ref: Any) -> Key | None:
    if span_or_ref is None:
        return None
    if isinstance(span_or_ref, list | tuple):
        return (int(span_or_ref[0]), int(span_or_ref[1]), str(span_or_ref[2]))
    return (span_or_ref.start_char, span_or_ref.end_char, span_or_ref.label_)


def _no_layer_overlaps(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep the longest of overlapping spans within a layer, so the record validates.

    Components write each layer without overlaps, so the usual record has nothing to resolve:
    that is checked with one sort per layer, and only a clash goes to the resolver (the
    caller sorts what is kept, so the order returned does not matter).
    """
    if not _overlap_in_a_layer(items):
        return items
    return longest_first(
        items,
        lambda m: (m["start"], m["end"]),
        lambda m: (-(m["end"] - m["start"]), m["start"], m["label"]),
        lambda m: layer_of(m["label"]),
    )


def _overlap_in_a_layer(items: list[dict[str, Any]]) -> bool:
    """Whether two non-empty mentions of one layer share a character."""
    layers: dict[str, list[tuple[int, int]]] = {}
    for m in items:
        layers.setdefault(layer_of(m["label"]), []).append((m["start"], m["end"]))
    for intervals in layers.values():
        reach = -1  # the furthest end of the non-empty intervals before, in start order
        for start, end in sorted(intervals):
            if end > start:
                if reach > start:
                    return True
                reach = max(reach, end)
    return False


def to_document(doc: Doc) -> Document:
    """Build the pydantic Document from a processed Doc: sort, number, resolve references.

    Components refer to each other by (start, end, label); ids exist only here.
    """
    doc_state = state(doc)
    text = doc_text(doc)
    raw: list[dict[str, Any]] = []
    for group in MENTION_GROUPS:
        for span in doc.spans.get(group, []):
            start, end, label = span.start_char, span.end_char, span.label_
            item = {"label": label, "start": start, "end": end, "text": text[start:end]}
            attrs = span_attrs(span) or {}
            item.update({k: v for k, v in attrs.items() if k != "rule"})
            raw.append(item)
    # Char-level records of components whose spans need not follow token boundaries
    # (Chinese: jieba's words cut across the guideline's spans, e.g. 4万余批, 记者王震).
    for item in doc_state.get("char_mentions", []):
        raw.append({k: v for k, v in item.items() if k != "rule"})
    mentions = sorted(_no_layer_overlaps(raw), key=lambda m: (m["start"], m["end"], m["label"]))
    ids: dict[Key, str] = {}
    for number, item in enumerate(mentions, 1):
        item["id"] = f"m{number}"
        ids[(item["start"], item["end"], item["label"])] = item["id"]

    def ref(value: Any) -> str | None:
        key = _key(value)
        return ids.get(key) if key else None

    for item in mentions:
        if item["label"] == "PERSON":
            item["org"] = ref(item.get("org"))
    commitments = []
    for number, span in enumerate(
        sorted(doc.spans.get(COMMITMENT_GROUP, []), key=lambda s: (s.start_char, s.end_char)), 1
    ):
        attrs = dict(span_attrs(span) or {})
        attrs.pop("rule", None)
        attrs["speaker"] = ref(attrs.get("speaker"))
        start, end = span.start_char, span.end_char
        commitments.append(
            Commitment(id=f"c{number}", start=start, end=end, text=text[start:end], **attrs)
        )
    for item in sorted(doc_state.get("char_commitments", []), key=lambda c: (c["start"], c["end"])):
        attrs = {k: v for k, v in item.items() if k not in ("start", "end", "text", "rule")}
        attrs["speaker"] = ref(attrs.get("speaker"))
        commitments.append(
            Commitment(id="", start=item["start"], end=item["end"], text=item["text"], **attrs)
        )
    commitments.sort(key=lambda c: (c.start, c.end))
    for number, commitment in enumerate(commitments, 1):
        commitment.id = f"c{number}"
    claims = []
    for raw_claim in doc_state.get("claims", []):
        anchor = ref(raw_claim.get("anchor"))
        if anchor is None:
            continue
        fields = {
            k: v for k, v in raw_claim.items() if k not in ("anchor", "period", "speaker", "rule")
        }
        claims.append(
            Claim(
                id=f"k{len(claims) + 1}",
                anchor=anchor,
                period=ref(raw_claim.get("period")),
                speaker=ref(raw_claim.get("speaker")),
                **fields,
            )
        )
    meta = {**doc_state.get("meta", {}), **doc_state.get("meta_given", {})}
    return Document(
        doc_id=str(doc_state.get("doc_id", "doc")),
        text=text,
        meta=Meta(**{k: meta.get(k) for k in ("published", "outlet", "title")}),
        mentions=mentions,
        commitments=commitments,
        claims=claims,
    )
