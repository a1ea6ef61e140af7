"""The `textfacts` command: parse arguments, call the library, print what it returns."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence


def _extract(args: argparse.Namespace) -> int:
    import textfacts
    from textfacts.batch import extract_paths, read_manifest

    manifest = read_manifest(args.manifest) if args.manifest else None
    extractor = textfacts.load(args.model)
    summary = extract_paths(
        args.paths,
        args.output,
        extractor,
        fmt=args.format,
        workers=args.workers,
        resume=args.resume,
        progress=not args.quiet,
        write=sys.stdout.write,
        manifest=manifest,
    )
    to_stderr = args.output is None or summary.interrupted is not None
    print(summary.render(), file=sys.stderr if to_stderr else sys.stdout)
    return summary.exit_code


def _schema(args: argparse.Namespace) -> int:
    from textfacts.schema import json_schema

    print(json.dumps(json_schema(), indent=2))
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from textfacts.evaluate.run import run_evaluation

    return run_evaluation(
        gold=args.gold,
        model=args.model,
        pred=args.pred,
        baseline=args.baseline,
        out=args.out,
        errors=args.errors,
        tolerance=args.tolerance,
        write_meta=args.write_meta,
        given_published=args.given_published,
    )


def _gold_check(args: argparse.Namespace) -> int:
    from textfacts.goldcheck import main as gold_main

    return gold_main(args.paths)


def _consolidate(args: argparse.Namespace) -> int:
    from textfacts.consolidate import run_consolidation

    return run_consolidation(args.input, out=args.output, report=args.report)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, one subcommand per library entry point."""
    parser = argparse.ArgumentParser(prog="textfacts", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract facts from files and folders")
    p.add_argument(
        "paths", nargs="+", help="files or folders (.txt, .md, .html), walked recursively"
    )
    p.add_argument("-o", "--output", help="output file (default: JSONL records on stdout)")
    p.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    p.add_argument("--model", default="customs-en", help="bundled model name or model directory")
    p.add_argument("--workers", type=int, default=1, help="processes for spaCy's nlp.pipe")
    p.add_argument("--resume", action="store_true", help="skip documents already in the output")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument("--manifest", help="CSV/TSV of doc_id (or file), published, outlet, title: "
                   "metadata the texts may not print (it overrides their header lines)")
    p.set_defaults(func=_extract)

    p = sub.add_parser("schema", help="print the JSON Schema of a document record")
    p.set_defaults(func=_schema)

    p = sub.add_parser("evaluate", help="score a model or a predictions file against gold")
    p.add_argument(
        "--gold",
        action="append",
        help="gold JSONL file or folder (repeatable); "
        "'seeds' = corpus/gold, 'dev' = ../shared/corpus-dev/gold.jsonl",
    )
    group = p.add_mutually_exclusive_group()
    group.add_argument("--model", help="model to run on the gold texts (default customs-en)")
    group.add_argument("--pred", help="predictions JSONL to score instead of running a model")
    p.add_argument("--baseline", help="earlier report JSON: print deltas, exit 1 on regressions")
    p.add_argument(
        "--tolerance", type=float, default=0.02, help="allowed drop of a headline figure"
    )
    p.add_argument("--out", help="write the JSON report here")
    p.add_argument(
        "--errors", type=int, default=0, help="list N false positives/negatives per label"
    )
    p.add_argument(
        "--write-meta", action="store_true", help="store the figures in the model's meta.json"
    )
    p.add_argument(
        "--given-published",
        action="store_true",
        help="hand each gold document's publication date to the model, as a manifest would",
    )
    p.set_defaults(func=_evaluate)

    p = sub.add_parser("gold-check", help="list digits in gold texts not covered by a mention")
    p.add_argument("paths", nargs="*", default=["corpus/gold"])
    p.set_defaults(func=_gold_check)

    p = sub.add_parser("consolidate", help="group claims across documents and flag conflicts")
    p.add_argument("input", help="extract output (JSONL)")
    p.add_argument("-o", "--output", help="fact groups JSONL")
    p.add_argument("--report", help="human-readable report file (default: stdout)")
    p.set_defaults(func=_consolidate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (ValueError, OSError) as err:
        print(f"textfacts: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl-C before a run started (e.g. while the model loads)
        print("textfacts: interrupted", file=sys.stderr)
        return 130
