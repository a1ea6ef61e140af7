"""The `textfacts` command: parse arguments, call the library, print what it returns."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

# What `textfacts --help` opens with: for users, not for developers.
DESCRIPTION = (
    "Extract grounded facts (figures, dates, names, pledges, claims) from English press\n"
    "releases of China's customs (GAC) and the State Council Information Office, as JSONL\n"
    "or CSV records whose every span has character offsets (format: docs/format.md)."
)
EPILOG = (
    "examples:\n"
    "  textfacts extract releases/ -o facts.jsonl --manifest dates.csv\n"
    "  textfacts extract notice.pdf -o facts.csv\n"
    "  textfacts evaluate --gold seeds --given-published   (from the repository root)\n"
    "  textfacts <command> --help"
)


def _extract(args: argparse.Namespace) -> int:
    import textfacts
    from textfacts.batch import extract_paths, read_manifest

    manifest = read_manifest(args.manifest) if args.manifest else None
    if args.format == "parquet":  # the same run loop, its JSONL then turned into Parquet
        from textfacts.tables import extract_parquet as extract_paths
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


def _version() -> str:
    """Package and bundled model versions, without loading spaCy."""
    import textfacts
    from textfacts.resources import DEFAULT_MODEL, model_dir, model_meta

    meta = model_meta(model_dir(DEFAULT_MODEL))
    model = f"{meta.get('name', DEFAULT_MODEL)} {meta.get('version', '?')}"
    return f"textfacts {textfacts.__version__}, model {model}"


def _schema(args: argparse.Namespace) -> int:
    from textfacts.schema import json_schema

    print(json.dumps(json_schema(), indent=2))
    return 0


def _check_gold(names: list[str]) -> None:
    """Fail early, saying what a gold name means, when it points at nothing here."""
    from textfacts.evaluate.run import gold_files

    for name in names:
        try:
            gold_files([name])
        except ValueError as err:
            raise ValueError(
                f"{err}. Named gold sets ('seeds', 'dev', ...) are folders of a textfacts "
                "checkout: run from the repository root, or pass --gold PATH to a gold JSONL "
                "file or folder"
            ) from None


def _evaluate(args: argparse.Namespace) -> int:
    from textfacts.evaluate.run import run_evaluation

    _check_gold(args.gold or ["seeds"])
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
        classes=args.classes,
    )


def _gold_check(args: argparse.Namespace) -> int:
    from textfacts.goldcheck import main as gold_main

    return gold_main(args.paths)


def _consolidate(args: argparse.Namespace) -> int:
    from textfacts.consolidate import run_consolidation

    return run_consolidation(args.input, out=args.output, report=args.report)


def _view(args: argparse.Namespace) -> int:
    from textfacts.view import write_view

    page = write_view(args.input, args.output, args.gold, args.model, only=args.doc or ())
    print(f"review page: {page}")
    return 0


def _export(args: argparse.Namespace) -> int:
    if args.format == "parquet":
        from textfacts.schema import read_jsonl
        from textfacts.tables import write_parquet

        count = write_parquet(read_jsonl(args.input), args.output)
        print(f"{count} documents: {args.output}")
        return 0
    from textfacts.labelstudio import export_tasks

    count = export_tasks(args.input, args.output)
    print(f"{count} Label Studio tasks: {args.output}")
    return 0


def _labelstudio_config(args: argparse.Namespace) -> int:
    from textfacts.labelstudio import labeling_config

    print(labeling_config(), end="")
    return 0


def _import(args: argparse.Namespace) -> int:
    from textfacts.goldcheck import main as gold_main
    from textfacts.labelstudio import import_export

    written, skipped = import_export(args.input, args.output)
    print(
        f"{len(written)} gold files in {args.output}"
        + (f"; not annotated: {', '.join(skipped)}" if skipped else "")
    )
    return gold_main([str(p) for p in written]) if written else 1


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, one subcommand per library entry point."""
    parser = argparse.ArgumentParser(
        prog="textfacts",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract facts from files and folders")
    p.add_argument(
        "paths", nargs="+", help="files or folders (.txt, .md, .html), walked recursively"
    )
    p.add_argument("-o", "--output", help="output file (default: JSONL records on stdout)")
    p.add_argument(
        "--format",
        choices=["jsonl", "csv", "parquet"],
        help="default: csv when -o ends in .csv, parquet for .parquet, else jsonl",
    )
    p.add_argument(
        "--model",
        default="auto",
        help="bundled model name or model directory; "
        "'auto' (default) runs customs-en or customs-zh by each text's script",
    )
    p.add_argument("--workers", type=int, default=1, help="processes for spaCy's nlp.pipe")
    p.add_argument("--resume", action="store_true", help="skip documents already in the output")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument(
        "--manifest",
        help="CSV/TSV of doc_id (or file), published, outlet, title: "
        "metadata the texts may not print (it overrides their header lines)",
    )
    p.set_defaults(func=_extract)

    p = sub.add_parser("schema", help="print the JSON Schema of a document record")
    p.set_defaults(func=_schema)

    p = sub.add_parser("evaluate", help="score a model or a predictions file against gold")
    p.add_argument(
        "--gold",
        action="append",
        help="gold JSONL file or folder (repeatable); 'seeds' = corpus/gold, "
        "'dev' = ../shared/corpus-dev/gold.jsonl (or $TEXTFACTS_SHARED/corpus-dev), "
        "'dev-zh' = the Chinese dev gold, 'blind' = corpus/blind-real/gold (real releases "
        "scored once per model version), 'dev-real' = corpus/dev-real/gold (real releases "
        "annotated by the team, for development), 'real' = seeds and dev, 'synthetic' = "
        "corpus/synthetic/gold (written by the team: development only), 'all' = seeds, dev "
        "and synthetic",
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
        action=argparse.BooleanOptionalAction,
        default=True,
        help="hand each gold document's publication date to the model, as a manifest would "
        "(the default, ANNOTATION.md §7); --no-given-published lets the model read it itself",
    )
    p.add_argument(
        "--classes",
        help="TSV of doc_id and class (wire release, transcript, policy notice) for figures "
        "per document class (default evaluation/doc_classes.tsv)",
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

    p = sub.add_parser("view", help="write an offline HTML review page of texts or output")
    p.add_argument("input", help="a text file or folder (extracted now) or extract output JSONL")
    p.add_argument("-o", "--output", help="HTML page (default: <input stem>.html)")
    p.add_argument("--gold", help="gold JSONL file or folder, or seeds|dev: mark errors")
    p.add_argument("--model", default="customs-en", help="model for text input")
    p.add_argument("--doc", action="append", help="show only this doc_id (repeatable)")
    p.set_defaults(func=_view)

    p = sub.add_parser("export", help="convert extract output for another tool")
    p.add_argument("input", help="extract output or gold (JSONL file or folder)")
    p.add_argument("--format", choices=["labelstudio", "parquet"], required=True)
    p.add_argument("-o", "--output", required=True, help="output file")
    p.set_defaults(func=_export)

    p = sub.add_parser("labelstudio-config", help="print the Label Studio labelling config XML")
    p.set_defaults(func=_labelstudio_config)

    p = sub.add_parser("import", help="turn a labelling tool's export into gold, then gold-check")
    p.add_argument("format", choices=["labelstudio"])
    p.add_argument("input", help="Label Studio JSON export")
    p.add_argument("-o", "--output", required=True, help="gold folder (one file per document)")
    p.set_defaults(func=_import)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except BrokenPipeError:
        # The reader went away (`textfacts schema | head`): not an error of ours. Point
        # stdout at devnull so the interpreter's final flush does not complain either.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (ValueError, TypeError, OSError) as err:
        print(f"textfacts: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl-C before a run started (e.g. while the model loads)
        print("textfacts: interrupted", file=sys.stderr)
        return 130
