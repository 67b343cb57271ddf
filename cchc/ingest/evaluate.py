"""Score the parser against hand-made annotations: ``python -m cchc.ingest.evaluate``.

Annotations live in cchc/ingest/tests/data/expected/*.json, one per document, in two groups:
"samples" (the real reports in the shared samples directory, read from there, never copied)
and "own" (documents written for the tests in other layouts, in tests/data/documents; the .docx
and .pdf ones are built from a spec by cchc.ingest.tests.builders). Each document is read
through parse_file, the way the CLI reads it.

Printed per group: precision, recall and F1 of the references (an entry is its symbol, case
folded, and its date, or the date as written when impossible), with how many matched entries
have the right type, the right parts (number, year, issuer, unit) and the right number of
mentions; exact-match rates per metadata field; the outline (headings as level, number, title)
and the figures mapped to an indicator (indicator, value) as precision/recall.

The samples directory is ../shared/samples beside the repository, or $CCHC_SAMPLES_DIR.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Annotation", "GroupScore", "load_annotations", "main", "samples_dir", "score"]

_PACKAGE = Path(__file__).resolve().parent
_REPO_ROOT = _PACKAGE.parents[1]
DATA = _PACKAGE / "tests" / "data"
METADATA_FIELDS = (
    "doc_type", "symbol", "place", "date", "subject", "authority", "signer_title", "signer",
    "recipients",
)  # fmt: skip


def samples_dir() -> Path:
    """Where the real sample reports are: $CCHC_SAMPLES_DIR or ../shared/samples."""
    configured = os.environ.get("CCHC_SAMPLES_DIR")
    if configured:
        return Path(configured)
    return (_REPO_ROOT / ".." / "shared" / "samples").resolve()


@dataclass
class Annotation:
    name: str
    source: str
    group: str
    expected: dict[str, Any]

    def path(self, workdir: Path) -> Path | None:
        """The file to parse, or None when it is not available (samples directory absent)."""
        kind, _, name = self.source.partition("/")
        if kind == "samples":
            path = samples_dir() / name
            return path if path.is_file() else None
        if kind in ("documents", "heldout"):
            return DATA / kind / name
        if kind == "build":
            from cchc.ingest.tests.builders import build

            return build(name, workdir)
        if kind == "layout":  # "layout/<spec>.json:<format>"
            from cchc.ingest.tests.layouts import build as build_layout

            spec, _, fmt = name.partition(":")
            return build_layout(spec, fmt, workdir)
        raise ValueError(f"unknown source {self.source!r} in {self.name}")


def load_annotations(directory: Path | None = None) -> list[Annotation]:
    """The annotated documents, and each layout of data/layouts in each of its formats."""
    annotations = []
    for path in sorted((directory or DATA / "expected").glob("*.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        annotations.append(Annotation(path.stem, expected["source"], expected["group"], expected))
    if directory is None:
        annotations.extend(layout_annotations())
    return annotations


def layout_annotations() -> list[Annotation]:
    """data/layouts/*.json: one annotation per spec and format ("<spec>:txt", …); their group
    is the spec's (default "layouts")."""
    from cchc.ingest.tests.layouts import formats_of, layout_names, load_layout

    annotations = []
    for name in layout_names():
        spec = load_layout(name)
        expected = {**spec["expected"], "group": spec.get("group", "layouts")}
        for fmt in formats_of(spec):
            source = f"layout/{name}:{fmt}"
            label = f"{name.removesuffix('.json')}:{fmt}"
            annotations.append(Annotation(label, source, expected["group"], expected))
    return annotations


def _squash(value: object) -> object:
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_squash(item) for item in value]
    return value


def _reference_key(reference: dict[str, Any]) -> tuple[str, str | None]:
    return str(reference["symbol"]).casefold(), reference["date"] or reference["date_text"]


def _fold(value: object) -> object:
    return value.casefold() if isinstance(value, str) else value


@dataclass
class GroupScore:
    group: str
    documents: int = 0
    skipped: list[str] = field(default_factory=list)
    ref_tp: int = 0
    ref_fp: int = 0
    ref_fn: int = 0
    ref_type_right: int = 0
    ref_parts_right: int = 0
    ref_mentions_right: int = 0
    field_right: Counter[str] = field(default_factory=Counter)
    section_tp: int = 0
    section_fp: int = 0
    section_fn: int = 0
    outlines_exact: int = 0
    figure_tp: int = 0
    figure_fp: int = 0
    figure_fn: int = 0
    errors: list[str] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)
    # Layouts read from .txt, .docx and PDF: how many give the same metadata and references.
    layouts: int = 0
    layouts_agreeing: int = 0

    @staticmethod
    def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    @property
    def references(self) -> tuple[float, float, float]:
        return self.prf(self.ref_tp, self.ref_fp, self.ref_fn)

    def field_rate(self, name: str) -> float:
        return self.field_right[name] / self.documents if self.documents else 1.0

    @property
    def metadata_rate(self) -> float:
        total = self.documents * len(METADATA_FIELDS)
        return sum(self.field_right.values()) / total if total else 1.0


def _score_document(
    score: GroupScore, name: str, got: dict[str, Any], want: dict[str, Any]
) -> None:
    score.documents += 1
    document = got["document"]
    for key in METADATA_FIELDS:
        mine, theirs = _squash(document.get(key)), _squash(want["document"].get(key))
        if key == "symbol":
            mine, theirs = _fold(mine), _fold(theirs)
        if mine == theirs:
            score.field_right[key] += 1
        else:
            score.differences.append(f"{name}: {key}: {mine!r} ≠ {theirs!r}")

    got_refs = {_reference_key(reference): reference for reference in got["references"]}
    want_refs = {_reference_key(reference): reference for reference in want["references"]}
    for extra in got_refs.keys() - want_refs.keys():
        score.ref_fp += 1
        score.differences.append(f"{name}: reference not expected: {extra}")
    for missed in want_refs.keys() - got_refs.keys():
        score.ref_fn += 1
        score.differences.append(f"{name}: reference missed: {missed}")
    for ref_key in got_refs.keys() & want_refs.keys():
        mine_ref, their_ref = got_refs[ref_key], want_refs[ref_key]
        score.ref_tp += 1
        if mine_ref["type"] == their_ref["type"]:
            score.ref_type_right += 1
        else:
            score.differences.append(
                f"{name}: {ref_key}: type {mine_ref['type']!r} ≠ {their_ref['type']!r}"
            )
        parts = tuple(
            part
            for part in ("number", "year", "issuer", "drafting_unit", "date_text")
            if part in their_ref
        )
        if all(_fold(mine_ref[part]) == _fold(their_ref[part]) for part in parts):
            score.ref_parts_right += 1
        else:
            wrong = [part for part in parts if _fold(mine_ref[part]) != _fold(their_ref[part])]
            score.differences.append(f"{name}: {ref_key}: parts differ: {wrong}")
        if len(mine_ref["mentions"]) == their_ref["mentions"]:
            score.ref_mentions_right += 1
        else:
            score.differences.append(
                f"{name}: {ref_key}: {len(mine_ref['mentions'])} mentions ≠ {their_ref['mentions']}"
            )

    def section_items(sections: list[dict[str, Any]]) -> Counter[tuple[object, ...]]:
        return Counter((item["level"], item["number"], _squash(item["title"])) for item in sections)

    if "sections" not in want:  # a layout: metadata and references only
        return
    got_sections, want_sections = section_items(got["sections"]), section_items(want["sections"])
    score.section_tp += sum((got_sections & want_sections).values())
    score.section_fp += sum((got_sections - want_sections).values())
    score.section_fn += sum((want_sections - got_sections).values())
    if got_sections == want_sections:
        score.outlines_exact += 1
    for item in got_sections - want_sections:
        score.differences.append(f"{name}: heading not expected: {item}")
    for item in want_sections - got_sections:
        score.differences.append(f"{name}: heading missed: {item}")

    got_figures = Counter(
        (item["indicator"], item["value"]) for item in got["figures"] if item["indicator"]
    )
    want_figures = Counter((item["indicator"], item["value"]) for item in want["figures"])
    score.figure_tp += sum((got_figures & want_figures).values())
    score.figure_fp += sum((got_figures - want_figures).values())
    score.figure_fn += sum((want_figures - got_figures).values())
    for item in got_figures - want_figures:
        score.differences.append(f"{name}: figure not expected: {item}")
    for item in want_figures - got_figures:
        score.differences.append(f"{name}: figure missed: {item}")


def score(annotations: Sequence[Annotation]) -> dict[str, GroupScore]:
    """Parse every annotated document and score it, by group."""
    from cchc.ingest import parse_file

    groups: dict[str, GroupScore] = {}
    readings: dict[str, tuple[GroupScore, list[tuple[str, dict[str, Any]]]]] = {}
    with tempfile.TemporaryDirectory(prefix="cchc-ingest-eval-") as workdir:
        for annotation in annotations:
            group = groups.setdefault(annotation.group, GroupScore(annotation.group))
            path = annotation.path(Path(workdir))
            if path is None:
                group.skipped.append(annotation.name)
                continue
            result = parse_file(path)
            if annotation.source.startswith("layout/"):
                spec = annotation.source.partition(":")[0]
                readings.setdefault(spec, (group, []))[1].append((annotation.name, result))
            if "error" in result:
                group.errors.append(f"{annotation.name}: {result['error']}")
                group.documents += 1
                group.ref_fn += len(annotation.expected["references"])
                continue
            _score_document(group, annotation.name, result, annotation.expected)
    for group, results in readings.values():
        if len(results) < 2:
            continue
        group.layouts += 1
        first_name, first = results[0]
        different = [name for name, result in results[1:] if _reading(result) != _reading(first)]
        if different:
            group.differences.append(f"{', '.join(different)} ≠ {first_name}")
        else:
            group.layouts_agreeing += 1
    return groups


def _reading(result: dict[str, Any]) -> object:
    """What must not depend on the format: the metadata and the references."""
    if "error" in result:
        return result["error"]
    document = {key: _squash(result["document"].get(key)) for key in METADATA_FIELDS}
    references = sorted(
        (*_reference_key(ref), ref["type"], len(ref["mentions"])) for ref in result["references"]
    )
    return document, references


def _report(groups: dict[str, GroupScore], verbose: bool) -> str:
    lines: list[str] = []
    titles = {
        "samples": "Báo cáo mẫu (samples)",
        "own": "Văn bản tự soạn (own)",
        "layouts": "Văn bản mới, mỗi văn bản ở dạng .txt, .docx và PDF (layouts)",
    }
    for name in sorted(groups, key=lambda group: (group != "samples", group)):
        group = groups[name]
        lines.append(f"== {titles.get(name, name)}: {group.documents} văn bản")
        if group.skipped:
            lines.append(f"   bỏ qua (không có tệp): {', '.join(group.skipped)}")
        for error in group.errors:
            lines.append(f"   LỖI {error}")
        precision, recall, f1 = group.references
        matched = group.ref_tp
        lines.append(
            f"   references: precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}"
            f"  (đúng {group.ref_tp}, thừa {group.ref_fp}, thiếu {group.ref_fn})"
        )
        lines.append(
            f"     type right {group.ref_type_right}/{matched}, number/year/issuer/unit/date"
            f" right {group.ref_parts_right}/{matched}, mention count right"
            f" {group.ref_mentions_right}/{matched}"
        )
        lines.append("   metadata exact match:")
        for field_name in METADATA_FIELDS:
            right = group.field_right[field_name]
            lines.append(
                f"     {field_name:<13} {right:>3}/{group.documents:<3}"
                f" {100 * group.field_rate(field_name):6.1f} %"
            )
        lines.append(f"     {'all fields':<13} {100 * group.metadata_rate:14.1f} %")
        sp, sr, sf = group.prf(group.section_tp, group.section_fp, group.section_fn)
        lines.append(
            f"   sections: precision {sp:.3f}  recall {sr:.3f}  F1 {sf:.3f}"
            f"  (outline exact in {group.outlines_exact}/{group.documents} documents)"
        )
        if group.layouts:
            lines.append(
                f"   .txt/.docx/PDF agree: {group.layouts_agreeing}/{group.layouts} văn bản"
            )
        fp_, fr, ff = group.prf(group.figure_tp, group.figure_fp, group.figure_fn)
        lines.append(
            f"   figures mapped to an indicator: precision {fp_:.3f}  recall {fr:.3f}"
            f"  F1 {ff:.3f}  (đúng {group.figure_tp}, thừa {group.figure_fp},"
            f" thiếu {group.figure_fn})"
        )
        if verbose and group.differences:
            lines.append("   differences:")
            lines.extend(f"     - {difference}" for difference in group.differences)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cchc.ingest.evaluate",
        description="Đánh giá bộ đọc văn bản trên các văn bản đã chú giải.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="liệt kê các chỗ sai")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    arguments = parser.parse_args(argv)
    groups = score(load_annotations())
    if arguments.json:
        payload = {
            name: {
                "documents": group.documents,
                "skipped": group.skipped,
                "references": dict(
                    zip(("precision", "recall", "f1"), group.references, strict=True)
                ),
                "reference_type_right": group.ref_type_right,
                "reference_matched": group.ref_tp,
                "metadata": {key: group.field_rate(key) for key in METADATA_FIELDS},
                "metadata_all": group.metadata_rate,
                "layouts": group.layouts,
                "layouts_agreeing": group.layouts_agreeing,
                "differences": group.differences,
            }
            for name, group in groups.items()
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(_report(groups, arguments.verbose) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
