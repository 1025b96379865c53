"""A self-contained HTML map next to a map module's GeoJSON, for the terminal user.

The page inlines the GeoJSON and the vendored Leaflet (app/static/vendor/leaflet: no CDN, no tile
server, works offline): zones as polygons, points as circle markers (unmatched ones small and grey),
correlation pairs as thin lines, points beyond the map's caps as counts per grid cell (`<type>_cell`
squares shaded by count, in their type's colour when matched, grey when not), a legend with counts
(cells count the points they stand for), fitted to the data.
"""

from __future__ import annotations

import html
import json
from importlib import resources
from pathlib import Path
from typing import Any

_SCRIPT = """
const data = JSON.parse(document.getElementById("geojson").textContent);
const legend = JSON.parse(document.getElementById("legend").textContent);
const COLORS = ["#d1242f", "#1f6feb", "#e36209", "#2da44e", "#8250df", "#bf8700", "#57606a"];
const keys = [], palette = [], counts = {}, densest = {};
const unmatched = (f) => f.properties.matched === false;
const keyOf = (f) => (f.properties.entity_type || "other") + (unmatched(f) ? ":unmatched" : "");
const isCell = (k) => k.split(":")[0].endsWith("_cell");
const baseOf = (k) => isCell(k) ? k.split(":")[0].slice(0, -5) : k.split(":")[0];
const weightOf = (f) => isCell(keyOf(f)) ? Number(f.properties.count) || 0 : 1;
const colorOf = (k) => {
  if (k.endsWith(":unmatched")) return "#9aa3ad";
  if (!palette.includes(baseOf(k))) palette.push(baseOf(k));
  return COLORS[palette.indexOf(baseOf(k)) % COLORS.length];
};
const labelOf = (k) => {
  const notes = [k.endsWith(":unmatched") ? "unmatched" : "", isCell(k) ? "count per cell" : ""]
    .filter(Boolean);
  return (legend[baseOf(k)] || baseOf(k)) + (notes.length ? ` (${notes.join(", ")})` : "");
};
for (const f of data.features) {
  const k = keyOf(f);
  if (isCell(k)) densest[k] = Math.max(densest[k] || 0, weightOf(f));
}
const rank = (f) => f.geometry?.type === "Point" ? (unmatched(f) ? 3 : 4)
  : f.geometry?.type === "LineString" ? 2 : isCell(keyOf(f)) ? 1 : 0;
data.features.sort((a, b) => rank(a) - rank(b));
const map = L.map("map", { preferCanvas: true, attributionControl: false });
const layer = L.geoJSON(data, {
  style: (f) => {
    const k = keyOf(f), color = colorOf(k);
    if (f.geometry.type === "LineString") return { color, weight: 1, opacity: 0.6 };
    if (isCell(k)) return { color, weight: 0.5, opacity: 0.7,
      fillOpacity: 0.1 + 0.5 * Math.sqrt(weightOf(f) / (densest[k] || 1)) };
    return { color, weight: 1, fillOpacity: 0.35 };
  },
  pointToLayer: (f, ll) => L.circleMarker(ll, { radius: f.properties.matched === false ? 2.5 : 5,
    color: colorOf(keyOf(f)), weight: 1, fillOpacity: 0.85 }),
  onEachFeature: (f, lyr) => {
    const k = keyOf(f);
    if (!keys.includes(k)) keys.push(k);
    counts[k] = (counts[k] || 0) + weightOf(f);
    const p = f.properties, name = isCell(k) ? String(weightOf(f)) : p.name || p.station_name || p.id || "";
    if (name) lyr.bindTooltip(isCell(k) ? `${labelOf(k)}: ${name}` : String(name));
  },
}).addTo(map);
const bounds = layer.getBounds();
bounds.isValid() ? map.fitBounds(bounds, { padding: [12, 12] }) : map.setView([-14, -52], 4);
const box = document.getElementById("legend-box");
for (const k of keys) {
  const row = document.createElement("div");
  const swatch = document.createElement("i");
  swatch.style.background = colorOf(k);
  row.append(swatch, `${labelOf(k)}: ${counts[k] || 0}`);
  box.append(row);
}
"""

_STYLE = """
html, body { height: 100%; margin: 0; font: 14px system-ui, sans-serif; }
#map { position: absolute; top: 2.4em; bottom: 0; left: 0; right: 0; background: #eef2f5; }
h1 { font-size: 1.1em; margin: 0; padding: 0.6em 0.8em; }
#legend-box { position: absolute; right: 1em; bottom: 1em; z-index: 1000; background: #fff;
  padding: 0.5em 0.7em; border-radius: 4px; box-shadow: 0 1px 4px #0004; }
#legend-box i { display: inline-block; width: 0.9em; height: 0.9em; margin-right: 0.4em;
  vertical-align: middle; border-radius: 50%; }
"""


def _vendored(name: str) -> str:
    return (resources.files("planexec.app") / "static" / "vendor" / "leaflet" / name).read_text(
        encoding="utf-8"
    )


def _inline_json(element_id: str, value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def map_html(title: str, geojson: dict[str, Any], legend: dict[str, str]) -> str:
    """The whole page as one string (Leaflet, styles and data inline)."""
    return "\n".join(
        [
            "<!doctype html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(title)}</title>",
            f"<style>{_vendored('leaflet.css')}</style><style>{_STYLE}</style>",
            f'</head><body><h1>{html.escape(title)}</h1><div id="map"></div><div id="legend-box"></div>',
            _inline_json("geojson", geojson),
            _inline_json("legend", legend),
            f"<script>{_vendored('leaflet.js')}</script>",
            f"<script>{_SCRIPT}</script>",
            "</body></html>",
        ]
    )


def write_html_map(module: dict[str, Any]) -> Path | None:
    """Write `<geojson stem>.html` next to the module's local GeoJSON; None when there is no local file."""
    source = module.get("geojson_path")
    if not source or not Path(source).is_file():
        return None
    geojson = json.loads(Path(source).read_text(encoding="utf-8"))
    target = Path(source).with_suffix(".html")
    page = map_html(str(module.get("title") or "map"), geojson, dict(module.get("legend") or {}))
    target.write_text(page, encoding="utf-8")
    return target
