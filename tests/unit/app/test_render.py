"""app/render.py and app/htmlmap.py: rich tables and bars as plain text, a self-contained HTML map."""

from __future__ import annotations

import json
from pathlib import Path

from planexec.app.htmlmap import write_html_map
from planexec.app.render import render_response

TABLE = {
    "type": "table",
    "title": "Plants by state",
    "columns": ["State", "Plants", "Capacity (MW)"],
    "rows": [["BA", 78, 2402.12], ["MG", 5, 10.0]],
    "total_rows": 4,
}
CHART = {
    "type": "chart",
    "title": "Capacity",
    "x_label": "state",
    "y_label": "MW",
    "labels": ["BA", "MG"],
    "values": [20.0, 10.0],
}


def test_tables_charts_and_text_render_as_plain_text() -> None:
    text = {"type": "text", "heading": "Overview", "text": "78 plants [bold]not markup[/bold]"}
    out = render_response({"modules": [text, TABLE, CHART], "metadata": {"thread_id": "t1"}})
    lines = out.splitlines()
    assert lines[:2] == ["Overview", "78 plants [bold]not markup[/bold]"]
    row = next(line for line in lines if "BA" in line and "78" in line)
    assert [c.strip() for c in row.strip("│ ").split("│")] == ["BA", "78", "2,402.1"]
    assert "… 2 more rows" in out and "\x1b[" not in out
    assert f"BA | {'█' * 40} 20.0" in out and f"MG | {'█' * 20} 10.0" in out
    assert lines[-1] == "thread: t1  (planexec trace t1)"


def test_html_map_inlines_leaflet_and_the_data(tmp_path: Path) -> None:
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [-40.0, -12.0]},
        "properties": {"entity_type": "solar", "id": "P</script><b>1", "matched": True},
    }
    geojson = tmp_path / "m.geojson"
    geojson.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), encoding="utf-8")
    module = {
        "type": "map",
        "title": "Plants <near> heat",
        "geojson_path": str(geojson),
        "legend": {"solar": "Solar"},
    }
    page = write_html_map(module)
    assert page == tmp_path / "m.html"
    text = page.read_text(encoding="utf-8")
    assert "<title>Plants &lt;near&gt; heat</title>" in text
    assert "P<\\/script><b>1" in text and text.count("</script>") == 4  # data cannot end its script
    assert "L.geoJSON" in text and "Leaflet" in text and "https://unpkg" not in text
    assert '"solar": "Solar"' in text
    assert write_html_map({**module, "geojson_path": str(tmp_path / "gone.geojson")}) is None
    assert write_html_map({"type": "map", "title": "x", "geojson_url": "http://h/m.geojson"}) is None
