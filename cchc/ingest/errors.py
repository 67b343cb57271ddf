"""The one exception the ingest parser raises on purpose; its message is for users (Vietnamese)."""

from __future__ import annotations


class IngestError(ValueError):
    """A file that cannot be read or is refused; ``str(error)`` is shown to the user as is."""
