"""Render response modules for a terminal with `rich`: tables as tables, the chart as bars, the map
as its GeoJSON path (and the HTML map next to it, when written). Colour only on a terminal."""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

BAR_WIDTH = 40


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}"
    return "" if value is None else str(value)


def _numeric(rows: list[list[Any]], i: int) -> bool:
    values = [r[i] for r in rows if i < len(r) and r[i] is not None]
    return bool(values) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)


def render_table(module: Mapping[str, Any]) -> RenderableType:
    rows = [list(r) for r in module["rows"]]
    table = Table(title=str(module["title"]), title_justify="left", title_style="bold")
    for i, column in enumerate(module["columns"]):
        table.add_column(str(column), justify="right" if _numeric(rows, i) else "left")
    for row in rows:
        table.add_row(*(_cell(v) for v in row))
    more = module.get("total_rows", len(rows)) - len(rows)
    return Group(table, Text(f"… {more} more rows", style="dim")) if more > 0 else table


def render_chart(module: Mapping[str, Any]) -> RenderableType:
    values = [float(v) for v in module["values"]]
    peak = max(values, default=0.0) or 1.0
    width = max((len(str(label)) for label in module["labels"]), default=1)
    out = Text()
    out.append(f"{module['title']} ({module['y_label']} by {module['x_label']})\n", style="bold")
    for label, value in zip(module["labels"], values, strict=True):
        out.append(f"{str(label).ljust(width)} | ")
        out.append("█" * round(BAR_WIDTH * value / peak), style="cyan")
        out.append(f" {value:,.1f}\n")
    out.rstrip()
    return out


def render_map(module: Mapping[str, Any], html_path: Path | None = None) -> RenderableType:
    out = Text()
    out.append(f"{module['title']}\n", style="bold")
    out.append(
        f"map: {module.get('geojson_path') or module['geojson_url']} ({module['feature_count']} features)"
    )
    if html_path is not None:
        out.append("\nopen: ")
        out.append(str(html_path), style="green")
    return out


def render_module(module: Mapping[str, Any], html_path: Path | None = None) -> RenderableType:
    kind = module.get("type")
    if kind == "table":
        return render_table(module)
    if kind == "chart":
        return render_chart(module)
    if kind == "map":
        return render_map(module, html_path)
    out = Text()
    if module.get("heading"):
        out.append(f"{module['heading']}\n", style="bold")
    out.append(str(module.get("text", "")))
    return out


def print_response(
    response: Mapping[str, Any], console: Console, maps: Mapping[int, Path] | None = None
) -> None:
    """Print every module (a blank line between them), then the thread line; `maps` are the HTML
    maps written for the modules at those indexes."""
    maps = maps or {}
    for i, module in enumerate(response.get("modules", [])):
        if i:
            console.print()
        # paths stay on one line (copy-paste), whatever the terminal width
        console.print(
            render_module(module, maps.get(i)), soft_wrap=True if module.get("type") == "map" else None
        )
    thread = response.get("metadata", {}).get("thread_id")
    if thread:
        console.print()
        console.print(Text(f"thread: {thread}  (planexec trace {thread})", style="dim"), soft_wrap=True)


def render_response(response: Mapping[str, Any], maps: Mapping[int, Path] | None = None) -> str:
    """The same output as plain text (no colour), e.g. for a file or a test."""
    buffer = io.StringIO()
    print_response(response, Console(file=buffer, width=120, color_system=None, soft_wrap=True), maps)
    return buffer.getvalue().rstrip("\n")
