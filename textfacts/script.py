"""Which language a text is written in, by its script: Han characters against Latin letters.

Releases are either English or Chinese; a Chinese release quotes English names (WTO, RCEP)
and an English one may print a Chinese name in brackets, so the share decides, not presence.
No spaCy here.
"""

from __future__ import annotations

import re

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
# A Han character carries about a word, a Latin word about five letters: at 0.3 of the
# letters, Han characters already outnumber English words about two to one.
HAN_SHARE = 0.3
MODELS = {"en": "customs-en", "zh": "customs-zh"}


def language_of(text: str) -> str | None:
    """`zh` when Han characters make up HAN_SHARE of the letters, `en` for Latin, else None.

    `2024年前三季度，进出口增长` -> zh; `Exports (出口) rose` -> en.
    """
    han = len(_HAN.findall(text))
    latin = len(_LATIN.findall(text))
    if han + latin == 0:
        return None
    return "zh" if han / (han + latin) >= HAN_SHARE else "en"


def model_for(text: str) -> str:
    """The bundled model that reads a text (English when the script says nothing)."""
    return MODELS.get(language_of(text) or "en", MODELS["en"])
