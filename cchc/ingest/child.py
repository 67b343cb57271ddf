"""Child process: ``python -m cchc.ingest.child FILE MAX_BYTES`` prints cchc.ingest.parse_file's
JSON for one file. Started by cchc.ingest.core.parse_path under cchc.lib.bounded's limits."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from cchc.ingest.core import parse_path_here


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        sys.stdout.write(json.dumps({"file": "", "error": "usage: child FILE MAX_BYTES"}))
        return 2
    sys.setrecursionlimit(5000)
    try:
        result = parse_path_here(Path(argv[1]), int(argv[2]))
    except MemoryError:
        result = {"file": argv[1], "error": "Không đọc được tệp trong giới hạn bộ nhớ cho phép."}
    sys.stdout.write(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
