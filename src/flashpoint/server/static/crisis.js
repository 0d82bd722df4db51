// The crisis view of a pair of actors (GET /api/dyads/{a}/{b}/series): conflict and cooperation in both directions
// over time with the pair's alerts shaded, every event of the pair on a timeline with the retaliation links drawn
// between them (an arrow from the act to its answer), and a date-range brush (the first chart's range slider) that
// the timeline and the event list follow.
"use strict";

const DIRECTION_STYLE = [  // the first direction A->B, the second B->A
  { colour: "#c0392b", cooperation: "#2e86c1" },
  { colour: "#7d3c98", cooperation: "#17a589" },
];
const PERIOD_DAYS = { day: 1, week: 7, month: 31 };
let report = null;
let range = null;

function addDays(iso, days) {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function directions(dyad) {
  return [`${dyad.a}->${dyad.b}`, `${dyad.b}->${dyad.a}`];
}

function seriesTraces(dyad) {
  const traces = [];
  directions(dyad).forEach((direction, i) => {
    const periods = dyad.series[direction] || [];
    const shown = direction.replace("->", " → ");
    traces.push({ type: "scatter", mode: "lines+markers", name: `${shown} conflict`, x: periods.map((p) => p.period),
                  y: periods.map((p) => p.conflict), line: { color: DIRECTION_STYLE[i].colour, width: 2.5 },
                  meta: direction });
    traces.push({ type: "scatter", mode: "lines+markers", name: `${shown} cooperation`,
                  x: periods.map((p) => p.period), y: periods.map((p) => p.cooperation),
                  line: { color: DIRECTION_STYLE[i].cooperation, width: 2, dash: "dot" }, meta: direction });
  });
  return traces;
}

function alertShapes(dyad) {
  const days = PERIOD_DAYS[dyad.by] || 7;
  return dyad.alerts.map((alert) => ({
    type: "rect", xref: "x", yref: "paper", x0: alert.period, x1: addDays(alert.period, days), y0: 0, y1: 1,
    fillcolor: alert.kind === "escalation" ? "rgba(225,87,89,0.15)" : "rgba(89,161,79,0.15)", line: { width: 0 },
  }));
}

function alertNotes(dyad) {
  return dyad.alerts.map((alert, i) => ({
    x: alert.period, y: 1 - 0.08 * (i % 3), xref: "x", yref: "paper", xanchor: "left", showarrow: false,
    text: `${alert.kind} ${alert.dyad.replace("->", "→")}`, font: { size: 11, color: "#555" },
  }));
}

// Each event's place on the timeline: its direction's lane (A→B above, B→A below, both between), spread a little
// when several fall on one day.
function lanes(dyad) {
  const [forward, backward] = directions(dyad);
  const lane = (direction) => (direction === forward ? 1 : direction === backward ? -1 : 0);
  const seen = {};
  const where = {};
  for (const event of dyad.events) {
    const base = lane(event.direction);
    const key = `${event.date}:${base}`;
    const n = seen[key] = (seen[key] || 0) + 1;
    where[event.id] = { x: event.date, y: base + (n - 1) * 0.12 * (base >= 0 ? 1 : -1), event };
  }
  return where;
}

function timelineTraces(dyad, where) {
  const traces = [];
  const links = dyad.links.filter((link) => where[link.event] && where[link.responds_to]);
  const x = [], y = [];
  for (const link of links) {
    const from = where[link.responds_to], to = where[link.event];
    x.push(from.x, to.x, null);
    y.push(from.y, to.y, null);
  }
  traces.push({ type: "scatter", mode: "lines", name: "answers (retaliation link)", x, y, hoverinfo: "skip",
                line: { color: "#555", width: 1.5 } });
  for (const quad of [1, 2, 3, 4]) {
    const points = Object.values(where).filter((p) => p.event.quad === quad);
    traces.push({ type: "scatter", mode: "markers", name: QUADS[quad].name, x: points.map((p) => p.x),
                  y: points.map((p) => p.y), customdata: points.map((p) => p.event.id),
                  text: points.map((p) => `${p.event.date} ${p.event.event} ${p.event.direction}<br>` +
                                          `${(p.event.evidence || "").slice(0, 120)}`),
                  hovertemplate: "%{text}<extra></extra>",
                  marker: { color: QUADS[quad].colour, size: 11, line: { color: "#fff", width: 1 } } });
  }
  return { traces, links };
}

function arrows(links, where) {
  return links.map((link) => ({
    x: where[link.event].x, y: where[link.event].y, ax: where[link.responds_to].x, ay: where[link.responds_to].y,
    xref: "x", yref: "y", axref: "x", ayref: "y", showarrow: true, arrowhead: 3, arrowsize: 1.3, arrowwidth: 1.5,
    arrowcolor: link.kind === "explicit" ? "#1d2329" : "#999", standoff: 6, text: "",
  }));
}

function listEvents() {
  const dyad = report.dyad;
  const inRange = dyad.events.filter((e) => !range || (e.date >= range[0].slice(0, 10) && e.date <= range[1].slice(0, 10)));
  document.getElementById("range").textContent = range ? `${range[0].slice(0, 10)} to ${range[1].slice(0, 10)}` : "(all)";
  const body = document.querySelector("#events tbody");
  body.replaceChildren(...inRange.map((e) => el("tr", { "data-id": e.id },
    el("td", {}, e.date), el("td", {}, e.direction.replace("->", " → ")),
    el("td", {}, quadDot(e.quad), eventLink(e.id, e.event)),
    el("td", { class: "evidence" }, (e.evidence || "").slice(0, 200)),
    el("td", {}, e.responds ? eventLink(e.responds.responds_to, `${e.responds.kind}, ${e.responds.lag_days} day(s)`) : ""))));
  document.getElementById("events").dataset.rows = String(inRange.length);
}

function follow(change) {  // the brush: the series chart's x range, on the timeline and the list
  let next = null;
  if (change["xaxis.range"]) next = change["xaxis.range"];
  else if (change["xaxis.range[0]"] !== undefined) next = [change["xaxis.range[0]"], change["xaxis.range[1]"]];
  else if (change["xaxis.autorange"]) next = null;  // a double click: everything again
  else return;
  range = next ? next.map(String) : null;
  Plotly.relayout("timeline", range ? { "xaxis.range": range } : { "xaxis.autorange": true });
  listEvents();
}

async function draw(values) {
  const errorBox = document.getElementById("error");
  errorBox.textContent = "";
  const page = document.getElementById("page");
  page.dataset.state = "loading";
  try {
    const { a, b, ...options } = values;
    report = await api(`/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/series`, options);
  } catch (error) {
    showError(errorBox, error);
    page.dataset.state = "error";
    return;
  }
  const dyad = report.dyad;
  const [first, second] = report.sides;
  document.getElementById("title").textContent =
    `${first.code} and ${second.code}: ${dyad.events.length} events, by ${dyad.by}`;
  // both charts span the pair's events with a period's margin, so the first and last are not cut at the edge
  const days = dyad.events.map((e) => e.date).sort();
  const step = PERIOD_DAYS[dyad.by] || 7;
  const span = days.length ? [addDays(days[0], -Math.ceil(step / 2)), addDays(days[days.length - 1], step)] : undefined;
  const series = document.getElementById("series");
  await Plotly.react(series, seriesTraces(dyad), {
    margin: { l: 50, r: 20, t: 30, b: 20 }, hovermode: "x unified",
    xaxis: { type: "date", range: span, rangeslider: { visible: true, thickness: 0.12, range: span } },
    yaxis: { title: { text: "events" }, rangemode: "tozero" }, shapes: alertShapes(dyad), annotations: alertNotes(dyad),
    legend: { orientation: "h", y: 1.15 },
  }, { displaylogo: false, responsive: true });
  series.dataset.directions = JSON.stringify(directions(dyad).filter((d) => (dyad.series[d] || []).some((p) => p.events > 0)));
  series.dataset.state = "drawn";
  const where = lanes(dyad);
  const { traces, links } = timelineTraces(dyad, where);
  const timeline = document.getElementById("timeline");
  const [forward, backward] = directions(dyad).map((d) => d.replace("->", " → "));
  await Plotly.react(timeline, traces, {
    margin: { l: 110, r: 20, t: 30, b: 30 }, hovermode: "closest",
    xaxis: { type: "date", range: span }, yaxis: { tickvals: [1, 0, -1], ticktext: [forward, "both", backward], range: [-1.8, 1.8],
                                      zeroline: false },
    annotations: arrows(links, where), legend: { orientation: "h", y: -0.2 },
  }, { displaylogo: false, responsive: true });
  timeline.dataset.links = String(links.length);
  timeline.dataset.state = "drawn";
  series.removeAllListeners && series.removeAllListeners("plotly_relayout");
  series.on("plotly_relayout", follow);
  timeline.removeAllListeners && timeline.removeAllListeners("plotly_click");
  timeline.on("plotly_click", (data) => {
    const point = data.points[0];
    if (point && point.customdata) location.href = `/events/${encodeURIComponent(point.customdata)}`;
  });
  range = null;
  listEvents();
  document.getElementById("alerts").replaceChildren(...(dyad.alerts.length ? dyad.alerts.map((alert) => el("li", {},
    `${alert.kind} ${alert.dyad.replace("->", " → ")}, ${alert.by} of ${alert.period}, score ${alert.score} (${alert.method})`))
    : [el("li", { class: "note" }, "none in this period")]));
  const byId = Object.fromEntries(dyad.events.map((e) => [e.id, e]));
  document.getElementById("chains").replaceChildren(...(dyad.chains.length ? dyad.chains.map((chain) => el("li", {},
    ...chain.flatMap((id, i) => [i ? " → " : "", eventLink(id, byId[id] ? `${byId[id].date} ${byId[id].direction}` : id)])))
    : [el("li", { class: "note" }, "none")]));
  page.dataset.state = "drawn";
}

async function start() {
  const form = document.getElementById("pair");
  const params = new URLSearchParams(location.search);
  fillForm(form, params);
  const picker = document.getElementById("dyads");
  try {
    const { dyads } = await api("/api/dyads", { limit: 30 });
    picker.append(...dyads.map((d) => el("option", { value: `${d.a}|${d.b}` }, `${d.a} – ${d.b} (${d.events})`)));
    if (!params.get("a") && !params.get("b") && dyads.length) {  // no pair asked for: the most active one
      form.elements.a.value = dyads[0].a;
      form.elements.b.value = dyads[0].b;
    }
  } catch (error) {
    showError(document.getElementById("error"), error);
  }
  picker.addEventListener("change", () => {
    if (!picker.value) return;
    [form.elements.a.value, form.elements.b.value] = picker.value.split("|");
    form.requestSubmit();
  });
  form.addEventListener("submit", (submitted) => {
    submitted.preventDefault();
    const values = formValues(form);
    setAddress(values);
    draw(values);
  });
  const values = formValues(form);
  if (values.a && values.b) draw(values);
  else document.getElementById("page").dataset.state = "empty";
}

start();
