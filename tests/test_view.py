"""The review page: span nesting, gold error marks, the CLI, and a real browser on the page."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import span_of

from textfacts.cli import main
from textfacts.corpus import read_gold
from textfacts.schema import Document
from textfacts.view import Item, Node, nest, render

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

TEXT = (
    "Beijing, March 7 (GAC) -- China's foreign trade rose 5.2 percent in the first two "
    "months of 2026, the General Administration of Customs said, and customs will keep "
    "cutting clearance times at the 2026 China Import Expo."
)


def _item(key: str, label: str, substring: str, kind: str = "mention") -> Item:
    start, end = span_of(TEXT, substring)
    return Item(key, kind, label, start, end, {})


def _flatten(nodes: list[Node | str]) -> str:
    return "".join(n if isinstance(n, str) else _flatten(n.children) for n in nodes)


def _pieces(nodes: list[Node | str]) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for node in nodes:
        if isinstance(node, Node):
            out.append((node.item.key, node.continued))
            out.extend(_pieces(node.children))
    return out


def test_nested_spans_become_nested_elements():
    items = [
        _item("e", "EVENT", "2026 China Import Expo"),
        _item("d", "DATE", "the first two months of 2026"),
        _item(
            "c",
            "COMMITMENT",
            "keep cutting clearance times at the 2026 China Import Expo",
            kind="commitment",
        ),
    ]
    # The second "2026" sits inside the EVENT.
    inner = TEXT.index("2026 China Import Expo")
    items.append(Item("d2", "mention", "DATE", inner, inner + 4, {}))
    tree = nest(TEXT, items)
    assert _flatten(tree) == TEXT
    pieces = _pieces(tree)
    assert sorted(k for k, cont in pieces if not cont) == ["c", "d", "d2", "e"]
    assert not any(cont for _, cont in pieces)
    # commitment outside event outside date
    assert [k for k, _ in pieces][-3:] == ["c", "e", "d2"]


def test_crossing_spans_split_with_one_element_per_id():
    a = _item("a", "ORG", "the General Administration")
    b_start, _ = span_of(TEXT, "Administration of Customs said")
    b = Item("b", "mention", "DATE", b_start, b_start + len("Administration of Customs said"), {})
    tree = nest(TEXT, [a, b])
    assert _flatten(tree) == TEXT
    pieces = _pieces(tree)
    assert [k for k, cont in pieces if not cont] == ["a", "b"]
    assert ("b", True) in pieces  # the part of b after a closes


def _document() -> Document:
    def mention(mid: str, label: str, substring: str, **attrs) -> dict:
        start, end = span_of(TEXT, substring)
        return {"id": mid, "label": label, "start": start, "end": end, "text": substring, **attrs}

    return Document.model_validate(
        {
            "doc_id": "t1",
            "text": TEXT,
            "mentions": [
                mention("m1", "PERCENT", "5.2 percent", value=5.2, unit="percent"),
                mention("m2", "DATE", "the first two months of 2026", value="2026-01/2026-02"),
                mention(
                    "m3",
                    "ORG",
                    "General Administration of Customs",
                    canonical="General Administration of Customs",
                ),
            ],
            "claims": [
                {
                    "id": "k1",
                    "anchor": "m1",
                    "measure": "foreign trade",
                    "kind": "change",
                    "direction": "up",
                    "period": "m2",
                }
            ],
        }
    )


class _Spans(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.spans: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "span" and "ann" in dict(attrs).get("class", "").split():
            self.spans.append(dict(attrs))


def _spans(html: str) -> list[dict[str, str]]:
    parser = _Spans()
    parser.feed(html)
    return parser.spans


def test_page_draws_every_mention_with_its_details():
    document = _document()
    html = render([document])
    spans = _spans(html)
    assert sorted(s["id"] for s in spans) == ["d0-m1", "d0-m2", "d0-m3"]
    percent = next(s for s in spans if s["id"] == "d0-m1")
    assert "value: 5.2" in percent["title"] and "unit: percent" in percent["title"]
    assert "lab-PERCENT" in percent["class"]
    assert 'data-anchor="d0-m1"' in html and 'data-period="d0-m2"' in html
    assert "<script src" not in html and "http" not in html.split("<body", 1)[1]


def test_gold_marks_missed_spurious_and_wrong():
    pred = _document()
    gold = pred.model_copy(deep=True)
    gold.mentions[0].value = 5.3  # predicted value now wrong
    extra_start, extra_end = span_of(TEXT, "Beijing")
    gold_record = gold.to_dict()
    gold_record["mentions"].append(
        {
            "id": "m4",
            "label": "GPE",
            "start": extra_start,
            "end": extra_end,
            "text": "Beijing",
            "canonical": "Beijing",
        }
    )
    gold_record["mentions"] = [m for m in gold_record["mentions"] if m["id"] != "m3"]
    gold = Document.model_validate(gold_record)
    spans = {s.get("id") or s["data-key"]: s for s in _spans(render([pred], [gold]))}
    assert "missed" in spans["gold-d0-m4"]["class"].split()
    assert "spurious" in spans["d0-m3"]["class"].split()
    assert "wrong" in spans["d0-m1"]["class"].split()
    assert "VALUE" in spans["d0-m1"]["title"]
    assert "missed" not in spans["d0-m2"]["class"] and "wrong" not in spans["d0-m2"]["class"]


def test_cli_view_writes_page_from_output(tmp_path, capsys):
    source = tmp_path / "out.jsonl"
    source.write_text(_document().to_json() + "\n", encoding="utf-8")
    page = tmp_path / "page.html"
    assert main(["view", str(source), "-o", str(page)]) == 0
    assert len(_spans(page.read_text(encoding="utf-8"))) == 3
    assert str(page) in capsys.readouterr().out


def test_cli_view_keeps_only_named_documents(tmp_path):
    source = tmp_path / "out.jsonl"
    second = _document().model_copy(update={"doc_id": "t2.txt"})
    source.write_text(_document().to_json() + "\n" + second.to_json() + "\n", encoding="utf-8")
    page = tmp_path / "page.html"
    assert main(["view", str(source), "-o", str(page), "--doc", "t2"]) == 0
    html = page.read_text(encoding="utf-8")
    assert "<h2>t2.txt</h2>" in html and "<h2>t1</h2>" not in html
    assert main(["view", str(source), "-o", str(page), "--doc", "t9"]) == 2


def _chromium(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--virtual-time-budget=3000",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium)")
def test_browser_counts_spans_and_marks_claim_anchor(tmp_path):
    documents = read_gold(REPO / "corpus" / "gold")
    page = tmp_path / "review.html"
    page.write_text(render(documents), encoding="utf-8")
    result = _chromium("--dump-dom", page.as_uri() + "#selftest")
    body = re.search(r"<body([^>]*)>", result.stdout)
    assert body, result.stderr[-2000:]
    attrs = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', body.group(1)))
    assert attrs["selftest"] == "done"
    assert int(attrs["mentions"]) == sum(len(d.mentions) for d in documents)
    assert int(attrs["mention-ids"]) == sum(len(d.mentions) for d in documents)
    doc, claim = next((i, d.claims[0]) for i, d in enumerate(documents) if d.claims)
    assert attrs["marked-anchor"] == f"d{doc}-{claim.anchor}"
    expected = {f"d{doc}-{ref}" for ref in (claim.anchor, claim.period, claim.speaker) if ref}
    assert set(attrs["marked"].split()) == expected

    shot = tmp_path / "review.png"
    _chromium("--window-size=1200,800", f"--screenshot={shot}", page.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
