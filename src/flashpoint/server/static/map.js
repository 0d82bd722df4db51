// The map: every located event of /api/events as a point sized by its reports and coloured by its quad class, on
// country shapes from /api/countries, drawn with plotly on plain longitude/latitude axes (no tiles, no geo
// projection files to fetch). Where points crowd at the current zoom they become one cluster marker, redrawn on
// every zoom; clicking a cluster zooms into it (or, when its events share one spot, lists them in the event table),
// clicking a point opens the event.
"use strict";

const CELLS_ACROSS = 90;  // cluster grid: the visible width divided into this many cells
const WORLD = { x: [-180, 180], y: [-58, 84] };
let located = [];
let shapesTrace = null;
let view = { x: WORLD.x.slice(), y: WORLD.y.slice() };

function countryTrace(shapes) {
  const x = [], y = [];
  for (const feature of shapes.features) {
    const polygons = feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    for (const polygon of polygons) {
      for (const [lon, lat] of polygon[0]) { x.push(lon); y.push(lat); }  // the outer ring; holes are too small here
      x.push(null); y.push(null);
    }
  }
  return { x, y, type: "scatter", mode: "lines", fill: "toself", fillcolor: "#e4e7eb",
           line: { color: "#a9b1ba", width: 0.6 }, hoverinfo: "skip", showlegend: false, name: "countries" };
}

function size(reports) { return Math.min(42, 7 + 5 * Math.sqrt(reports)); }

// Points in one grid cell of the visible area become one cluster; a cell with one point keeps it.
function cluster(events) {
  const cell = (view.x[1] - view.x[0]) / CELLS_ACROSS;
  const cells = new Map();
  for (const event of events) {
    const key = `${Math.floor(event.location.lon / cell)}:${Math.floor(event.location.lat / cell)}`;
    if (!cells.has(key)) cells.set(key, []);
    cells.get(key).push(event);
  }
  const single = [], groups = [];
  for (const members of cells.values()) {
    if (members.length === 1) single.push(members[0]);
    else groups.push(members);
  }
  return { single, groups };
}

function traces() {
  const { single, groups } = cluster(located);
  const out = [shapesTrace];
  for (const quad of [1, 2, 3, 4]) {
    const points = single.filter((e) => e.quad === quad);
    out.push({
      type: "scatter", mode: "markers", name: `${quad} ${QUADS[quad].name}`,
      x: points.map((e) => e.location.lon), y: points.map((e) => e.location.lat),
      customdata: points.map((e) => e.id),
      text: points.map((e) => `${e.date || "undated"} ${e.event}: ${sides(e.actors)} → ${sides(e.recipients)}<br>` +
                              `${placeName(e.location)} · ${e.num_articles} article(s)`),
      hovertemplate: "%{text}<extra></extra>",
      marker: { color: QUADS[quad].colour, size: points.map((e) => size(e.num_articles)), opacity: 0.85,
                line: { color: "#fff", width: 1 } },
    });
  }
  const dominant = (members) => {
    const counts = {};
    for (const e of members) counts[e.quad] = (counts[e.quad] || 0) + 1;
    return Object.keys(counts).sort((a, b) => counts[b] - counts[a])[0];
  };
  out.push({
    type: "scatter", mode: "markers+text", name: "clusters (click to zoom)",
    x: groups.map((g) => g.reduce((s, e) => s + e.location.lon, 0) / g.length),
    y: groups.map((g) => g.reduce((s, e) => s + e.location.lat, 0) / g.length),
    text: groups.map((g) => String(g.length)), textfont: { color: "#fff", size: 11 },
    customdata: groups.map((g) => JSON.stringify(g.map((e) => [e.location.lon, e.location.lat,
      e.location.admin1 ? { admin1: e.location.admin1 } : { country: e.location.country }]))),
    hovertext: groups.map((g) => `${g.length} events, ${g.reduce((s, e) => s + e.num_articles, 0)} article(s)`),
    hovertemplate: "%{hovertext}<extra></extra>",
    marker: { size: groups.map((g) => size(g.reduce((s, e) => s + e.num_articles, 0)) + 6),
              color: groups.map((g) => QUADS[dominant(g)] ? QUADS[dominant(g)].colour : "#777"),
              opacity: 0.9, line: { color: "#1d2329", width: 1.5 } },
  });
  const box = document.getElementById("map");
  box.dataset.points = String(single.length);
  box.dataset.clusters = String(groups.length);
  box.dataset.events = String(single.length + groups.reduce((s, g) => s + g.length, 0));
  return out;
}

function layout() {
  return {
    margin: { l: 0, r: 0, t: 0, b: 0 }, dragmode: "pan", showlegend: false, hovermode: "closest",
    plot_bgcolor: "#cfe0ee",
    xaxis: { range: view.x.slice(), showgrid: false, zeroline: false, visible: false },
    yaxis: { range: view.y.slice(), showgrid: false, zeroline: false, visible: false, scaleanchor: "x" },
  };
}

