"""Bad input gets a clear error naming the file, row and field; the obvious forms are accepted."""

import datetime
import json

import pytest

from textfacts.cli import main
from textfacts.io import manifest_unmatched, read_manifest
from textfacts.schema import Document, Meta, given_meta

NOTE = "Customs said exports of seafood rose 6% in March this year.\n"


@pytest.mark.parametrize("published", ["13/04/2017", "yesterday", "2017-02-30", "20170413"])
def test_manifest_refuses_a_published_value_that_is_not_a_day(tmp_path, published):
    manifest = tmp_path / "dates.csv"
    manifest.write_text(f"doc_id,published\na,2017-04-13\nb,{published}\n", encoding="utf-8")
    with pytest.raises(ValueError) as err:
        read_manifest(manifest)
    message = str(err.value)
    assert f"{manifest}:3" in message and "published" in message and published in message


def test_manifest_refuses_a_doc_id_given_twice(tmp_path):
    manifest = tmp_path / "dates.csv"
    manifest.write_text("file,date\na.txt,2020-01-02\nb.txt,2020-01-03\na.txt,2020-01-04\n")
    with pytest.raises(
        ValueError, match=r"dates\.csv:4: doc_id 'a\.txt' is already given on row 2"
    ):
        read_manifest(manifest)


@pytest.mark.parametrize(
    "content", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8", b"doc_id,published\n\xff\xfe\x00"]
)
def test_a_binary_manifest_is_named(tmp_path, content):
    manifest = tmp_path / "dates.csv"
    manifest.write_bytes(content)
    with pytest.raises(ValueError, match=r"dates\.csv: manifest is"):
        read_manifest(manifest)


def test_manifest_without_a_doc_id_column_is_named(tmp_path):
    manifest = tmp_path / "dates.csv"
    manifest.write_text("name,published\na,2020-01-02\n")
    with pytest.raises(ValueError, match="no doc_id column"):
        read_manifest(manifest)


def test_manifest_rows_that_match_no_file_are_found():
    manifest = {"a": {"published": "2020-01-02"}, "typo.txt": {}, "sub/c": {}}
    assert manifest_unmatched(manifest, ["a.txt", "sub/c.txt"]) == ["typo.txt"]


def test_cli_manifest_errors_exit_2_naming_the_row(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "note.txt").write_text(NOTE, encoding="utf-8")
    manifest = tmp_path / "m.csv"
    manifest.write_text("doc_id,published\nnote,13/04/2017\n", encoding="utf-8")
    assert main(["extract", str(folder), "--manifest", str(manifest), "-q"]) == 2
    assert "m.csv:2" in capsys.readouterr().err


def test_cli_lists_manifest_rows_that_name_no_document(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "note.txt").write_text(NOTE, encoding="utf-8")
    manifest = tmp_path / "m.csv"
    manifest.write_text("doc_id,published\nnote,2021-04-02\nnotes,2021-04-03\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(folder), "-o", str(out), "--manifest", str(manifest), "-q"]) == 0
    printed = capsys.readouterr().out
    assert "1 row(s) name no document read: notes" in printed
    assert json.loads(out.read_text())["meta"]["published"] == "2021-04-02"


@pytest.mark.parametrize(
    "value", [datetime.date(2017, 4, 13), datetime.datetime(2017, 4, 13, 9, 30), "2017-04-13"]
)
def test_a_date_object_is_a_date(value):
    assert Meta(published=value).published == "2017-04-13"
    assert given_meta({"published": value}) == {"published": "2017-04-13"}


def test_unknown_meta_keys_are_refused():
    with pytest.raises(ValueError, match=r"unknown key\(s\) \['date'\].*published"):
        given_meta({"date": "2017-04-13"})


def test_gold_with_a_bad_published_date_is_refused():
    with pytest.raises(ValueError, match="not a date"):
        Document.model_validate({"doc_id": "x", "meta": {"published": "April 2017"}})


def test_extractor_meta_is_checked_and_a_date_object_resolves(extractor):
    with pytest.raises(ValueError, match="unknown key"):
        extractor(NOTE, meta={"date": "2017-04-13"})
    with pytest.raises(ValueError, match="not a date"):
        extractor(NOTE, meta={"published": "yesterday"})
    document = extractor(NOTE, meta={"published": datetime.date(2017, 4, 13)})
    assert document.meta.published == "2017-04-13"
    dates = [m.value for m in document.mentions if m.label == "DATE"]
    assert dates == ["2017-03"]


def test_pipe_refuses_a_single_string(extractor):
    with pytest.raises(TypeError, match="not one text"):
        extractor.pipe("Exports rose 5% in May.")
    with pytest.raises(TypeError, match="item 1"):
        list(extractor.pipe(["Exports rose 5%.", 42]))
