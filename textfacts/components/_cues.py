"""The shape every cue row of a component's pattern file shares (claims, commitments)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class CueRowBase(BaseModel):
    """A word list or a regex of one kind, with a genre sentence that shows it.

    Each component narrows `kind` to the kinds it reads, so a typo in a data file is an error
    naming the file and line, not a silently unused row.
    """

    model_config = ConfigDict(extra="forbid")
    id: str
    kind: str
    words: list[str] = []
    regex: str | None = None
    canonical: str | None = None
    example: str