function draw() {
  const box = document.getElementById("map");
  return Plotly.react(box, traces(), layout(), { scrollZoom: true, displaylogo: false, responsive: true })
    .then(() => { box.dataset.state = "drawn"; });
}

function listen() {
  const box = document.getElementById("map");
  box.on("plotly_relayout", (change) => {
    if (!("xaxis.range[0]" in change || "xaxis.range" in change || "xaxis.autorange" in change)) return;
    const full = box._fullLayout;
    const x = full.xaxis.range, y = full.yaxis.range;
    if (Math.abs((x[1] - x[0]) - (view.x[1] - view.x[0])) < 1e-9 && x[0] === view.x[0]) return;
    view = { x: x.slice(), y: y.slice() };
    draw();
  });
  box.on("plotly_click", (data) => {
    const point = data.points[0];
    if (!point || point.data.name === "countries") return;
    if (point.data.name.startsWith("clusters")) {  // zoom to the cluster's members, with a margin
      const members = JSON.parse(point.customdata);
      const xs = members.map((m) => m[0]), ys = members.map((m) => m[1]);
      if (Math.max(...xs) - Math.min(...xs) < 1e-6 && Math.max(...ys) - Math.min(...ys) < 1e-6) {
        // one spot (a town, or a country known only as a country): no zoom splits it, so list them instead
        const place = members[0][2];
        const query = new URLSearchParams({ ...formValues(document.getElementById("filters")), ...place });
        location.href = `/events?${query}`;
        return;
      }
      const pad = Math.max(1, (Math.max(...xs) - Math.min(...xs)) * 0.3);
      view = { x: [Math.min(...xs) - pad, Math.max(...xs) + pad], y: [Math.min(...ys) - pad, Math.max(...ys) + pad] };
      draw();
    } else {
      location.href = `/events/${encodeURIComponent(point.customdata)}`;
    }
  });
}

async function load(filters) {
  const errorBox = document.getElementById("error");
  errorBox.textContent = "";
  const box = document.getElementById("map");
  box.dataset.state = "loading";
  try {
    const { events, total } = await allEvents(filters);
    located = events.filter((e) => e.location && e.location.lat !== null && e.location.lon !== null);
    await draw();
    document.getElementById("summary").textContent =
      `${located.length} of ${total} matching event(s) have a place and are on the map` +
      (events.length < total ? ` (the first ${events.length} read)` : "") + "; scroll to zoom, drag to pan.";
  } catch (error) {
    showError(errorBox, error);
    box.dataset.state = "error";
  }
}

async function side() {
  const alertsList = document.getElementById("alerts");
  const dyadsList = document.getElementById("dyads");
  try {
    const [alerts, dyads] = await Promise.all([api("/api/alerts", { limit: 8 }), api("/api/dyads", { limit: 8 })]);
    alertsList.replaceChildren(...(alerts.alerts.length ? alerts.alerts.map((a) => el("li", {},
      el("a", { href: `/crisis?a=${encodeURIComponent(a.actor)}&b=${encodeURIComponent(a.recipient)}` },
         `${a.kind} ${a.dyad}`), ` ${a.by} of ${a.period}, score ${a.score}`)) : [el("li", { class: "note" }, "none")]));
    dyadsList.replaceChildren(...(dyads.dyads.length ? dyads.dyads.map((d) => el("li", {},
      el("a", { href: `/crisis?a=${encodeURIComponent(d.a)}&b=${encodeURIComponent(d.b)}` }, `${d.a} – ${d.b}`),
      ` ${d.events} events (${d.conflict} conflict)`)) : [el("li", { class: "note" }, "none")]));
    alertsList.dataset.state = "loaded";
  } catch (error) {
    alertsList.replaceChildren(el("li", { class: "error" }, error.message));
    alertsList.dataset.state = "error";
  }
}

function legend() {
  const box = document.getElementById("legend");
  box.replaceChildren(...[1, 2, 3, 4].map((quad) => el("span", {}, quadDot(quad), `${QUADS[quad].name}  `)),
    el("span", { class: "note" }, " · size: articles reporting it · a ringed circle with a number: a cluster (click to zoom)"));
}

async function start() {
  legend();
  const form = document.getElementById("filters");
  const params = new URLSearchParams(location.search);
  fillForm(form, params);
  form.addEventListener("submit", (submitted) => {
    submitted.preventDefault();
    const values = formValues(form);
    setAddress(values);
    load(values);
  });
  shapesTrace = countryTrace(await api("/api/countries").then((body) => body.countries).catch((error) => {
    showError(document.getElementById("error"), error);
    return { features: [] };
  }));
  await draw();
  listen();
  side();
  load(formValues(form));
}

start();
