"""The CLI says what it did: no silent outcome, a version, a user's --help, clean pipes."""

import json
import os
import stat
import subprocess
import sys

import pytest

import textfacts
from textfacts.cli import main
from textfacts.resources import model_dir

UNDATED = "Customs said exports of seafood rose 6% in March, and imports fell 2% in May.\n"
DATED = "BEIJING, June 3, 2021 -- Customs said exports of seafood rose 6% in March.\n"


def _folder(tmp_path, **files):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, content in files.items():
        path = folder / name.replace("__", ".")
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def test_unresolved_dates_give_a_hint(tmp_path, capsys):
    folder = _folder(tmp_path, a__txt=UNDATED, b__txt=DATED)
    assert main(["extract", str(folder), "-o", str(tmp_path / "out.jsonl"), "-q"]) == 0
    printed = capsys.readouterr().out
    assert "2 dates unresolved in 1 documents" in printed and "--manifest" in printed


def test_with_a_manifest_the_hint_asks_for_dates_in_it(tmp_path, capsys):
    folder = _folder(tmp_path, a__txt=UNDATED)
    manifest = tmp_path / "m.csv"
    manifest.write_text("doc_id,outlet\na,Xinhua\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(folder), "-o", str(out), "-q", "--manifest", str(manifest)]) == 0
    assert "give their published dates in the manifest" in capsys.readouterr().out


def test_no_hint_when_every_date_resolves(tmp_path, capsys):
    folder = _folder(tmp_path, b__txt=DATED)
    assert main(["extract", str(folder), "-o", str(tmp_path / "out.jsonl"), "-q"]) == 0
    assert "unresolved" not in capsys.readouterr().out


def test_an_empty_folder_says_so(tmp_path, capsys):
    folder = _folder(tmp_path)
    assert main(["extract", str(folder), "-q"]) == 2
    assert "no documents to read" in capsys.readouterr().err


def test_files_of_types_not_read_are_listed(tmp_path, capsys):
    folder = _folder(tmp_path, a__txt=DATED, chart__png=b"\x89PNG\r\n", data__xlsx=b"PK\x03\x04")
    assert main(["extract", str(folder), "-o", str(tmp_path / "out.jsonl"), "-q"]) == 0
    printed = capsys.readouterr().out
    assert "skipped 2 file(s) of types not read (.png .xlsx)" in printed
    assert "chart.png" in printed and "data.xlsx" in printed


def test_csv_format_is_inferred_from_the_output_name(tmp_path):
    folder = _folder(tmp_path, a__txt=DATED)
    out = tmp_path / "facts.csv"
    assert main(["extract", str(folder), "-o", str(out), "-q"]) == 0
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("doc_id,kind,id,label")


def test_output_into_a_missing_folder_names_the_folder(tmp_path, capsys):
    folder = _folder(tmp_path, a__txt=DATED)
    out = tmp_path / "nowhere" / "out.jsonl"
    assert main(["extract", str(folder), "-o", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert "nowhere" in err and "does not exist" in err and ".partial" not in err


def test_gold_check_on_plain_texts_says_it_found_no_gold(tmp_path, capsys):
    folder = _folder(tmp_path, a__txt=DATED)
    assert main(["gold-check", str(folder)]) == 2
    assert "no gold records" in capsys.readouterr().err


def test_evaluate_explains_a_gold_name_it_cannot_find(tmp_path, capsys):
    assert main(["evaluate", "--gold", str(tmp_path / "corpus" / "gold")]) == 2
    err = capsys.readouterr().err
    assert "gold not found" in err and "--gold PATH" in err


def test_version_names_package_and_model(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    printed = capsys.readouterr().out
    meta = json.loads((model_dir() / "meta.json").read_text(encoding="utf-8"))
    assert textfacts.__version__ in printed and f"{meta['name']} {meta['version']}" in printed


def test_help_opens_for_users(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    opening = capsys.readouterr().out.split("\n\n")[1]
    assert "press" in opening and "parse arguments" not in opening


def test_schema_into_a_closed_pipe_is_quiet():
    # The reader is gone before the first write (as `| head` is once it has its lines).
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "textfacts", "schema"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            check=False,
        )
    finally:
        os.close(write_end)
    err = done.stderr.decode()
    assert done.returncode == 0, err
    assert "Broken pipe" not in err and "Traceback" not in err


def test_resumed_output_and_failures_keep_the_usual_mode(tmp_path):
    folder = _folder(tmp_path, a__txt=DATED, bad__txt=b"\x00\x01\x02\x03binary")
    out = tmp_path / "out.jsonl"
    main(["extract", str(folder), "-o", str(out), "-q"])
    fresh = stat.S_IMODE(out.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    assert fresh == 0o666 & ~umask
    assert stat.S_IMODE((tmp_path / "out.failures.jsonl").stat().st_mode) == fresh
    main(["extract", str(folder), "-o", str(out), "-q", "--resume"])
    assert stat.S_IMODE(out.stat().st_mode) == fresh
