"""The clean stage on the three real seed reports (read at run time, never copied)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.clean import Cleaner, clean_documents
from newsdesk.clean.text import ends_sentence, normalize
from newsdesk.records import CleanedText, RawDocument

# Removal reasons allowed to take a line that ends a sentence (explicit patterns only).
SENTENCE_REASONS = {"caption", "contributor-credit", "author-bio", "email-obfuscation", "sign-off"}


def _seed(seeds_dir: Path, prefix: str) -> str:
    (path,) = seeds_dir.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _split_title(raw: str, title_index: int) -> RawDocument:
    """Title = the ``title_index``-th non-empty line; text = every other line."""
    lines = raw.split("\n")
    nonempty = [i for i, line in enumerate(lines) if line.strip()]
    at = nonempty[title_index]
    text = "\n".join(lines[:at] + lines[at + 1 :])
    return RawDocument(
        source=f"seed#{title_index}", format="txt", text=text, title=lines[at].strip()
    )


@pytest.fixture(scope="module")
def docs(seeds_dir: Path) -> dict[str, RawDocument]:
    return {
        "000": _split_title(_seed(seeds_dir, "000"), 0),
        "001": _split_title(_seed(seeds_dir, "001"), 1),
        "004": _split_title(_seed(seeds_dir, "004"), 0),
    }


@pytest.fixture(scope="module")
def cleaned(docs: dict[str, RawDocument]) -> dict[str, CleanedText]:
    return {key: Cleaner().clean(doc) for key, doc in docs.items()}


def _paragraphs(result: CleanedText) -> list[str]:
    return result.text.split("\n\n")


GONE = {
    "000": ["Share this article", "Close Button", "ADVERTISEMENT", "Copyright", "Naughtie",
            "Ryazan", "You might also like", "propaganda film", "Orlov", "Crocus"],
    "001": ["date 2024", "loading", "(ahm)"],
    "004": ["OVER 200 UKRAINIAN", "CUBAN GOVERNMENT UNCOVERS", "Putin sitting",
            "accidentally bomb", "AP Photo", "Getty Images", "APTN", "POOL", "Goznak", "Abu Dhabi",
            "destroyed apartment",
            "contributed to this report", "is a writer for", "Twitter", "spambots", "Authored by"],
}  # fmt: skip
KEPT = {
    "000": ["increasingly reliant on foreign supplies", "right to apply for Russian citizenship",
            "TASS reports", "300,000-odd troops", '"special military operation"',
            "Ukrainian counteroffensive", "Wagner mercenary group", "Donetsk and Luhansk",
            "hard drug abuse"],
    "001": ["MOSCOW – President Vladimir Putin", "at least one year",
            "Wagner mercenary organization",
            "aimed at creating additional incentives", "Cubans who enlisted",
            "315,000 Russian troops", "Second World War", "voluntary contracts",
            "450,000-500,000"],
    "004": ["foreign combatants' spouses", "approved an order that will grant citizenship",
            "at least one year will be eligible", "[one-year] contract",
            "Citizenship benefits would extend", "increasing priority", "315,000 Russian troops",
            "360,000 troops", "T-62 tanks", "field combatants", "human trafficking network being",
            "has been dismantled", "firm and clear historical position"],
}  # fmt: skip


@pytest.mark.parametrize("key", sorted(GONE))
def test_seed_debris_is_gone(cleaned: dict[str, CleanedText], key: str) -> None:
    for snippet in GONE[key]:
        assert snippet not in cleaned[key].text, snippet


@pytest.mark.parametrize("key", sorted(KEPT))
def test_seed_body_sentences_are_kept(cleaned: dict[str, CleanedText], key: str) -> None:
    for snippet in KEPT[key]:
        assert snippet in cleaned[key].text, snippet


def test_seed_alt_lines_are_gone_as_whole_paragraphs(cleaned: dict[str, CleanedText]) -> None:
    paragraphs = _paragraphs(cleaned["004"])
    assert "Russian passport" not in paragraphs
    assert "Emergency workers" not in paragraphs


def test_seed_dek_is_kept_first(cleaned: dict[str, CleanedText]) -> None:
    assert _paragraphs(cleaned["004"])[0].startswith("Russian citizenship benefits")


def test_seed_removal_reasons(cleaned: dict[str, CleanedText]) -> None:
    reasons = {key: {r.reason for r in result.removed} for key, result in cleaned.items()}
    assert {"caption", "photo-credit", "byline", "share-widget", "advertisement"} <= reasons["000"]
    assert {"related-list"} <= reasons["000"]
    assert {"dateline", "sign-off"} <= reasons["001"]
    assert {"caption", "promo-headline", "image-alt", "contributor-credit"} <= reasons["004"]
    assert {"author-bio", "sign-off"} <= reasons["004"]


def test_seed_bio_removal_covers_its_inline_obfuscation(cleaned: dict[str, CleanedText]) -> None:
    (bio,) = [r for r in cleaned["004"].removed if "spambots" in r.text]
    assert bio.reason == "author-bio"


def test_seed_removal_offsets_are_exact(
    docs: dict[str, RawDocument], cleaned: dict[str, CleanedText]
) -> None:
    for key, result in cleaned.items():
        for r in result.removed:
            assert docs[key].text[r.start : r.end] == r.text


def test_seed_sentences_removed_only_by_explicit_patterns(cleaned: dict[str, CleanedText]) -> None:
    for result in cleaned.values():
        for r in result.removed:
            if ends_sentence(r.text) and len(r.text.split()) >= 4:
                assert r.reason in SENTENCE_REASONS, r


def test_seed_whole_file_as_body_removes_caption_and_dateline(seeds_dir: Path) -> None:
    doc = RawDocument(source="001", format="txt", text=_seed(seeds_dir, "001"))
    result = Cleaner().clean(doc)
    assert "Photo/Reuters" not in result.text
    assert not result.text.startswith("date")
    assert result.text.startswith("MOSCOW")


def test_seed_batch_matches_single_cleaning(
    docs: dict[str, RawDocument], cleaned: dict[str, CleanedText]
) -> None:
    batch = clean_documents([docs[k] for k in sorted(docs)])
    assert [b.text for b in batch] == [cleaned[k].text for k in sorted(docs)]


def test_seed_cleaned_text_is_normalised(cleaned: dict[str, CleanedText]) -> None:
    for result in cleaned.values():
        for para in _paragraphs(result):
            assert para == normalize(para) and para
