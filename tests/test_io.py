"""Reading hostile inputs: encodings, HTML, bad files, chunking of very large texts."""

import codecs
import os
import random
import re
from pathlib import Path

import pytest

from textfacts import io as tio
from textfacts.chunking import MAX_CHARS, chunk_ranges
from textfacts.errors import InputError
from textfacts.io import decode, html_to_text, read_document, walk

# Genre sentences written for these tests (not from any gold file).
ENGLISH = (
    "China\u2019s foreign trade rose 5.2% year on year to 32.33 trillion yuan "
    "(about $4.5 trillion) in the first three quarters, the General Administration "
    "of Customs said on Monday. \u201cThe momentum will continue,\u201d a spokesman said."
)
MIXED = (
    "The General Administration of Customs (\u6d77\u5173\u603b\u7f72) said imports of "
    "soybeans reached 80.5 million tonnes. \u540c\u6bd4\u589e\u957f 3.1%."
)
CHINESE = "2024年前三季度，我国货物贸易进出口总值32.33万亿元。"


@pytest.mark.parametrize(
    "text, encode",
    [
        pytest.param(ENGLISH, lambda t: t.encode("utf-8"), id="utf-8"),
        pytest.param(ENGLISH, lambda t: t.encode("utf-8-sig"), id="utf-8-bom"),
        pytest.param(
            ENGLISH, lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), id="utf-16-le-bom"
        ),
        pytest.param(
            ENGLISH, lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), id="utf-16-be-bom"
        ),
        pytest.param(ENGLISH, lambda t: t.encode("utf-16-le"), id="utf-16-le-no-bom"),
        pytest.param(ENGLISH, lambda t: t.encode("utf-16-be"), id="utf-16-be-no-bom"),
        pytest.param(MIXED, lambda t: t.encode("utf-16-le"), id="utf-16-le-no-bom-chinese"),
        pytest.param(MIXED, lambda t: t.encode("gb18030"), id="gb18030"),
        pytest.param(MIXED, lambda t: t.encode("gbk"), id="gbk"),
        pytest.param(CHINESE, lambda t: t.encode("gb18030"), id="gb18030-chinese-only"),
        pytest.param(ENGLISH, lambda t: t.encode("cp1252"), id="cp1252"),
        # Short Windows-1252 files are where open detection fails (cp1006 "caf\ufee0").
        pytest.param("caf\u00e9 na\u00efve", lambda t: t.encode("cp1252"), id="cp1252-short"),
        pytest.param(
            "M\u00fcller said \u20ac5", lambda t: t.encode("cp1252"), id="cp1252-short-euro"
        ),
        pytest.param(
            "S\u00e3o Paulo and Bogot\u00e1", lambda t: t.encode("cp1252"), id="cp1252-short-latin"
        ),
    ],
)
def test_decode_recovers_the_text(text, encode):
    assert decode(encode(text)) == text


def _high_bytes(seed: int, n: int) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(128, 256) for _ in range(n))


@pytest.mark.parametrize(
    "data, reason",
    [
        pytest.param(b"", "empty file", id="empty"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "binary", id="png"),
        pytest.param(bytes(range(1, 32)) * 20, "binary", id="control-bytes"),
        pytest.param(
            random.Random(1).randbytes(2000), "binary file (NUL bytes)", id="random-2000-with-nul"
        ),
        pytest.param(random.Random(2).randbytes(200), "undecodable", id="random-200"),
        pytest.param(_high_bytes(3, 500), "undecodable", id="random-high-bytes"),
        pytest.param(
            ENGLISH.encode("utf-8")[:-40] + b"\xff" + ENGLISH.encode("utf-8"),
            "undecodable: damaged UTF-8",
            id="damaged-utf-8",
        ),
        pytest.param(codecs.BOM_UTF8 + b"ok \xff\xfe", "undecodable", id="bad-after-bom"),
    ],
)
def test_decode_reports_what_is_not_text(data, reason):
    with pytest.raises(InputError) as err:
        decode(data)
    assert err.value.reason.startswith(reason)


