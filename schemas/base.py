"""Base class and version for every contract that crosses a boundary."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0.0"


class Contract(BaseModel):
    """A versioned boundary model: tool I/O, plan, timeline, modules, events."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    schema_version: str = Field(
        default=SCHEMA_VERSION,
        description="Version of the planexec contract this payload follows (semver).",
    )
