"""One document written three ways: the .txt a converter gives, the .docx an office writes
(header and signature in two-column tables) and a PDF with a text layer (both columns on the
same lines, long paragraphs broken where the page ends them), from one layout spec in
data/layouts/*.json:

    {"header": {"left": [...], "right": [...]},   the two columns of the header
     "title": [...], "body": [...],               lines; "" separates paragraphs
     "recipients": [...], "signature": [...],     the two columns of the closing block
     "annex": [...],                              lines after the signature (optional)
     "expected": {...}}                           see evaluate.py

The .txt lays the columns out one after the other, as most converters do; a spec may give
"txt" instead: the text exactly as a converter (or an OCR) produced it, for the failures that
only a text shows. The PDF goes through the project's bounded PDF reader like any upload.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

from cchc.ingest.tests.builders import build_pdf

LAYOUTS = Path(__file__).parent / "data" / "layouts"
FORMATS = ("txt", "docx", "pdf")
PDF_WIDTH = 88  # characters on a PDF line of body text, 11 pt on A4


def load_layout(name: str) -> dict[str, Any]:
    spec: dict[str, Any] = json.loads((LAYOUTS / name).read_text(encoding="utf-8"))
    return spec


def layout_names() -> list[str]:
    return sorted(path.name for path in LAYOUTS.glob("*.json"))


def _columns(left: list[str], right: list[str]) -> list[str]:
    return [*left, "", *right]


def render_txt(spec: dict[str, Any]) -> str:
    if "txt" in spec:
        return "\n".join(spec["txt"]) + "\n"
    lines = _columns(spec["header"]["left"], spec["header"]["right"])
    lines += ["", *spec["title"], "", *spec["body"], ""]
    lines += _columns(spec["recipients"], spec["signature"])
    if spec.get("annex"):
        lines += ["", *spec["annex"]]
    return "\n".join(lines) + "\n"


def build_docx(spec: dict[str, Any], path: Path) -> Path:
    """Header and closing as one-row, two-column tables, a paragraph a line in each cell."""
    import docx

    document = docx.Document()

    def two_columns(left: list[str], right: list[str]) -> None:
        table = document.add_table(rows=1, cols=2)
        for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
            cell.paragraphs[0].text = lines[0] if lines else ""
            for line in lines[1:]:
                cell.add_paragraph(line)

    two_columns(spec["header"]["left"], spec["header"]["right"])
    for line in [*spec["title"], *_paragraphs(spec["body"])]:
        document.add_paragraph(line)
    two_columns(spec["recipients"], spec["signature"])
    for line in _paragraphs(spec.get("annex") or []):
        document.add_paragraph(line)
    document.save(str(path))
    return path


def _paragraphs(lines: list[str]) -> list[str]:
    """Lines joined into paragraphs where the spec separates them with ""."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs


def build_layout_pdf(spec: dict[str, Any], path: Path) -> Path:
    """Columns side by side at the same heights; paragraphs wrapped at PDF_WIDTH characters."""
    rows: list[list[tuple[int, str]]] = []  # the (x, text) items of each line

    def side_by_side(left: list[str], right: list[str]) -> None:
        for index in range(max(len(left), len(right))):
            row = []
            if index < len(left) and left[index]:
                row.append((60, left[index]))
            if index < len(right) and right[index]:
                row.append((310, right[index]))
            rows.append(row)

    side_by_side(spec["header"]["left"], spec["header"]["right"])
    rows.append([])
    for line in spec["title"]:
        rows.append([(200, line)])
    for paragraph in _paragraphs(spec["body"]):
        for piece in textwrap.wrap(paragraph, PDF_WIDTH, break_on_hyphens=False):
            rows.append([(60, piece)])
    rows.append([])
    side_by_side(spec["recipients"], spec["signature"])
    for paragraph in _paragraphs(spec.get("annex") or []):
        for piece in textwrap.wrap(paragraph, PDF_WIDTH, break_on_hyphens=False):
            rows.append([(60, piece)])
    pages: list[list[list[Any]]] = [[]]
    y = 800
    for row in rows:
        if y < 60:
            pages.append([])
            y = 800
        pages[-1].extend([x, y, text] for x, text in row)
        y -= 14
    return build_pdf({"pages": pages}, path)


def build(name: str, fmt: str, directory: Path) -> Path:
    """data/layouts/<name> as a file of format ``fmt`` in ``directory``."""
    spec = load_layout(name)
    stem = directory / name.removesuffix(".json")
    if fmt == "txt":
        path = stem.with_suffix(".txt")
        path.write_text(render_txt(spec), encoding="utf-8")
        return path
    if fmt == "docx":
        return build_docx(spec, stem.with_suffix(".docx"))
    if fmt == "pdf":
        return build_layout_pdf(spec, stem.with_suffix(".pdf"))
    raise ValueError(fmt)


def formats_of(spec: dict[str, Any]) -> tuple[str, ...]:
    """A spec written as a raw text exists only as that text."""
    return ("txt",) if "txt" in spec else FORMATS
