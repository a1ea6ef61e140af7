"""The record format (docs/format.md): one schema for gold files, predictions and the scorer.

Offsets everywhere are half-open Python ``str`` indices (code points) into ``Document.text``.
No spaCy import here, so the scorer and third-party readers stay light.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from operator import attrgetter
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Bound = Literal["exact", "approx", "at_least", "at_most"]
Kind = Literal["level", "change", "share", "rate", "count", "multiple"]
Direction = Literal["up", "down"]
Modality = Literal["will", "strive", "plan", "continue", "require", "willing", "initiative"]

NUMBER_LABELS = ("MONEY", "PERCENT", "QUANTITY", "DATE")
NAME_LABELS = ("PERSON", "ORG", "GPE", "LOC", "EVENT", "PROGRAM")
ALL_LABELS = NUMBER_LABELS + NAME_LABELS
VALUE_LABELS = ("MONEY", "PERCENT", "QUANTITY")


def layer_of(label: str) -> str:
    """Name the annotation layer of a label; spans never overlap within a layer (§2)."""
    return "numbers" if label in NUMBER_LABELS else "names"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class _Span(_Model):
    id: str = ""
    start: int = Field(ge=0, description="half-open char offset (code points) into Document.text")
    end: int = Field(ge=0, description="half-open char offset (code points) into Document.text")
    text: str


class _Amount(_Span):
    value: float
    bound: Bound = "exact"
    value_max: float | None = None


class Money(_Amount):
    """An amount of money; value in units of the currency, unit an ISO 4217 code."""

    label: Literal["MONEY"] = "MONEY"
    unit: str = Field(pattern=r"^[A-Z]{3}$")
    per: str | None = Field(
        default=None,
        description='the noun an amount is counted per, outside the span: "$52 a barrel" has '
        'per "barrel", "1.6 trillion yuan per year" per "year"',
    )


class Percent(_Amount):
    """A percentage (39.4 for "39.4%"), a percentage-point or a basis-point figure.

    Basis points keep the number as written ("60 basis points" is 60 ``basis_point``), as
    every figure does (§2), rather than a converted 0.6 percentage points.
    """

    label: Literal["PERCENT"] = "PERCENT"
    unit: Literal["percent", "percentage_point", "basis_point"] = "percent"


class Quantity(_Amount):
    """Any other amount with a digit; unit is the singular lemma of the unit or counted noun."""

    label: Literal["QUANTITY"] = "QUANTITY"
    unit: str


class Date(_Span):
    """A calendar reference; value ISO 8601 at the stated precision, an interval, or null."""

    label: Literal["DATE"] = "DATE"
    value: str | None = None


class Person(_Span):
    """A person's name; role as stated and the id of the ORG the role belongs to."""

    label: Literal["PERSON"] = "PERSON"
    canonical: str | None = None
    role: str | None = None
    org: str | None = None


class _Named(_Span):
    canonical: str | None = None


class Org(_Named):
    """A named organisation, canonical name unifying its variants (GAC = China Customs)."""

    label: Literal["ORG"] = "ORG"


class Gpe(_Named):
    """A country, city, province or special administrative region."""

    label: Literal["GPE"] = "GPE"


class Loc(_Named):
    """Another named place."""

    label: Literal["LOC"] = "LOC"


class Event(_Named):
    """A named meeting, conference, expo, session or congress."""

    label: Literal["EVENT"] = "EVENT"


class Program(_Named):
    """A named plan, programme, policy document, action or initiative."""

    label: Literal["PROGRAM"] = "PROGRAM"


Mention = Annotated[
    Money | Percent | Quantity | Date | Person | Org | Gpe | Loc | Event | Program,
    Field(discriminator="label"),
]


class Commitment(_Span):
    """A forward-looking pledge by an authority (§3): one action per commitment."""

    actor: str | None = None
    action: str | None = None
    deadline: str | None = None
    speaker: str | None = None
    modality: Modality


