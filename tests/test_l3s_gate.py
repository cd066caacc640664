"""The L3S-GN1 gate on the test part of the fixed split (skips when the data is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.slow
def test_l3s_gate(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not (data_dir / "l3s-gn1-dev" / "annotated").is_dir():
        pytest.skip("L3S-GN1 data not found")
    import bench_l3s

    assert bench_l3s.main(["--gate", "--data", str(data_dir)]) == 0
    assert "gate: pass" in capsys.readouterr().out


def test_split_is_fixed_and_about_sixty_forty() -> None:
    from _l3s import part

    assert part("01f31bbb-9c7d-4703-af51-1ddc7f4b1e38.html") == "dev"
    names = [f"{i:08x}-page.html" for i in range(1000)]
    share = sum(part(n) == "test" for n in names) / len(names)
    assert 0.35 <= share <= 0.45


def test_rendering_splits_blocks_and_labels_lines() -> None:
    from _l3s import render

    html = (
        "<html><head><title>x</title><script>var a;</script></head><body>"
        "<div>Home <a href='/'>News</a></div><p><span class='x-nc-sel1'>Ferry strike</span></p>"
        "<table><tr><td><span class='x-nc-sel2'>Crews walked out.</span></td>"
        "<td><span class='x-nc-sel2'>Talks failed.</span></td></tr></table>"
        "<div class='x-nc-invisible'>hidden</div><p>Tell us<br>what you think</p></body></html>"
    )
    assert render(html) == [
        ("Home News", 0), ("Ferry strike", 1), ("Crews walked out.", 2), ("Talks failed.", 2),
        ("Tell us", 0), ("what you think", 0),
    ]  # fmt: skip


def test_a_line_counts_as_removed_when_half_of_it_is() -> None:
    from _l3s import Page
    from bench_l3s import removed_lines
    from newsdesk.records import CleanedText, Removal

    page = Page("p", (("Ferry strike", 1), ("Crews walked out today.", 2)), Path("p"))
    result = CleanedText("", (Removal("Ferry strike", "x", 0, 12), Removal("Crews", "y", 13, 18)))
    assert removed_lines(page, result) == ["x", None]