@pytest.mark.parametrize("seed", range(20), ids=lambda s: f"seed{s}")
def test_random_bytes_never_decode_silently(seed):
    data = random.Random(seed).randbytes(random.Random(seed).randrange(50, 3000))
    try:
        text = decode(data)
    except InputError:
        return
    # Whatever decodes must at least be text, not a field of control characters.
    assert len(re.findall(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]", text)) <= 0.01 * len(text)


def test_html_blocks_become_paragraphs_and_inline_stays_in_its_sentence():
    markup = (
        "<html><head><title>Press release</title><style>p {color: red}</style>"
        "<script>var x = '<p>no</p>';</script></head><body>"
        "<h1>China&#8217;s trade grows</h1>"
        "<p>Exports <b>rose</b>&nbsp;5.2% &amp; imports <a href='#'>fell</a> 1.1%.<br>"
        "Second line.</p><!-- comment --><div><ul><li>Soybeans</li><li>Iron ore</li>"
        "</ul></div><table><tr><td>Jan</td><td>3.4%</td></tr></table></body></html>"
    )
    text = html_to_text(markup)
    assert text.split("\n\n") == [
        "China\u2019s trade grows",
        "Exports rose 5.2% & imports fell 1.1%.\nSecond line.",
        "Soybeans",
        "Iron ore",
        "Jan 3.4%",
    ]


def test_html_with_unclosed_head_keeps_the_body():
    markup = "<html><head><title>T</title><body><p>Imports rose 3%.</p></body></html>"
    assert html_to_text(markup) == "Imports rose 3%."


def test_html_title_is_the_fallback_for_an_empty_body():
    assert html_to_text("<html><head><title>Only a title</title></head><body></body>") == (
        "Only a title"
    )


def test_deeply_nested_html_does_not_exhaust_recursion():
    assert html_to_text("<div>" * 3000 + "Exports rose." + "</div>" * 3000) == "Exports rose."


def test_html_declared_charset_is_used(tmp_path):
    page = "<html><head><meta charset='gb2312'></head><body><p>" + MIXED + "</p></body></html>"
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gb18030"))
    assert read_document(path) == MIXED


def _bad(path: Path) -> str:
    with pytest.raises(InputError) as err:
        read_document(path)
    return err.value.reason


def test_dangling_symlink_is_reported(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    assert _bad(tmp_path / "gone.txt") == "unreadable: dangling symlink"


def test_fifo_is_reported_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    assert _bad(tmp_path / "pipe.txt") == "unreadable: not a regular file (FIFO)"


def test_directory_and_missing_file_are_reported(tmp_path):
    assert _bad(tmp_path) == "unreadable: is a directory"
    assert _bad(tmp_path / "nothing.txt") == "unreadable: no such file"


def test_chinese_only_release_is_read(tmp_path):
    (tmp_path / "zh.txt").write_bytes(CHINESE.encode("gb18030"))
    assert read_document(tmp_path / "zh.txt") == CHINESE


def test_text_in_neither_english_nor_chinese_is_reported(tmp_path):
    (tmp_path / "ru.txt").write_text("Таможня сообщила об итогах года.", encoding="utf-8")
    reason = "no English or Chinese text (no Latin letters or Han characters)"
    assert _bad(tmp_path / "ru.txt") == reason


def test_whitespace_only_file_is_reported(tmp_path):
    (tmp_path / "blank.txt").write_text(" \n\n\t\n", encoding="utf-8")
    assert _bad(tmp_path / "blank.txt") == "no text (empty after decoding)"


def test_oversized_file_is_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(tio, "MAX_BYTES", 100)
    (tmp_path / "big.txt").write_text(ENGLISH, encoding="utf-8")
    assert _bad(tmp_path / "big.txt").startswith("too large")


def test_text_files_are_read_unchanged(tmp_path):
    (tmp_path / "a.txt").write_bytes(("\n\n" + ENGLISH + "\r\n").encode("utf-8"))
    assert read_document(tmp_path / "a.txt") == "\n\n" + ENGLISH + "\r\n"


def test_walk_lists_bad_entries_too_and_sorts(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.html").write_text("x", encoding="utf-8")
    (tmp_path / "chart.png").write_bytes(b"\x89PNG")  # a type not read
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    os.mkfifo(tmp_path / "pipe.md")
    ids = [doc_id for _, doc_id in walk([tmp_path])]
    assert ids == ["a.html", "b/z.txt", "gone.txt", "pipe.md"]


def test_chunks_cover_the_text_and_cut_at_paragraphs():
    paragraph = "Exports of mechanical and electrical products rose 7.5 percent. " * 30
    text = "\n\n".join([paragraph] * 600)  # about 1.1 million characters
    assert len(text) > 1_000_000
    ranges = chunk_ranges(text)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:], strict=False))
    assert all(0 < end - start <= MAX_CHARS for start, end in ranges)
    assert all(text[end - 2 : end] == "\n\n" for _, end in ranges[:-1])


@pytest.mark.parametrize(
    "text, max_chars, first",
    [
        pytest.param("One line.\nTwo line.\nThree", 22, "One line.\nTwo line.\n", id="line"),
        pytest.param("One. Two. Three four", 12, "One. Two. ", id="sentence"),
        pytest.param("alpha beta gamma", 12, "alpha beta ", id="space"),
        pytest.param("x" * 30, 12, "x" * 12, id="hard-cut"),
    ],
)
def test_chunks_fall_back_to_smaller_breaks(text, max_chars, first):
    ranges = chunk_ranges(text, max_chars)
    assert text[ranges[0][0] : ranges[0][1]] == first
    assert "".join(text[s:e] for s, e in ranges) == text
