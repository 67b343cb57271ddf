"""Build the .docx and .pdf test documents from their specs in data/documents/*.json.

The PDF is written by hand: one Type0 font with Identity-H encoding whose character codes are
the Unicode code points, and a ToUnicode map, so that the text layer reads back as Vietnamese
without embedding a font file (no network, no font on disk). Text items at the same height
share a line, as a PDF's two-column header and signature block do.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"


def load_spec(name: str) -> dict[str, Any]:
    """A spec from data/documents or data/heldout."""
    for folder in ("documents", "heldout"):
        path = DATA / folder / name
        if path.is_file():
            spec: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return spec
    raise FileNotFoundError(name)


def build_docx(spec: dict[str, Any], path: Path) -> Path:
    """A .docx with the spec's paragraphs ({"p", "bold", "style"}; "\n" is a line break) and
    tables ({"table": rows of cells, a cell being a list of paragraphs})."""
    import docx

    document = docx.Document()
    for block in spec["blocks"]:
        if "p" in block:
            paragraph = document.add_paragraph(style=block.get("style"))
            run = paragraph.add_run(block["p"])
            run.bold = bool(block.get("bold"))
            continue
        rows = block["table"]
        table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
        for row, cells in zip(table.rows, rows, strict=False):
            for cell, paragraphs in zip(row.cells, cells, strict=False):
                cell.paragraphs[0].text = paragraphs[0] if paragraphs else ""
                for text in paragraphs[1:]:
                    cell.add_paragraph(text)
    document.save(str(path))
    return path


def _hex(text: str) -> str:
    return "".join(f"{ord(ch):04X}" for ch in text)


def _to_unicode(characters: set[str]) -> bytes:
    codes = sorted(ord(ch) for ch in characters)
    chunks = [codes[index : index + 100] for index in range(0, len(codes), 100)]
    body = "".join(
        f"{len(chunk)} beginbfchar\n"
        + "".join(f"<{code:04X}> <{code:04X}>\n" for code in chunk)
        + "endbfchar\n"
        for chunk in chunks
    )
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"{body}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode("ascii")


def build_pdf(spec: dict[str, Any], path: Path) -> Path:
    """A PDF whose pages hold the spec's [x, y, text] items in 11 pt type."""
    pages: list[list[list[Any]]] = spec["pages"]
    characters = {ch for page in pages for _, _, text in page for ch in text}
    objects: list[bytes] = []

    def add(content: bytes) -> int:
        objects.append(content)
        return len(objects)

    def stream(data: bytes) -> bytes:
        return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"

    catalog = add(b"")  # filled in below
    pages_id = add(b"")
    to_unicode = add(stream(_to_unicode(characters)))
    descendant = add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TimesNewRoman "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/DW 500 /CIDToGIDMap /Identity >>"
    )
    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /TimesNewRoman /Encoding /Identity-H "
        b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (descendant, to_unicode)
    )
    page_ids: list[int] = []
    for page in pages:
        commands = "".join(f"BT /F1 11 Tf {x} {y} Td <{_hex(text)}> Tj ET\n" for x, y, text in page)
        content = add(stream(commands.encode("ascii")))
        page_ids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                % (pages_id, font, content)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    kids = " ".join(f"{page_id} 0 R" for page_id in page_ids).encode("ascii")
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))

    output = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: list[int] = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    path.write_bytes(bytes(output))
    return path


def build(name: str, directory: Path) -> Path:
    """Build data/documents/<name> (a ".docx.json" or ".pdf.json" spec) into ``directory``."""
    spec = load_spec(name)
    target = directory / name.removesuffix(".json")
    if name.endswith(".docx.json"):
        return build_docx(spec, target)
    if name.endswith(".pdf.json"):
        return build_pdf(spec, target)
    raise ValueError(f"no builder for {name}")
