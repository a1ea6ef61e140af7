"""Scripted check: a folder with one 10 MB text and ten small ones in many encodings.

Usage: python evaluation/huge_folder.py [--workers 2] [--repeat 40000] [--keep DIR]

The big file is the fact-dense benchmark paragraph (evaluation/bench.py DENSE: four figures,
three dates, two bodies) repeated --repeat times under one header line; five small files sort
before it and five after. `textfacts extract DIR -o OUT --workers N` runs as a subprocess; the
check prints its wall time, when the small files before the big one were written (they must
not wait for it), and whether every figure of every file was extracted. Not a timed test:
the goal (under 10 minutes here) is read from the printed figures. Exit 1 if a check fails.
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import DENSE, DENSE_HEADER  # noqa: E402

NUMBER_LABELS = {"MONEY", "PERCENT", "QUANTITY"}
FIGURES_PER_PARAGRAPH = 4
DATES_PER_PARAGRAPH = 3

# Written for this check in the genre's style; each with the figures it states.
SMALL = [
    (
        "Imports of iron ore rose 3.5 percent to 1.2 billion tonnes in 2025, the customs said.",
        ["3.5 percent", "1.2 billion tonnes"],
    ),
    (
        "Exports to ASEAN reached 6.8 trillion yuan, up 9.1 percent year on year.",
        ["6.8 trillion yuan", "9.1 percent"],
    ),
    (
        "The port handled 42,000 containers in May, and clearance time fell by 15 percent.",
        ["42,000 containers", "15 percent"],
    ),
    (
        "Trade with the EU reached \u20ac512 billion \u2013 down 1.4% \u2013 over the period.",
        ["\u20ac512 billion", "1.4%"],
    ),
    (
        "Customs inspected 2,300 shipments and seized goods worth 85 million yuan.",
        ["2,300 shipments", "85 million yuan"],
    ),
    (
        "Soybean imports (\u5927\u8c46\u8fdb\u53e3) totalled 98 million tonnes, up 2.2 percent.",
        ["98 million tonnes", "2.2 percent"],
    ),
    (
        "Cross-border e-commerce grew 10.5 percent to 2.6 trillion yuan in the first half.",
        ["10.5 percent", "2.6 trillion yuan"],
    ),
    (
        "About 1,800 enterprises received AEO status, 12 percent more than a year earlier.",
        ["1,800 enterprises", "12 percent"],
    ),
    (
        "Grain imports fell 4.7 percent to 157 million tonnes, official data showed.",
        ["4.7 percent", "157 million tonnes"],
    ),
    (
        "Outbound shipments of electric cars rose 22 percent to 1.3 million units.",
        ["22 percent", "1.3 million units"],
    ),
]
# (file name, how it is written): five sort before "m_huge.txt", five after.
ENCODINGS = [
    ("a_utf8.txt", lambda t: t.encode("utf-8")),
    ("b_bom.txt", lambda t: t.encode("utf-8-sig")),
    ("c_utf16le.txt", lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le")),
    ("d_cp1252.txt", lambda t: t.encode("cp1252")),
    ("e_crlf.txt", lambda t: t.replace("\n", "\r\n").encode("utf-8")),
    ("n_gb18030.txt", lambda t: t.encode("gb18030")),
    ("o_utf16be.txt", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be")),
    ("p_page.html", lambda t: f"<html><body><p>{t}</p></body></html>".encode()),
    ("q_latin1.txt", lambda t: t.encode("latin-1")),
    ("r_notes.md", lambda t: f"# Customs update\n\n{t}\n".encode()),
]
HUGE = "m_huge.txt"


def build(folder: Path, repeat: int) -> dict[str, list[str]]:
    """Write the folder; return file name → figure texts it states."""
    expected: dict[str, list[str]] = {}
    for (name, encode), (sentence, figures) in zip(ENCODINGS, SMALL, strict=True):
        text = f"Published: 2026-11-20\n\n{sentence}\n"
        try:
            data = encode(text)
        except UnicodeEncodeError:  # latin-1 and cp1252 cannot write every sentence
            continue
        (folder / name).write_bytes(data)
        expected[name] = figures
    (folder / HUGE).write_text(DENSE_HEADER + DENSE * repeat, encoding="utf-8")
    return expected


def main() -> int:
    """Build the folder, run the CLI on it, check every record; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=40_000)
    parser.add_argument("--keep", help="build the folder and output here (default: a temp dir)")
    args = parser.parse_args()
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="textfacts-huge-"))
    folder, out = root / "in", root / "out.jsonl"
    folder.mkdir(parents=True, exist_ok=True)
    expected = build(folder, args.repeat)
    size = (folder / HUGE).stat().st_size
    before = sorted(n for n in expected if n < HUGE)
    print(
        f"folder: {HUGE} {size:,} bytes ({args.repeat:,} paragraphs) + {len(expected)} small "
        f"files ({', '.join(sorted(expected))}); load average {os.getloadavg()[0]:.1f}"
    )
    cli = Path(sys.executable).with_name("textfacts")
    command = [str(cli), "extract", str(folder), "-o", str(out), "--workers", str(args.workers)]
    print("$ " + " ".join(command), flush=True)
    started = time.monotonic()
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    partial = Path(f"{out}.partial")
    first_written = None
    while run.poll() is None:
        if first_written is None and partial.exists():
            if partial.read_bytes().count(b"\n") >= len(before):
                first_written = time.monotonic() - started
        time.sleep(0.5)
    stdout, stderr = run.communicate()
    seconds = time.monotonic() - started
    print(stdout.strip())
    progress = [line for line in stderr.splitlines() if line.startswith("progress:")]
    print(
        f"progress lines on stderr: {len(progress)}"
        + (f", last: {progress[-1]}" if progress else "")
    )
    print(
        f"exit code {run.returncode}; wall time {seconds:.0f} s ({seconds / 60:.1f} min; goal "
        f"< 10 min); load average now {os.getloadavg()[0]:.1f}"
    )
    if first_written is not None:
        print(
            f"the {len(before)} records before {HUGE} were in {partial.name} after "
            f"{first_written:.0f} s"
        )
    ok = run.returncode == 0
    records = {}
    if out.exists():
        with out.open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                records[record["doc_id"]] = record
    for name, figures in sorted(expected.items()):
        got = {
            m["text"]
            for m in records.get(name, {}).get("mentions", [])
            if m["label"] in NUMBER_LABELS
        }
        missing = [f for f in figures if f not in got]
        ok &= name in records and not missing
        print(
            f"  {name:<15} {'ok' if name in records and not missing else 'FAILED'}: "
            f"{len(figures) - len(missing)}/{len(figures)} figures"
            + (f" (missing {missing})" if missing else "")
        )
    huge = records.get(HUGE, {"mentions": []})
    labels: dict[str, int] = {}
    for m in huge["mentions"]:
        labels[m["label"]] = labels.get(m["label"], 0) + 1
    figures = sum(n for label, n in labels.items() if label in NUMBER_LABELS)
    want = FIGURES_PER_PARAGRAPH * args.repeat
    dates = labels.get("DATE", 0)
    ok &= figures == want and dates >= DATES_PER_PARAGRAPH * args.repeat
    print(
        f"  {HUGE:<15} {'ok' if figures == want else 'FAILED'}: {figures:,}/{want:,} figures, "
        f"{dates:,} dates (>= {DATES_PER_PARAGRAPH * args.repeat:,}), "
        f"{len(huge.get('claims', [])):,} claims, {len(huge.get('commitments', [])):,} "
        f"commitments; labels {dict(sorted(labels.items()))}"
    )
    print("RESULT: " + ("every file extracted, every figure found" if ok else "FAILED"))
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