class Claim(_Model):
    """A figure bound to what it measures (§4); refers to mentions by id."""

    id: str = ""
    anchor: str
    measure: str | None = None
    kind: Kind | None = None
    direction: Direction | None = None
    period: str | None = None
    comparison: str | None = None
    speaker: str | None = None
    subject: str | None = None


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_published(value: Any) -> str | None:
    """A publication date as ISO YYYY-MM-DD: date(2017, 4, 13) or "2017-04-13" → "2017-04-13".

    Relative dates are resolved against it, so anything else ("13/04/2017", "yesterday",
    "2017-02-30") is refused here rather than leaving every relative date silently null.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and _ISO_DAY.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            raise ValueError(f"published {value!r} is not a calendar day") from None
    raise ValueError(f"published {value!r} is not a date: write it YYYY-MM-DD (e.g. 2017-04-13)")


class Meta(_Model):
    """Document header facts; published is an ISO date only when the document states one."""

    published: str | None = None
    outlet: str | None = None
    title: str | None = None

    @field_validator("published", mode="before")
    @classmethod
    def _published_is_a_day(cls, value: Any) -> str | None:
        return iso_published(value)


def given_meta(meta: Mapping[str, Any]) -> dict[str, str]:
    """Check metadata a caller hands in: only Meta's keys, text values, a real published date.

    A misspelt key ("date" for "published") would otherwise be dropped without a word.
    """
    if not isinstance(meta, Mapping):
        raise TypeError(
            f"meta must be a mapping such as {{'published': '2017-04-13'}}, "
            f"not {type(meta).__name__}"
        )
    known = tuple(Meta.model_fields)
    unknown = sorted(str(k) for k in meta if k not in known)
    if unknown:
        raise ValueError(f"meta: unknown key(s) {unknown}; the keys are {', '.join(known)}")
    checked: dict[str, str] = {}
    for key, value in meta.items():
        if key == "published":
            value = iso_published(value)
        elif value is not None and not isinstance(value, str):
            raise ValueError(f"meta.{key} must be text, not {type(value).__name__}")
        if value is not None:
            checked[key] = value
    return checked


# Fields the guideline writes only when they hold something: `value_max` only for a range,
# `per` only for a price.
# A claim's `direction` is always written, null for kinds other than `change` (§4).
_SPARSE = ("value_max", "per")
_REFERENCES = {"anchor": VALUE_LABELS, "period": ("DATE",), "speaker": ("PERSON",)}


class Document(_Model):
    """One document record (§1): the same shape for gold files and predictions."""

    doc_id: str
    text: str | None = None
    meta: Meta = Field(default_factory=Meta)
    mentions: list[Mention] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> Document:
        items: list[Any] = [*self.mentions, *self.commitments, *self.claims]
        ids = [item.id for item in items if item.id]
        if len(set(ids)) < len(ids):
            dupes = {i for i, n in Counter(ids).items() if n > 1}  # one pass, not n squared
            raise ValueError(f"{self.doc_id}: duplicate ids {sorted(dupes)}")
        by_id = {m.id: m for m in self.mentions if m.id}
        text = self.text
        for span in [*self.mentions, *self.commitments]:
            if span.end <= span.start:
                raise ValueError(f"{self.doc_id}: {span.id} has empty span {span.start}:{span.end}")
            if text is not None:
                if span.end > len(text):
                    raise ValueError(f"{self.doc_id}: {span.id} ends past the text ({span.end})")
                if text[span.start : span.end] != span.text:
                    raise ValueError(
                        f"{self.doc_id}: {span.id} text {span.text!r} != "
                        f"{text[span.start : span.end]!r} at {span.start}:{span.end}"
                    )
        for mention in self.mentions:
            if isinstance(mention, Person) and mention.org is not None:
                _check_ref(self.doc_id, mention.id, "org", mention.org, by_id, ("ORG",))
        for commitment in self.commitments:
            if commitment.speaker is not None:
                _check_ref(
                    self.doc_id, commitment.id, "speaker", commitment.speaker, by_id, ("PERSON",)
                )
        for claim in self.claims:
            for field, labels in _REFERENCES.items():
                ref = getattr(claim, field)
                if ref is not None:
                    _check_ref(self.doc_id, claim.id, field, ref, by_id, labels)
        _check_layers(self.doc_id, self.mentions)
        return self

    def mention(self, mention_id: str | None) -> Any:
        """Return the mention with this id, or None."""
        if mention_id is None:
            return None
        return next((m for m in self.mentions if m.id == mention_id), None)

    def to_dict(self, *, with_text: bool = True) -> dict[str, Any]:
        """Return the record as plain JSON values, in ANNOTATION.md's shape.

        `value_max` (ranges) and `per` (prices), which the guideline writes only when they
        hold something, are left out when empty; a claim's `direction` stays, null when the
        kind is not a change (§4), so gold files round-trip.
        """
        record = self.model_dump(mode="json", exclude=None if with_text else {"text"})
        for item in [*record["mentions"], *record["claims"]]:
            for key in _SPARSE:
                if key in item and item[key] is None:
                    del item[key]
        return record

    def to_json(self, *, with_text: bool = True) -> str:
        """Serialise as one JSON line."""
        return json.dumps(self.to_dict(with_text=with_text), ensure_ascii=False)


_start_end = attrgetter("start", "end")


def _check_ref(
    doc_id: str, item_id: str, field: str, ref: str, by_id: dict[str, Any], labels: tuple[str, ...]
) -> None:
    target = by_id.get(ref)
    if target is None:
        raise ValueError(f"{doc_id}: {item_id}.{field} refers to unknown id {ref!r}")
    if target.label not in labels:
        raise ValueError(f"{doc_id}: {item_id}.{field} -> {ref} is {target.label}, not {labels}")


def _check_layers(doc_id: str, mentions: Iterable[Any]) -> None:
    layers: dict[str, list[Any]] = {"numbers": [], "names": []}
    for mention in mentions:  # one pass, then each layer sorted once
        layers[layer_of(mention.label)].append(mention)
    for layer in ("numbers", "names"):
        spans = sorted(layers[layer], key=_start_end)
        for prev, cur in zip(spans, spans[1:], strict=False):
            # sorted by start, so they share a character exactly when both reach past cur.start
            if min(prev.end, cur.end) > cur.start:
                raise ValueError(
                    f"{doc_id}: {layer} spans overlap: {prev.id or prev.text!r} "
                    f"[{prev.start}:{prev.end}] and {cur.id or cur.text!r} [{cur.start}:{cur.end}]"
                )


def read_jsonl(path: str | Path) -> Iterator[Document]:
    """Read Documents from a JSONL file or a folder of them, validating each record."""
    path = Path(path)
    files = sorted(path.rglob("*.jsonl")) if path.is_dir() else [path]
    if path.is_dir() and not files:
        files = sorted(path.rglob("*.json"))
    for file in files:
        with file.open(encoding="utf-8") as handle:
            if file.suffix == ".json":
                yield Document.model_validate_json(handle.read())
                continue
            for number, line in enumerate(handle, 1):
                if line.strip():
                    try:
                        yield Document.model_validate_json(line)
                    except ValueError as err:
                        raise ValueError(f"{file}:{number}: {err}") from err


def json_schema() -> dict[str, Any]:
    """JSON Schema of a Document record, pointing readers to the prose description."""
    schema = Document.model_json_schema()
    schema["title"] = "textfacts document record"
    schema["$comment"] = (
        "Field meanings, offsets and scoring rules: docs/format.md in the textfacts repository."
    )
    return schema
