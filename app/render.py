"""Render response modules for a terminal: tables as tables, the chart as bars, the map's path."""

from __future__ import annotations

from typing import Any

BAR_WIDTH = 40


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}"
    return "" if value is None else str(value)


def render_table(module: dict[str, Any]) -> str:
    cols = [str(c) for c in module["columns"]]
    rows = [[_cell(v) for v in row] for row in module["rows"]]
    widths = [max([len(c)] + [len(r[i]) for r in rows if i < len(r)]) for i, c in enumerate(cols)]
    line = "  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True))
    out = [f"## {module['title']}", line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=False)) for r in rows]
    if module.get("total_rows", len(rows)) > len(rows):
        out.append(f"… {module['total_rows'] - len(rows)} more rows")
    return "\n".join(out)


def render_chart(module: dict[str, Any]) -> str:
    values = [float(v) for v in module["values"]]
    peak = max(values, default=0.0) or 1.0
    width = max((len(str(label)) for label in module["labels"]), default=1)
    out = [f"## {module['title']} ({module['y_label']} by {module['x_label']})"]
    for label, value in zip(module["labels"], values, strict=True):
        out.append(f"{str(label).ljust(width)} | {'█' * round(BAR_WIDTH * value / peak)} {value:,.1f}")
    return "\n".join(out)


def render_module(module: dict[str, Any]) -> str:
    kind = module.get("type")
    if kind == "table":
        return render_table(module)
    if kind == "chart":
        return render_chart(module)
    if kind == "map":
        return (
            f"## {module['title']}\nmap: {module.get('geojson_path') or module['geojson_url']} "
            f"({module['feature_count']} features)"
        )
    heading = f"## {module['heading']}\n" if module.get("heading") else ""
    return heading + str(module.get("text", ""))


def render_response(response: dict[str, Any]) -> str:
    parts = [render_module(m) for m in response.get("modules", [])]
    meta = response.get("metadata", {})
    if meta.get("thread_id"):
        parts.append(f"thread: {meta['thread_id']}  (planexec trace {meta['thread_id']})")
    return "\n\n".join(parts)
