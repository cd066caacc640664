"""The README's CLI reference and schema links stay true to the code."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer

from newsdesk.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS: dict[str, Any] = typer.main.get_command(app).commands  # type: ignore[attr-defined]


def _reference_lines() -> dict[str, str]:
    block = README.split("## Command line", 1)[1].split("```", 2)[1]
    lines: dict[str, str] = {}
    current = None
    for line in block.splitlines():
        m = re.match(r"newsdesk (\w+)", line.strip())
        if m:
            current = m.group(1)
            lines[current] = line
        elif current and line.strip().startswith("["):
            lines[current] += " " + line.strip()  # continuation of the usage line
    return lines


def test_every_command_is_documented_and_every_documented_command_exists() -> None:
    assert set(_reference_lines()) == set(COMMANDS)


def test_documented_options_exist() -> None:
    for name, line in _reference_lines().items():
        options = {opt for p in COMMANDS[name].params for opt in p.opts}
        assert set(re.findall(r"--[a-z][a-z-]*", line)) <= options, name


def test_readme_starts_with_the_two_setup_commands() -> None:
    first_block = README.split("```", 2)[1]
    commands = [ln.split("#")[0].strip() for ln in first_block.splitlines()[1:] if ln.strip()]
    assert commands == ["make demo", "make test"]
    after = README.split("```", 2)[2].split("\n\n", 2)[1]
    assert "`make serve`" in after
    assert "\nserve:" in (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_linked_files_exist() -> None:
    for link in re.findall(r"\]\(([^)#]+)\)", README):
        if not link.startswith("http"):
            assert (ROOT / link).exists(), link
