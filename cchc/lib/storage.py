"""Where uploaded files are stored: under a name the server chooses, whatever the user's."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from django.core.files.storage import FileSystemStorage

from cchc.lib.text import fold

_UNSAFE = re.compile(r"[^a-z0-9]+")
STEM_CHARS = 60


def safe_file_name(name: str) -> str:
    """A stored file's name: the user's name folded to ASCII ("Báo cáo quý 1.PDF" →
    "bao-cao-quy-1.pdf"), its stem cut to 60 characters, any script or length given. The user's
    own name is kept in the database beside it (Evidence.name, the document's subject)."""
    path = PurePosixPath(name.replace("\\", "/").rsplit("/", 1)[-1])
    suffix = path.suffix.lower() if re.fullmatch(r"\.[A-Za-z0-9]{1,8}", path.suffix) else ""
    stem = _UNSAFE.sub("-", fold(path.name[: len(path.name) - len(suffix)])).strip("-")
    return f"{stem[:STEM_CHARS].rstrip('-') or 'tep'}{suffix}"


class SafeNameStorage(FileSystemStorage):
    """The file system storage, with every stored name made safe by ``safe_file_name``."""

    def get_valid_name(self, name: str) -> str:
        return safe_file_name(name)
