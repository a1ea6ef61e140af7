"""Conformance benchmark: peers' public test cases run through textfacts (not a unit test).

Reads Microsoft Recognizers-Text English specs from ``../shared/peerdata`` at run time (MIT;
never copied into the project), keeps the cases our guideline (shared/ANNOTATION.md §2)
puts in scope, and prints the pass rate per file plus every out-of-scope category with its
reason. A case passes when each in-scope expected result has a textfacts mention of the
right label with the same value (relative error < 1e-6), the same unit (ISO 4217 code for
money) and the same span, and textfacts adds no mention of that label elsewhere.

    python evaluation/conformance.py [--peerdata DIR] [--model NAME] [--show N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PEERDATA = REPO.parent / "shared" / "peerdata"
SPECS = "Recognizers-Text/Specs"

# Peer unit names without an ISO code, read the way our guideline and lexicon read them:
# §2 says "dollars" and "$" are USD; lexicons/currencies.tsv reads "pounds" as GBP and
# "rupees" as INR.
BARE_UNITS = {"Dollar": "USD", "Pound": "GBP", "Rupee": "INR"}

# Out-of-scope categories: name → reason, worded after ANNOTATION.md §2.
REASONS = {
    "sub_unit": "cents, pence, sen and 'dollars and cents' compounds: §2 values are in units "
    "of the currency, peers count the sub-unit",
    "crypto": "cryptocurrencies (bitcoin, satoshi): no ISO 4217 code, and MONEY units are ISO "
    "4217 codes",
    "no_iso": "obsolete or country-less currencies (markka, peseta, guilder, bare 'francs'): no "
    "current ISO 4217 code to resolve to",
    "no_number": "a unit word with no amount ('dollar', 'percent', '%'): §2 mentions are amounts",
    "unit_first_percent": "'percent of 10', 'per cent of twenty-two': not an English prose form; "
    "§2 spans run from the number to the unit",
    "ratio": "ratios and fractions without a percent word ('one out of three', '1/4 of'): not "
    "a percentage figure under §2",
    "bare_number": "bare numbers (NumberModel): §2 QUANTITY needs a unit or counted noun, and "
    "its span includes it; a number alone is not a mention",
    "no_digit_quantity": "quantities written without a digit ('ten miles'): §2 QUANTITY needs "
    "at least one digit",
    "rate_unit": "rate units ('miles an hour'): §2 spans stop at the unit; the rate belongs to "
    "the claim",
}


@dataclass
class Expected:
    """One expected mention of a peer case, in our terms."""

    start: int
    end: int
    value: float | None
    unit: str | None
    scope: str | None = None  # None when in scope, else a key of REASONS


@dataclass
class FileResult:
    """Pass counts and failures of one spec file."""

    name: str
    label: str
    passed: int = 0
    in_scope: int = 0
    value_passed: int = 0
    out_of_scope: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)


def _load(path: Path) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8-sig"))


def _float(text: Any) -> float | None:
    if text in (None, "null"):
        return None
    return float(str(text).rstrip("%"))


def currency_expected(result: dict[str, Any]) -> Expected:
    """A CurrencyModel result in our terms, with its scope."""
    res = result["Resolution"]
    unit_name = res.get("unit") or ""
    value = _float(res.get("value"))
    iso = res.get("isoCurrency") or BARE_UNITS.get(unit_name)
    exp = Expected(result["Start"], result["End"] + 1, value, iso)
    text = result["Text"]
    if value is None:
        exp.scope = "no_number"
    elif unit_name in ("Cent", "Pence", "Penny", "Sen") or _major_minor(text):
        exp.scope = "sub_unit"
    elif unit_name in ("Bitcoin", "Satoshi"):
        exp.scope = "crypto"
    elif iso is None:
        exp.scope = "no_iso"
    return exp


def _major_minor(text: str) -> bool:
    """'3 dollars 50 cents', 'thirteen dollars forty five', '17 usd 25': a sub-unit amount
    follows the currency."""
    return bool(
        re.search(r"\b(cents?|mao)\b", text)
        or re.search(r"(dollars?|usd|\$ \d+)( and)? [a-z0-9-]+( [a-z-]+)?$", text)
        and not re.search(r"(million|billion|trillion|dollars?|usd)$", text)
    )


def percent_expected(result: dict[str, Any]) -> Expected:
    """A PercentModel result in our terms, with its scope."""
    text = result["Text"]
    exp = Expected(
        result["Start"], result["End"] + 1, _float(result["Resolution"]["value"]), "percent"
    )
    if exp.value is None:
        exp.scope = "no_number"
    elif re.match(r"(percent|per cent)", text):
        exp.scope = "unit_first_percent"
    elif not re.search(r"percent|per cent|%", text):
        exp.scope = "ratio"
    return exp


def dimension_expected(result: dict[str, Any]) -> Expected:
    """A DimensionModel result in our terms; units are compared by value and span only."""
    text = result["Text"]
    exp = Expected(
        result["Start"], result["End"] + 1, _float(result["Resolution"].get("value")), None
    )
    if exp.value is None:
        exp.scope = "no_number"
    elif not re.search(r"\d", text):
        exp.scope = "no_digit_quantity"
    elif re.search(r"\b(an|a|per) hour\b", text):
        exp.scope = "rate_unit"
    return exp


def number_expected(result: dict[str, Any]) -> Expected:
    """A NumberModel result: all out of scope (bare numbers)."""
    return Expected(result["Start"], result["End"] + 1, None, None, "bare_number")


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-6 * max(1.0, abs(b))


def run_file(
    path: Path,
    label: str,
    to_expected: Callable[[dict[str, Any]], Expected],
    extract: Callable[[str], Any],
    compare_unit: bool = True,
    strict_extras: bool = True,
) -> FileResult:
    """Run one spec file through the extractor and count passes over in-scope cases."""
    result = FileResult(path.name, label)
    for case in _load(path):
        text = case["Input"]
        expected = [to_expected(r) for r in case.get("Results", [])]
        for exp in expected:
            if exp.scope:
                result.out_of_scope[exp.scope] += 1
        wanted = [e for e in expected if e.scope is None]
        if expected and not wanted:
            continue  # every result of the case is out of scope
        if not expected and not strict_extras:
            continue  # the peer file does not annotate what we call QUANTITY
        result.in_scope += 1
        got = [m for m in extract(text).mentions if m.label == label]
        ok_value = ok_full = True
        for exp in wanted:
            hits = [
                m
                for m in got
                if _close(m.value, exp.value) and (not compare_unit or m.unit == exp.unit)
            ]
            ok_value &= bool(hits)
            ok_full &= any((m.start, m.end) == (exp.start, exp.end) for m in hits)
        extra = [
            m
            for m in got
            if strict_extras and not any(m.start < e.end and e.start < m.end for e in expected)
        ]
        ok_value &= not extra
        ok_full &= not extra and ok_value
        result.value_passed += ok_value
        result.passed += ok_full
        if not ok_full:
            shown = [(m.text, m.value, m.unit) for m in got]
            want = [(text[e.start : e.end], e.value, e.unit) for e in wanted]
            result.failures.append(f"{text[:90]!r}\n      want {want}\n      got  {shown}")
    return result


def run(
    extract: Callable[[str], Any],
    peerdata: Path = PEERDATA,
    show: int = 0,
    write: Callable[[str], Any] = print,
) -> list[FileResult]:
    """Run every spec file and print the table; returns the per-file results."""
    specs = peerdata / SPECS
    # (file, label, reader, compare units, count extra mentions as failures)
    plan: Iterable[tuple[str, str, Callable[[dict[str, Any]], Expected], bool, bool]] = [
        ("NumberWithUnit/English/CurrencyModel.json", "MONEY", currency_expected, True, True),
        ("Number/English/PercentModel.json", "PERCENT", percent_expected, True, True),
        ("Number/English/PercentModelPercentMode.json", "PERCENT", percent_expected, True, True),
        # Dimensions only: peers leave counts ("23 computers") unannotated, so our count
        # mentions are not held against us; units are named differently ("Metric ton").
        (
            "NumberWithUnit/English/DimensionModel.json",
            "QUANTITY",
            dimension_expected,
            False,
            False,
        ),
        ("Number/English/NumberModel.json", "QUANTITY", number_expected, False, False),
    ]
    results = []
    for relative, label, to_expected, compare_unit, strict_extras in plan:
        path = specs / relative
        if not path.exists():
            write(f"missing: {path}")
            continue
        results.append(run_file(path, label, to_expected, extract, compare_unit, strict_extras))
    write(f"{'file':<34} {'label':<9} {'in scope':>8} {'pass':>6} {'rate':>7} {'value+unit':>11}")
    for r in results:
        rate = f"{r.passed / r.in_scope:.1%}" if r.in_scope else "-"
        value_rate = f"{r.value_passed / r.in_scope:.1%}" if r.in_scope else "-"
        write(f"{r.name:<34} {r.label:<9} {r.in_scope:>8} {r.passed:>6} {rate:>7} {value_rate:>11}")
    target = [r for r in results if r.label in ("MONEY", "PERCENT")]
    total = sum(r.in_scope for r in target)
    passed = sum(r.passed for r in target)
    if total:
        write(f"currency + percent, in scope: {passed}/{total} = {passed / total:.1%} (target 90%)")
    write(
        "DimensionModel: values and spans only (peers name units 'Metric ton', we lemmatise; "
        "peers leave counts unannotated, so extra count mentions are not failures)."
    )
    write("\nout of scope (expected results, not cases):")
    scope = defaultdict(list)
    for r in results:
        for key, count in r.out_of_scope.items():
            scope[key].append(f"{r.name}: {count}")
    for key, where in scope.items():
        write(f"  {key}: {', '.join(where)}\n      {REASONS[key]}")
    if show:
        for r in results:
            for failure in r.failures[:show]:
                write(f"  FAIL {r.name}: {failure}")
    return results


def main(argv: list[str] | None = None) -> int:
    """Command line: load the model, run the specs, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peerdata", type=Path, default=PEERDATA)
    parser.add_argument("--model", default="customs-en")
    parser.add_argument("--show", type=int, default=0, help="list N failures per file")
    args = parser.parse_args(argv)
    if not (args.peerdata / SPECS).exists():
        print(f"no peer data at {args.peerdata}; nothing to run")
        return 0
    import textfacts

    run(textfacts.load(args.model), args.peerdata, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
