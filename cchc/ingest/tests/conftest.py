"""Fixtures of the document parser's tests (plain Python: no database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc.ingest.evaluate import samples_dir


@pytest.fixture
def samples() -> Path:
    """The real sample reports; the test is skipped when they are not on this machine."""
    directory = samples_dir()
    if not directory.is_dir() or not any(directory.glob("*.txt")):
        pytest.skip(f"sample reports not found in {directory} (set CCHC_SAMPLES_DIR)")
    return directory
