"""The result of parsing one document."""

from __future__ import annotations

from dataclasses import dataclass, field

from cchc.ingest.figures import Figure
from cchc.ingest.metadata import DocumentMeta
from cchc.ingest.outline import Section
from cchc.ingest.references import Reference

__all__ = ["ParsedDocument"]


@dataclass
class ParsedDocument:
    """Metadata, outline, cited documents and figures of a text; offsets refer to ``text``,
    the normalised text (cchc.ingest.normalize)."""

    text: str
    document: DocumentMeta
    sections: list[Section] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """The JSON form printed by ``python -m cchc.ingest --json`` (without "file")."""
        result: dict[str, object] = {
            "document": self.document.to_dict(),
            "sections": [section.to_dict() for section in self.sections],
            "references": [reference.to_dict() for reference in self.references],
            "figures": [figure.to_dict() for figure in self.figures],
        }
        if self.notices:
            result["notices"] = list(self.notices)
        return result
