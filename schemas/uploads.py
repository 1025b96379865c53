"""An uploaded file: the bytes a caller hands to the drafting graph (written into the uploads folder)."""

from __future__ import annotations

from pydantic import Field

from planexec.schemas.base import Contract


class UploadedFile(Contract):
    """One file given by content, not by a server path."""

    name: str = Field(description="Upload name (a plain file name, no folders): .txt, .md or .pdf.")
    content: bytes = Field(description="The file's bytes.")
