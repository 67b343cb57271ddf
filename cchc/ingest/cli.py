"""Command line: ``python -m cchc.ingest FILE... [--json] [--max-mb N]``.

With --json, one JSON object per file and per line (see cchc.ingest.parse_file); otherwise a
short summary per file. The exit status is 1 when any file could not be read, else 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cchc.ingest.core import parse_path
from cchc.ingest.extract import MAX_FILE_BYTES

__all__ = ["main"]


def _summary(result: dict[str, Any]) -> str:
    if "error" in result:
        return f"{result['file']}: LỖI – {result['error']}"
    document = result["document"]
    figures = result["figures"]
    mapped = sum(1 for figure in figures if figure["indicator"])
    signature = " ".join(
        part
        for part in (document["authority"], document["signer_title"], document["signer"])
        if part
    )
    return (
        f"{result['file']}: {document['doc_type'] or '?'} {document['symbol'] or '(không số)'}"
        f", {document['place'] or '?'} {document['date'] or '?'}\n"
        f"  Trích yếu: {document['subject'] or '?'}\n"
        f"  Ký: {signature or '?'}\n"
        f"  {len(result['sections'])} đề mục, {len(result['references'])} văn bản viện dẫn, "
        f"{len(figures)} số liệu ({mapped} gắn chỉ tiêu)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cchc.ingest",
        description="Đọc báo cáo (.docx, .pdf, .txt, .md): thông tin văn bản, đề mục, "
        "văn bản viện dẫn, số liệu.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="tệp cần đọc")
    parser.add_argument("--json", action="store_true", help="in một đối tượng JSON mỗi dòng")
    parser.add_argument(
        "--max-mb",
        type=float,
        default=MAX_FILE_BYTES / (1024 * 1024),
        help="giới hạn dung lượng tệp, MB (mặc định %(default)s)",
    )
    arguments = parser.parse_args(argv)
    max_bytes = int(arguments.max_mb * 1024 * 1024)
    failed = False
    for name in arguments.files:
        result = parse_path(Path(name), max_bytes)
        failed = failed or "error" in result
        if arguments.json:
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(_summary(result) + "\n")
        sys.stdout.flush()
    return 1 if failed else 0
