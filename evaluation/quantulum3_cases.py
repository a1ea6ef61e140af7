"""quantulum3's own English test cases run through textfacts (a benchmark, not a unit test).

Reads ``quantities.json`` and ``quantities.ambiguity.json`` of quantulum3's en_US tests from
``../shared/peerdata/quantulum3`` at run time (MIT; never copied into the project, see
shared/peerdata/SOURCES.md). Each expected quantity passes when textfacts has a MONEY,
PERCENT or QUANTITY mention of the same value (relative error < 1e-6) in that sentence. The
expected units are grouped as money, percent and other; "other" is mostly physical units and
bare numbers that ANNOTATION.md §2 leaves out of scope, so money and percent are the rates
to keep.

    python evaluation/quantulum3_cases.py [--peerdata DIR] [--model NAME] [--show N]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsquant import peerdata_dir  # noqa: E402

TESTS = "quantulum3/quantulum3/_lang/en_US/tests"
FILES = ("quantities.json", "quantities.ambiguity.json")
# Words of quantulum3's currency unit names ("United States dollar", "pound sterling").
MONEY_WORDS = (
    "dollar",
    "pound sterling",
    "euro",
    "yen",
    "yuan",
    "rupee",
    "franc",
    "cent",
    "krona",
    "peso",
    "rand",
    "won",
    "ruble",
)


def group(unit: str) -> str:
    """money, percent or other, from quantulum3's unit name."""
    name = unit.lower()
    if name == "percentage":
        return "percent"
    return "money" if any(w in name for w in MONEY_WORDS) else "other"


def main(argv: list[str] | None = None) -> int:
    """Print the pass rate per group and, with --show, the money and percent misses."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peerdata", type=Path, default=None)
    parser.add_argument("--model", default="customs-en")
    parser.add_argument("--show", type=int, default=0, help="list N money/percent misses")
    args = parser.parse_args(argv)
    base = (args.peerdata or peerdata_dir()) / TESTS
    if not base.exists():
        print(f"quantulum3 tests not found at {base} (shared/peerdata)", file=sys.stderr)
        return 2
    import textfacts

    extractor = textfacts.load(args.model)
    total: Counter[str] = Counter()
    passed: Counter[str] = Counter()
    misses: list[tuple[str, str, float]] = []
    for name in FILES:
        for case in json.loads((base / name).read_text(encoding="utf-8")):
            document = extractor(case["req"])
            values = [
                m.value
                for m in document.mentions
                if m.label in ("MONEY", "PERCENT", "QUANTITY") and m.value is not None
            ]
            for expected in case["res"]:
                kind, value = group(expected["unit"]), float(expected["value"])
                hit = any(abs(v - value) <= 1e-6 * max(1.0, abs(value)) for v in values)
                total[kind] += 1
                passed[kind] += hit
                if not hit and kind != "other":
                    misses.append((case["req"], expected["surface"], value))
    for kind in ("money", "percent", "other"):
        if total[kind]:
            print(f"{kind:<8} {passed[kind]:>4}/{total[kind]:<4} {passed[kind] / total[kind]:6.1%}")
    print(f"{'all':<8} {sum(passed.values()):>4}/{sum(total.values()):<4}")
    for text, surface, value in misses[: args.show]:
        print(f"  miss {surface!r} = {value:g}  in  {text[:90]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
