"""Where the real sample reports are: ``../shared/samples`` beside the checkout.

They are shared, read-only data kept outside the repository; ``CCHC_SAMPLES_DIR`` points
elsewhere when needed.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def samples_dir() -> Path:
    configured = os.environ.get("CCHC_SAMPLES_DIR")
    return Path(configured) if configured else REPO_ROOT.parent / "shared" / "samples"
