"""spaCy components, one per layer; importing this package registers their factories."""

from textfacts.components import (  # noqa: F401
    claims,
    commitments,
    dates,
    entities,
    header,
    lines,
    numbers,
    people,
    zh_dates,
    zh_entities,
    zh_facts,
    zh_numbers,
)
