"""Every annotated document parses to its hand-written annotation; the accuracy thresholds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cchc.ingest import parse_file
from cchc.ingest.evaluate import METADATA_FIELDS, Annotation, GroupScore, load_annotations, score

ANNOTATIONS = load_annotations()
_PARSED: dict[str, dict[str, Any]] = {}  # each document is parsed once for all the tests


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("built")


def _parsed(annotation: Annotation, workdir: Path) -> dict[str, Any]:
    if annotation.name not in _PARSED:
        path = annotation.path(workdir)
        if path is None:
            pytest.skip(f"sample report {annotation.source} not found (set CCHC_SAMPLES_DIR)")
        _PARSED[annotation.name] = parse_file(path)
    result = _PARSED[annotation.name]
    assert "error" not in result, result.get("error")
    return result


_PARTS = ("number", "year", "issuer", "drafting_unit")


def _reference_view(reference: dict[str, Any], parts: bool = True) -> tuple[object, ...]:
    """What an annotation says of a reference; a layout's annotation leaves out the parts
    (number, year, issuer, unit), compared then on symbol, type, date and mentions only."""
    mentions = reference["mentions"]
    return (
        reference["symbol"].casefold(),
        reference["type"],
        *((_fold(reference[part]) for part in _PARTS) if parts else ()),
        reference["date"],
        reference["date_text"],
        mentions if isinstance(mentions, int) else len(mentions),
    )


def _fold(value: object) -> object:
    return (value or "").casefold() if isinstance(value, str | None) else value


@pytest.mark.parametrize("annotation", ANNOTATIONS, ids=lambda annotation: annotation.name)
def test_the_metadata_of_each_annotated_document_is_read_exactly(
    annotation: Annotation, workdir: Path
) -> None:
    document = _parsed(annotation, workdir)["document"]
    assert {key: document[key] for key in METADATA_FIELDS} == annotation.expected["document"]


@pytest.mark.parametrize("annotation", ANNOTATIONS, ids=lambda annotation: annotation.name)
def test_the_references_of_each_annotated_document_are_found_with_type_and_date(
    annotation: Annotation, workdir: Path
) -> None:
    references = _parsed(annotation, workdir)["references"]
    expected = annotation.expected["references"]
    parts = all("number" in reference for reference in expected)
    assert sorted(_reference_view(r, parts) for r in references) == sorted(
        _reference_view(r, parts) for r in expected
    )


@pytest.mark.parametrize("annotation", ANNOTATIONS, ids=lambda annotation: annotation.name)
def test_the_outline_of_each_annotated_document_is_read(
    annotation: Annotation, workdir: Path
) -> None:
    if "sections" not in annotation.expected:
        pytest.skip("a layout of data/layouts: metadata and references only")
    assert _parsed(annotation, workdir)["sections"] == annotation.expected["sections"]


@pytest.fixture(scope="module")
def groups() -> dict[str, GroupScore]:
    return score(ANNOTATIONS)


@pytest.mark.parametrize("group", sorted({annotation.group for annotation in ANNOTATIONS}))
def test_each_group_meets_the_accuracy_targets(group: str, groups: dict[str, GroupScore]) -> None:
    result = groups[group]
    if result.documents == 0:
        pytest.skip(f"no document of group {group} available")
    assert not result.errors
    assert result.references[2] >= 0.98
    assert result.ref_type_right == result.ref_tp
    for name in METADATA_FIELDS:
        assert result.field_rate(name) >= 0.95, name
    figure_f1 = GroupScore.prf(result.figure_tp, result.figure_fp, result.figure_fn)[2]
    assert figure_f1 >= 0.9


def test_the_evaluation_report_prints_scores_per_group(groups: dict[str, GroupScore]) -> None:
    from cchc.ingest.evaluate import _report

    out = _report(groups, verbose=True)
    assert "references: precision" in out and "metadata exact match" in out
