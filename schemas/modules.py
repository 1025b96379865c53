"""Response modules (text / table / map / chart) and the facts summary."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from planexec.schemas.base import Contract


class TextModule(Contract):
    type: Literal["text"] = "text"
    heading: str | None = Field(default=None, description="Optional heading.")
    text: str = Field(description="Plain text / light Markdown.")


class TableModule(Contract):
    type: Literal["table"] = "table"
    title: str = Field(description="Table title.")
    columns: list[str] = Field(description="Column headers.")
    rows: list[list[Any]] = Field(description="Rows (bounded in size).")
    total_rows: int = Field(ge=0, description="Rows before truncation.")


class MapModule(Contract):
    type: Literal["map"] = "map"
    title: str = Field(description="Map title.")
    geojson_url: str = Field(description="file:// URL (or http URL) of the GeoJSON FeatureCollection.")
    geojson_path: str | None = Field(default=None, description="Local path of the same file.")
    feature_count: int = Field(ge=0, description="Features in the file.")
    bounds: list[float] | None = Field(default=None, description="[min_lon, min_lat, max_lon, max_lat].")
    legend: dict[str, str] = Field(default_factory=dict, description="Entity type -> label.")


class ChartModule(Contract):
    type: Literal["chart"] = "chart"
    title: str = Field(description="Chart title.")
    chart_type: Literal["bar", "line", "pie"] = Field(default="bar", description="Chart kind.")
    x_label: str = Field(description="X axis label.")
    y_label: str = Field(description="Y axis label.")
    labels: list[str] = Field(description="Category labels.")
    values: list[float] = Field(description="One value per label.")


Module = TextModule | TableModule | MapModule | ChartModule


class FactsSummary(Contract):
    """Small facts the narrator may use: every number it states must come from here."""

    intent: str = Field(description="Recipe that ran.")
    facts: dict[str, float | int | str | bool | None] = Field(description="Named facts.")
    highlights: list[str] = Field(default_factory=list, description="Short factual sentences.")
    narrated_by: Literal["llm", "template"] | None = Field(
        default=None, description="Who wrote the overview (set by narrate)."
    )
    narration_rejected: str | None = Field(
        default=None, description="Why the model's narration was not used (set by narrate); None when used."
    )
    ungrounded: str | None = Field(
        default=None,
        description="Why the general agent's answer was replaced by a 'no answer' text (no tool call on a "
        "data question, an echo of the question); None when the answer stands.",
    )
