"""parse_text: normalised text → metadata, outline, references, figures (plain Python)."""

from __future__ import annotations

from pathlib import Path

from cchc.ingest.errors import IngestError
from cchc.ingest.extract import MAX_FILE_BYTES, Limits, extract_file
from cchc.ingest.figures import read_figures
from cchc.ingest.metadata import read_metadata
from cchc.ingest.model import ParsedDocument
from cchc.ingest.normalize import normalize
from cchc.ingest.outline import read_outline
from cchc.ingest.references import find_mentions, find_references
from cchc.lib.bounded import BoundExceeded, Bounds, run_bounded
from cchc.lib.vnformat import format_int

__all__ = ["parse_path", "parse_text"]

# Documents whose figures are targets rather than results.
PLAN_TYPES = frozenset(("Kế hoạch", "Chương trình", "Đề án", "Phương án", "Dự án"))
MAX_TEXT_CHARS = 2_000_000  # longer texts are cut (a report is some tens of thousands)


def parse_text(text: str, notices: list[str] | None = None) -> ParsedDocument:
    """Parse the text of one document. Never raises on any string."""
    notices = list(notices or [])
    if len(text) > MAX_TEXT_CHARS:
        text = text[:MAX_TEXT_CHARS]
        notices.append(f"Văn bản quá dài, chỉ đọc {format_int(MAX_TEXT_CHARS)} ký tự đầu.")
    clean = normalize(text)
    mentions = find_mentions(clean)
    meta = read_metadata(clean, mentions)
    references = find_references(clean, mentions, meta.own_span, meta.date)
    body_start, body_end = meta.body_start, meta.body_end
    sections = read_outline(clean, body_start, body_end)
    spans = [(body_start, len(clean) if body_end is None else body_end)]
    if meta.appendix_start is not None:
        spans.append((meta.appendix_start, len(clean)))  # appendices after the signature
    figures = read_figures(clean, spans, plan_document=meta.doc_type in PLAN_TYPES)
    return ParsedDocument(clean, meta, sections, references, figures, notices)


# The whole parse of one file (reading and understanding it) in a child process: the web, the
# jobs and the command line alike (cchc.lib.bounded). A PDF's reader is a child of that child.
BOUNDS = Bounds(memory_bytes=768 * 1024 * 1024, cpu_seconds=12.0, wall_seconds=12.0)
_BOUND_ERRORS = {
    "time": "Không đọc xong tệp trong thời gian cho phép; tệp quá phức tạp hoặc bị hỏng.",
    "memory": "Không đọc được tệp trong giới hạn bộ nhớ cho phép; tệp quá lớn hoặc bị hỏng.",
    "crashed": "Không đọc được tệp (bộ đọc dừng bất thường); tệp có thể bị hỏng.",
}


def parse_path(
    path: Path, max_bytes: int = MAX_FILE_BYTES, bounds: Bounds | None = None
) -> dict[str, object]:
    """{"file", "document", "sections", "references", "figures"} or {"file", "error"}, read
    in a bounded child process (python -m cchc.ingest.child)."""
    name = str(path)
    try:
        result = run_bounded("cchc.ingest.child", [name, str(max_bytes)], bounds or BOUNDS)
    except BoundExceeded as exceeded:
        return {"file": name, "error": _BOUND_ERRORS[exceeded.reason]}
    if not isinstance(result, dict):
        return {"file": name, "error": _BOUND_ERRORS["crashed"]}
    return result


def parse_path_here(path: Path, max_bytes: int = MAX_FILE_BYTES) -> dict[str, object]:
    """What ``parse_path`` gives, read in this process: for the child process only."""
    name = str(path)
    try:
        extracted = extract_file(path, Limits(max_bytes=max_bytes))
        parsed = parse_text(extracted.text, extracted.notices)
    except IngestError as error:
        return {"file": name, "error": str(error)}
    except Exception as error:  # never let one bad file stop a batch
        return {"file": name, "error": f"Lỗi không mong đợi khi đọc tệp ({type(error).__name__})."}
    return {"file": name, **parsed.to_dict()}
