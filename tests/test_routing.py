"""A folder of English and Chinese releases is extracted in one run, each with its model."""

import json

from helpers import assert_grounded

from textfacts.cli import main
from textfacts.schema import Document

# Genre sentences written for these tests (not from any gold file).
ENGLISH = (
    "China's exports rose 6.1% year on year to 2.3 trillion yuan in the first quarter, "
    "the General Administration of Customs said on Friday."
)
CHINESE = (
    "海关总署12日发布数据，今年前三季度，我国货物贸易进出口总值31.5万亿元，同比增长4.2%。"
    "海关将继续优化口岸营商环境。"
)


def test_mixed_folder_runs_each_text_through_its_model(tmp_path, capsys):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "zh.txt").write_text(CHINESE, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "doc_id,published\nen.txt,2025-10-17\nzh.txt,2025-10-13\n", encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    code = main(
        ["extract", str(folder), "-o", str(out), "-q", "--manifest", str(tmp_path / "manifest.csv")]
    )
    assert code == 0
    records = {
        r["doc_id"]: Document.model_validate(r)
        for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())
    }
    assert set(records) == {"en.txt", "zh.txt"}
    for document in records.values():
        assert_grounded(document)
    zh = records["zh.txt"]
    money = [m for m in zh.mentions if m.label == "MONEY"]
    assert [(m.text, m.value, m.unit) for m in money] == [("31.5万亿元", 3.15e13, "CNY")]
    dates = {m.text: m.value for m in zh.mentions if m.label == "DATE"}
    assert dates == {"12日": "2025-10-12", "今年前三季度": "2025-01/2025-09"}
    assert [c.modality for c in zh.commitments] == ["continue"]
    en = records["en.txt"]
    assert any(m.label == "MONEY" and m.text == "2.3 trillion yuan" for m in en.mentions)


def test_forced_model_still_applies(tmp_path):
    (tmp_path / "zh.txt").write_text(CHINESE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert (
        main(["extract", str(tmp_path / "zh.txt"), "-o", str(out), "-q", "--model", "customs-en"])
        == 0
    )
    record = json.loads(out.read_text(encoding="utf-8"))
    # The English model finds no Chinese money: the forced model ran, not the Chinese one.
    assert not any(m["label"] == "MONEY" for m in record["mentions"])


def test_library_pipe_keeps_input_order_across_languages():
    import textfacts

    router = textfacts.load("auto")
    texts = [CHINESE, ENGLISH, CHINESE, ENGLISH]
    items = [
        (t, {"doc_id": f"d{i}", "meta": {"published": "2025-10-13"}}) for i, t in enumerate(texts)
    ]
    out = list(router.pipe(items, as_tuples=True, batch_size=1))
    assert [context["doc_id"] for _, context in out] == ["d0", "d1", "d2", "d3"]
    assert [d.doc_id for d, _ in out] == ["d0", "d1", "d2", "d3"]
    money = [[m.unit for m in d.mentions if m.label == "MONEY"] for d, _ in out]
    assert money == [["CNY"], ["CNY"], ["CNY"], ["CNY"]]
    chinese = [any(m.text == "31.5万亿元" for m in d.mentions) for d, _ in out]
    assert chinese == [True, False, True, False]
    assert router.name.startswith("auto[customs-en-")
