// What every page of the dashboard shares: reading the JSON API, building DOM nodes (text is always set as text,
// never as HTML: evidence sentences come from the news), and the quad classes' names and colours.
"use strict";

const QUADS = {
  1: { name: "verbal cooperation", colour: "#4e79a7" },
  2: { name: "material cooperation", colour: "#59a14f" },
  3: { name: "verbal conflict", colour: "#f28e2b" },
  4: { name: "material conflict", colour: "#e15759" },
};

class ApiError extends Error {
  constructor(body, status) {
    const error = (body && body.error) || {};
    super((error.message || `the server answered ${status}`) + (error.where ? ` (${error.where})` : ""));
    this.code = error.code;
    this.status = status;
  }
}

// GET an API route; params with an empty value are left out. Rejects with ApiError, in the API's one error shape.
async function api(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") query.set(key, value);
  }
  const address = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(address, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok || !body || body.ok !== true) throw new ApiError(body, response.status);
  return body;
}

// Every page of /api/events for these filters, up to `most` events (the map and the crisis view need them all).
async function allEvents(filters, most = 5000) {
  const events = [];
  let cursor = null;
  let total = 0;
  do {
    const page = await api("/api/events", { ...filters, limit: 500, cursor });
    events.push(...page.events);
    total = page.total;
    cursor = page.next;
  } while (cursor && events.length < most);
  return { events, total };
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "style") node.style.cssText = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function quadDot(quad) {
  const known = QUADS[quad];
  return el("span", { class: "quad", title: known ? known.name : "no quad class",
                      style: `background:${known ? known.colour : "#999"}` });
}

function sides(actors) {
  return (actors || []).map((a) => a.code || a.name || a.text).filter(Boolean).join("; ") || "—";
}

function placeName(location) {
  if (!location) return "—";
  return location.name + (location.country && location.name !== location.country ? `, ${location.country}` : "");
}

function eventLink(id, text) {
  return el("a", { href: `/events/${encodeURIComponent(id)}` }, text || id);
}

function showError(box, error) {
  box.textContent = error instanceof Error ? error.message : String(error);
}

// The form's fields as query parameters, and back: the address of a page says what it shows, so it can be shared.
function formValues(form) {
  const values = {};
  for (const [key, value] of new FormData(form).entries()) if (String(value).trim()) values[key] = String(value).trim();
  return values;
}

function fillForm(form, params) {
  for (const field of form.elements) {
    if (field.name && params.has(field.name)) field.value = params.get(field.name);
  }
}

function setAddress(values) {
  const query = new URLSearchParams(values).toString();
  history.replaceState(null, "", query ? `${location.pathname}?${query}` : location.pathname);
}
