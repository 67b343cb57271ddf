"""An uploaded file carried from a preview page to its confirmation, in a hidden field.

An import shows what it would do before doing it; the file the user chose travels back with
the confirmation as base64 with its SHA-256, so that nothing is kept on the server between the
two requests and the confirmed import reads exactly the previewed bytes. The file is checked
again on confirmation, as any upload.
"""

from __future__ import annotations

import base64
import binascii
import hashlib


class StagedFileError(ValueError):
    """The carried file is damaged (its digest does not match)."""


def stage(data: bytes) -> tuple[str, str]:
    """(the file as base64 text, its SHA-256 in hex)."""
    return base64.b64encode(data).decode("ascii"), hashlib.sha256(data).hexdigest()


def unstage(content: str, sha256: str, max_bytes: int) -> bytes:
    """The file back from ``stage``'s text; StagedFileError when damaged or too large."""
    if len(content) > (max_bytes * 4) // 3 + 4:
        raise StagedFileError("too large")
    try:
        data = base64.b64decode(content.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as e:
        raise StagedFileError("not base64") from e
    if hashlib.sha256(data).hexdigest() != sha256:
        raise StagedFileError("digest")
    return data
