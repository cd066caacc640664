"""iter_documents(): a batch goes on past bad files and bad records."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.errors import InputError
from newsdesk.ingest import PROGRESS_THRESHOLD, iter_documents

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def test_fixture_folder_yields_every_good_record() -> None:
    errors: list[InputError] = []
    docs = list(iter_documents([FIXTURES], on_error=errors.append))
    formats = sorted({d.format for d in docs})
    assert formats == ["feed", "html", "jsonl", "txt"]
    assert len(docs) == 10
    assert len(errors) == 3  # two JSONL lines and one feed entry


def test_bad_files_and_missing_paths_go_to_on_error(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Headline\n\nBody text here.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    errors: list[InputError] = []
    docs = list(iter_documents([tmp_path, tmp_path / "missing"], on_error=errors.append))
    assert [d.title for d in docs] == ["Headline"]
    assert sorted(e.problem.split(":")[0] for e in errors) == [
        "binary",
        "no such file or directory",
    ]


def _many(folder: Path, count: int) -> None:
    for i in range(count):
        (folder / f"{i:03}.txt").write_text(f"Headline {i}\n\nBody {i}.", encoding="utf-8")


@pytest.mark.parametrize(
    ("count", "progress", "shown"),
    [
        (PROGRESS_THRESHOLD + 2, True, True),
        (PROGRESS_THRESHOLD + 2, False, False),
        (PROGRESS_THRESHOLD, True, False),
    ],
)
def test_progress_bar_on_stderr_only_for_big_batches(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    count: int,
    progress: bool,
    shown: bool,
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # make rich draw although stderr is no terminal
    _many(tmp_path, count)
    docs = list(iter_documents([tmp_path], on_error=lambda e: None, progress=progress))
    captured = capsys.readouterr()
    assert len(docs) == count
    assert captured.out == ""
    assert ("Reading" in captured.err) is shown
