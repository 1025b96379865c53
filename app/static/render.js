// Response modules (text / table / chart / map) as DOM. Text is set with textContent (never HTML).
import { t } from "./i18n.js";
import { drawMap } from "./map.js";

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

function renderText(m) {
  const box = el("section", "text");
  if (m.heading) box.append(el("h3", "", m.heading));
  for (const para of String(m.text).split(/\n{2,}/)) box.append(el("p", "", para.replaceAll("**", "")));
  return box;
}

function renderTable(m) {
  const box = el("section", "table");
  box.append(el("h3", "", m.title));
  const wrap = el("div", "table-wrap");
  const table = el("table");
  const head = table.createTHead().insertRow();
  m.columns.forEach((c) => head.append(el("th", "", c)));
  const body = table.createTBody();
  m.rows.forEach((row) => {
    const tr = body.insertRow();
    row.forEach((cell) => tr.append(el("td", "", cell === null ? "" : String(cell))));
  });
  wrap.append(table);
  box.append(wrap);
  if (m.total_rows > m.rows.length) box.append(el("p", "muted", `${m.rows.length} ${t("of")} ${m.total_rows} ${t("rows")}`));
  return box;
}

function renderChart(m) {
  const box = el("section", "chart");
  box.append(el("h3", "", m.title));
  const ns = "http://www.w3.org/2000/svg";
  const rowH = 22, labelW = 160, width = 640;
  const max = Math.max(...m.values.map(Math.abs), 1);
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("class", "chart");
  svg.setAttribute("viewBox", `0 0 ${width} ${m.labels.length * rowH + 10}`);
  svg.setAttribute("width", "100%");
  m.labels.forEach((label, i) => {
    const y = i * rowH + 5;
    const w = ((width - labelW - 60) * Math.abs(m.values[i])) / max;
    const name = document.createElementNS(ns, "text");
    name.setAttribute("x", 0); name.setAttribute("y", y + 14); name.textContent = label;
    const bar = document.createElementNS(ns, "rect");
    bar.setAttribute("x", labelW); bar.setAttribute("y", y); bar.setAttribute("height", rowH - 6);
    bar.setAttribute("width", Math.max(w, 1));
    const value = document.createElementNS(ns, "text");
    value.setAttribute("x", labelW + w + 4); value.setAttribute("y", y + 14);
    value.textContent = Number(m.values[i]).toLocaleString();
    svg.append(name, bar, value);
  });
  box.append(svg);
  if (m.y_label) box.append(el("p", "muted", m.y_label));
  return box;
}

export async function renderModules(target, modules, fetchJson) {
  const maps = [];
  for (const m of modules) {
    if (m.type === "text") target.append(renderText(m));
    else if (m.type === "table") target.append(renderTable(m));
    else if (m.type === "chart") target.append(renderChart(m));
    else if (m.type === "map") {
      const box = el("section", "map-box");
      box.append(el("h3", "", m.title || t("map")));
      const div = el("div", "map");
      box.append(div);
      target.append(box);
      maps.push(drawMap(div, m, fetchJson));
    }
  }
  await Promise.all(maps);
}
