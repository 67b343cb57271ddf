"""Document ingest: read a report (.docx, .pdf, .txt, .md) and parse what it says.

Public API (plain Python, no Django):

- ``parse_text(text) -> ParsedDocument``: metadata, outline, cited documents, figures;
- ``parse_file(path, max_bytes=MAX_FILE_BYTES) -> dict``: the JSON form with "file", or
  {"file", "error"} with a Vietnamese message when the file is refused. Never raises.

The modules are imported on first use so that the PDF child process (cchc.ingest.pdftext)
starts quickly.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cchc.ingest.model import ParsedDocument

__all__ = ["MAX_FILE_BYTES", "parse_file", "parse_text"]

MAX_FILE_BYTES = 20 * 1024 * 1024  # the default size limit of a file; callers may pass their own


def parse_text(text: str) -> ParsedDocument:
    """Parse the text of one document (see cchc.ingest.core)."""
    from cchc.ingest.core import parse_text as parse

    return parse(text)


def parse_file(path: str | Path, max_bytes: int = MAX_FILE_BYTES) -> dict[str, object]:
    """Read and parse one file; see the module docstring."""
    from cchc.ingest.core import parse_path

    return parse_path(Path(path), max_bytes)
