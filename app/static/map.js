// A map module drawn with the vendored Leaflet: zones as polygons, points as circle markers,
// correlation pairs as thin lines, points beyond the server's caps as counts per grid cell
// (`<type>_cell` squares, shaded by count, in their type's colour when matched, grey when not),
// a legend, fitted to the module's bounds. No tile server (offline).
import { t } from "./i18n.js";

const COLORS = ["#d1242f", "#1f6feb", "#e36209", "#2da44e", "#8250df", "#bf8700", "#57606a"];
const UNMATCHED = "#9aa3ad";
const CELL = "_cell";

// A feature's legend key: its entity type, with points (or cells) the correlation did not match kept apart.
function keyOf(f) {
  const type = f.properties.entity_type || "other";
  return f.properties.matched === false ? `${type}:unmatched` : type;
}

const typeOf = (key) => key.split(":")[0];
const isCell = (key) => typeOf(key).endsWith(CELL);
// The entity type a key draws: a cell key draws the points of its type, so it shares their colour.
const baseOf = (key) => (isCell(key) ? typeOf(key).slice(0, -CELL.length) : typeOf(key));

function colorFor(palette, key) {
  if (key.endsWith(":unmatched")) return UNMATCHED;
  if (!palette.includes(baseOf(key))) palette.push(baseOf(key));
  return COLORS[palette.indexOf(baseOf(key)) % COLORS.length];
}

function labelOf(module, key) {
  const base = baseOf(key);
  const label = module.legend?.[base] || (base === "correlation_pair" ? t("pairs") : base);
  const notes = [key.endsWith(":unmatched") ? t("unmatched") : "", isCell(key) ? t("perCell") : ""];
  const extra = notes.filter(Boolean).join(", ");
  return extra ? `${label} (${extra})` : label;
}

// Points per legend key: cells count the points they stand for, other features count 1.
const weightOf = (f) => (isCell(keyOf(f)) ? Number(f.properties.count) || 0 : 1);

function legendControl(entries) {
  const control = L.control({ position: "bottomright" });
  control.onAdd = () => {
    const div = L.DomUtil.create("div", "legend");
    div.innerHTML = entries.map(([color, label]) => `<div><i style="background:${color}"></i></div>`).join("");
    div.querySelectorAll("div").forEach((row, i) => row.append(entries[i][1]));
    return div;
  };
  return control;
}

export async function drawMap(container, module, fetchJson) {
  const map = L.map(container, { preferCanvas: true, attributionControl: false, zoomSnap: 0.25 });
  const palette = [];
  const keys = [];
  const counts = {};
  const data = await fetchJson(module.geojson_url);
  const densest = {};
  for (const f of data.features) {
    const key = keyOf(f);
    if (isCell(key)) densest[key] = Math.max(densest[key] || 0, weightOf(f));
  }
  const rank = (f) => (f.geometry?.type === "Point" ? (f.properties.matched === false ? 3 : 4)
    : f.geometry?.type === "LineString" ? 2 : isCell(keyOf(f)) ? 1 : 0);
  data.features.sort((a, b) => rank(a) - rank(b));  // zones under cells under lines under points
  const layer = L.geoJSON(data, {
    style: (f) => {
      const key = keyOf(f);
      const color = colorFor(palette, key);
      if (f.geometry.type === "LineString") return { color, weight: 1, opacity: 0.6 };
      if (isCell(key)) {
        const share = Math.sqrt(weightOf(f) / (densest[key] || 1));
        return { color, weight: 0.5, opacity: 0.7, fillOpacity: 0.1 + 0.5 * share };
      }
      return { color, weight: 1, fillOpacity: 0.35 };
    },
    pointToLayer: (f, latlng) => {
      const color = colorFor(palette, keyOf(f));
      const radius = f.properties.matched === false ? 2.5 : 5;
      return L.circleMarker(latlng, { radius, color, weight: 1, fillOpacity: 0.85 });
    },
    onEachFeature: (f, lyr) => {
      const key = keyOf(f);
      if (!keys.includes(key)) keys.push(key);
      counts[key] = (counts[key] || 0) + weightOf(f);
      const name = isCell(key) ? weightOf(f).toLocaleString()
        : f.properties.name || f.properties.station_name || f.properties.id || "";
      if (name) lyr.bindTooltip(`${labelOf(module, key)}: ${name}`);
    },
  }).addTo(map);
  map.invalidateSize();
  const b = module.bounds;
  if (b && b.length === 4) map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { padding: [10, 10] });
  else if (layer.getBounds().isValid()) map.fitBounds(layer.getBounds());
  else map.setView([-14, -52], 4);
  const entries = keys.map((key) => [
    colorFor(palette, key), `${labelOf(module, key)} · ${counts[key].toLocaleString()}`,
  ]);
  legendControl(entries).addTo(map);
  window.planexecMaps = window.planexecMaps || [];
  window.planexecMaps.push({ map, layer, counts, module });
  return map;
}
