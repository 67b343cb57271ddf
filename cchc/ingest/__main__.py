"""``python -m cchc.ingest FILE... --json``: see cchc.ingest.cli."""

from __future__ import annotations

from cchc.ingest.cli import main

raise SystemExit(main())
