"""Real runs of `textfacts extract` stopped by SIGINT or SIGTERM: clean exit, nothing left behind.

Each run is a subprocess in its own session, so the signal reaches only the run we start.
The signal is sent once the first record is in `OUT.partial`, so it lands mid-run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from textfacts.batch import extract_paths

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc")

# Written for these tests in the genre's style (four figures, three dates, two bodies).
PARAGRAPH = (
    "In the first 10 months of 2026, the General Administration of Customs said imports rose "
    "4.2 percent to 1.6 trillion yuan, while the Ministry of Commerce will expand exports to "
    "320 billion U.S. dollars by December 31 and certify 15,000 firms by March.\n\n"
)
# Seconds a stopped run may take to exit, and to start writing (model load + first group).
EXIT_BOUND = 20.0
START_BOUND = 180.0


def _folder(tmp_path: Path, documents: int) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(documents):
        text = f"Published: 2026-11-{i % 28 + 1:02d}\n\n" + PARAGRAPH * 20
        (folder / f"release{i:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def _start(folder: Path, out: Path, workers: int, *extra: str) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "textfacts",
        "extract",
        str(folder),
        "-o",
        str(out),
        "--workers",
        str(workers),
        *extra,
    ]
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )


def _children(pid: int) -> set[int]:
    """Processes whose parent is `pid` (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_for_first_record(run: subprocess.Popen, partial: Path) -> None:
    deadline = time.monotonic() + START_BOUND
    while time.monotonic() < deadline:
        assert run.poll() is None, run.communicate()
        if partial.exists() and partial.read_bytes().count(b"\n") >= 1:
            return
        time.sleep(0.05)
    run.kill()
    pytest.fail("no record written in time")


def _stop(run: subprocess.Popen, signum: int) -> tuple[float, str]:
    """Send the signal; return seconds until exit and what the run printed to stderr."""
    sent = time.monotonic()
    run.send_signal(signum)
    try:
        _, err = run.communicate(timeout=EXIT_BOUND)
    except subprocess.TimeoutExpired:
        os.killpg(run.pid, signal.SIGKILL)
        _, err = run.communicate()
        pytest.fail(f"run still alive {EXIT_BOUND}s after {signal.Signals(signum).name}:\n{err}")
    return time.monotonic() - sent, err


def test_serial_ctrl_c_keeps_records_and_resume_ends_as_an_uninterrupted_run(tmp_path, extractor):
    folder = _folder(tmp_path, 20)
    out = tmp_path / "out.jsonl"
    partial = tmp_path / "out.jsonl.partial"
    run = _start(folder, out, 1)
    _wait_for_first_record(run, partial)
    seconds, err = _stop(run, signal.SIGINT)
    written = partial.read_text(encoding="utf-8").splitlines()
    assert run.returncode == 128 + signal.SIGINT
    assert "Traceback" not in err
    assert f"interrupted (SIGINT): {len(written)} documents written" in err
    assert 1 <= len(written) < 20
    assert not out.exists()
    assert all(json.loads(line)["doc_id"] for line in written)

    resumed = _start(folder, out, 1, "--resume", "-q")
    printed, err = resumed.communicate(timeout=600)
    assert resumed.returncode == 0, err
    assert f"{len(written)} skipped (resume)" in printed
    clean = tmp_path / "clean.jsonl"
    extract_paths([folder], clean, extractor, progress=False)
    assert out.read_bytes() == clean.read_bytes()
    assert not partial.exists()


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_two_workers_stop_within_seconds_and_leave_no_process(tmp_path, signum):
    folder = _folder(tmp_path, 48)
    out = tmp_path / "out.jsonl"
    partial = tmp_path / "out.jsonl.partial"
    run = _start(folder, out, 2, "-q")
    _wait_for_first_record(run, partial)
    workers = _children(run.pid)
    assert len(workers) >= 2, workers  # the two workers (and the pool's helper, if any)
    seconds, err = _stop(run, signum)
    print(f"{signal.Signals(signum).name}: exited after {seconds:.1f}s")
    assert (run.returncode, "Traceback" in err) == (128 + signum, False), err
    assert "interrupted" in err, err
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)]
    lines = partial.read_text(encoding="utf-8").splitlines()
    assert lines and all(json.loads(line)["doc_id"] for line in lines)
