"""References to payloads kept in the artifact store (the state holds these, never payloads)."""

from __future__ import annotations

from pydantic import Field

from planexec.schemas.base import Contract


class ArtifactRef(Contract):
    artifact_id: str = Field(description="Content address: sha256 of the stored bytes (hex).")
    kind: str = Field(description="What it holds, e.g. 'solar.GetFacilitiesForGeospatial'.")
    size_bytes: int = Field(ge=0, description="Size of the stored (compressed) payload.")
    keys: list[str] = Field(default_factory=list, description="Top-level keys of the payload.")
