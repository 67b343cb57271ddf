"""Child process: print the text of a PDF's pages as JSON on stdout.

Run by cchc.ingest.extract as ``python -m cchc.ingest.pdftext FILE`` with CPU-time and memory
limits and a timeout, so that a hostile or broken PDF cannot hang or exhaust the parent. Prints
{"pages": [text, ...]} or {"error": code} where code is "encrypted", "too_many_pages", "memory"
or "invalid" (with a short "detail"). Imports nothing from the rest of cchc.
"""

from __future__ import annotations

import json
import sys

MAX_PAGES = 500


def extract(path: str) -> dict[str, object]:
    try:
        from pypdf import PdfReader

        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    return {"error": "encrypted"}
            except Exception:
                return {"error": "encrypted"}
        if len(reader.pages) > MAX_PAGES:
            return {"error": "too_many_pages"}
        return {"pages": [page.extract_text() or "" for page in reader.pages]}
    except MemoryError:
        return {"error": "memory"}
    except RecursionError:
        return {"error": "invalid", "detail": "recursion"}
    except Exception as error:  # pypdf raises many kinds on broken files
        return {"error": "invalid", "detail": f"{type(error).__name__}: {error}"[:200]}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(json.dumps({"error": "invalid", "detail": "usage: pdftext FILE"}))
        return 2
    sys.setrecursionlimit(5000)
    result = extract(argv[1])
    sys.stdout.write(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
