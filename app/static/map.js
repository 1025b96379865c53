// A map module drawn with the vendored Leaflet: zones as polygons, points as circle markers,
// correlation pairs as thin lines, a legend, fitted to the module's bounds. No tile server (offline).
import { t } from "./i18n.js";

const COLORS = ["#d1242f", "#1f6feb", "#e36209", "#2da44e", "#8250df", "#bf8700", "#57606a"];
const UNMATCHED = "#9aa3ad";

// A feature's legend key: its entity type, with points the correlation did not match kept apart.
function keyOf(f) {
  const type = f.properties.entity_type || "other";
  return f.properties.matched === false ? `${type}:unmatched` : type;
}

function colorFor(types, key) {
  if (!types.includes(key)) types.push(key);
  if (key.endsWith(":unmatched")) return UNMATCHED;
  return COLORS[types.filter((k) => !k.endsWith(":unmatched")).indexOf(key) % COLORS.length];
}

function labelOf(module, key) {
  const [type, unmatched] = key.split(":");
  const label = module.legend?.[type] || (type === "correlation_pair" ? t("pairs") : type);
  return unmatched ? `${label} (${t("unmatched")})` : label;
}

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
  const types = [];
  const counts = {};
  const data = await fetchJson(module.geojson_url);
  const rank = (f) => (f.geometry?.type === "Point" ? (f.properties.matched === false ? 2 : 3)
    : f.geometry?.type === "LineString" ? 1 : 0);
  data.features.sort((a, b) => rank(a) - rank(b));  // zones under lines under points
  const layer = L.geoJSON(data, {
    style: (f) => {
      const color = colorFor(types, keyOf(f));
      return f.geometry.type === "LineString"
        ? { color, weight: 1, opacity: 0.6 }
        : { color, weight: 1, fillOpacity: 0.35 };
    },
    pointToLayer: (f, latlng) => {
      const color = colorFor(types, keyOf(f));
      const radius = f.properties.matched === false ? 2.5 : 5;
      return L.circleMarker(latlng, { radius, color, weight: 1, fillOpacity: 0.85 });
    },
    onEachFeature: (f, lyr) => {
      const key = keyOf(f);
      counts[key] = (counts[key] || 0) + 1;
      const name = f.properties.name || f.properties.station_name || f.properties.id || "";
      if (name) lyr.bindTooltip(`${labelOf(module, key)}: ${name}`);
    },
  }).addTo(map);
  map.invalidateSize();
  const b = module.bounds;
  if (b && b.length === 4) map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { padding: [10, 10] });
  else if (layer.getBounds().isValid()) map.fitBounds(layer.getBounds());
  else map.setView([-14, -52], 4);
  const entries = types.map((key) => [colorFor(types, key), `${labelOf(module, key)} · ${counts[key]}`]);
  legendControl(entries).addTo(map);
  window.planexecMaps = window.planexecMaps || [];
  window.planexecMaps.push({ map, layer, counts, module });
  return map;
}
