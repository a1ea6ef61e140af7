"""Cut very large texts into paragraph chunks and merge their Documents back into one.

spaCy refuses texts over nlp.max_length (1,000,000 chars) and its parser's memory grows
with the text, while a release is a few thousand characters; a file of many releases
(a yearly digest, a scraped archive page) is extracted in chunks cut at paragraph
breaks, so no sentence is split, and the offsets are shifted back to the whole text.
No spaCy import here: the merge works on Documents only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from textfacts.schema import Claim, Commitment, Document, Meta

MAX_CHARS = 100_000
# Preferred cut points, best first: a blank line (paragraph), a line break, a sentence
# end, any whitespace. Each match ends where the next chunk starts.
_BREAKS = (
    re.compile(r"\n[ \t]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?;。！？][\"'”’)]*\s+"),
    re.compile(r"\s+"),
)


def chunk_ranges(text: str, max_chars: int | None = None) -> list[tuple[int, int]]:
    r"""Consecutive (start, end) ranges covering `text`, each at most `max_chars` long.

    `max_chars` defaults to MAX_CHARS, read at call time.

    Example: chunk_ranges("a\\n\\nb", 3) == [(0, 3), (3, 4)].
    """
    if max_chars is None:
        max_chars = MAX_CHARS
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    ranges: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > max_chars:
        cut = _cut(text, start, start + max_chars)
        ranges.append((start, cut))
        start = cut
    ranges.append((start, len(text)))
    return ranges


def _cut(text: str, start: int, limit: int) -> int:
    """The best cut in text[start:limit]: the last break of the best kind found."""
    window = text[start:limit]
    for pattern in _BREAKS:
        last = None
        for last in pattern.finditer(window):  # noqa: B007  (only the last match counts)
            pass
        if last is not None and 0 < last.end() <= len(window):
            return start + last.end()
    return limit


def merge_documents(text: str, parts: Sequence[tuple[int, Document]], doc_id: str) -> Document:
    """One Document for `text` from Documents of its chunks, each given with its start.

    Offsets are shifted by the chunk's start; mention, commitment and claim ids are
    renumbered in text order and every reference (PERSON.org, speaker, anchor, period)
    follows its mention. Meta comes from the first chunk, where the header is.
    """
    mentions: list = []
    commitments: list[Commitment] = []
    claims: list[Claim] = []
    for offset, part in parts:
        ids = {m.id: f"m{len(mentions) + n}" for n, m in enumerate(part.mentions, 1)}
        for mention in part.mentions:
            update = {
                "id": ids[mention.id],
                "start": mention.start + offset,
                "end": mention.end + offset,
            }
            if getattr(mention, "org", None) is not None:
                update["org"] = ids[mention.org]
            mentions.append(mention.model_copy(update=update))
        for commitment in part.commitments:
            commitments.append(
                commitment.model_copy(
                    update={
                        "id": f"c{len(commitments) + 1}",
                        "start": commitment.start + offset,
                        "end": commitment.end + offset,
                        "speaker": _ref(ids, commitment.speaker),
                    }
                )
            )
        for claim in part.claims:
            claims.append(
                claim.model_copy(
                    update={
                        "id": f"k{len(claims) + 1}",
                        "anchor": ids[claim.anchor],
                        "period": _ref(ids, claim.period),
                        "speaker": _ref(ids, claim.speaker),
                    }
                )
            )
    return Document(
        doc_id=doc_id,
        text=text,
        meta=parts[0][1].meta.model_copy() if parts else Meta(),
        mentions=mentions,
        commitments=commitments,
        claims=claims,
    )


def _ref(ids: dict[str, str], ref: str | None) -> str | None:
    return ids[ref] if ref is not None else None


__all__ = ["MAX_CHARS", "chunk_ranges", "merge_documents"]
