// The event table: the filters of GET /api/events as a form (the address keeps them), a page of rows at a time
// (the API's cursor), each row linking to its event page.
"use strict";

const PAGE = 100;
let cursor = null;
let filters = {};

function row(event) {
  const evidence = event.mentions && event.mentions.length ? event.mentions[0].sentence.trim() : "";
  return el("tr", { "data-id": event.id },
    el("td", {}, event.date ? event.date + (event.date_precision && event.date_precision !== "day"
                                             ? ` (${event.date_precision})` : "") : "undated"),
    el("td", {}, quadDot(event.quad), eventLink(event.id, event.event), el("span", { class: "note" }, ` ${event.cameo || ""}`)),
    el("td", {}, sides(event.actors)),
    el("td", {}, sides(event.recipients)),
    el("td", {}, placeName(event.location)),
    el("td", { title: "mentions / articles / sources" },
       `${event.num_mentions}m/${event.num_articles}a/${event.num_sources}s`),
    el("td", { class: "evidence" }, evidence.length > 220 ? evidence.slice(0, 220) + "…" : evidence));
}

async function load(more) {
  const errorBox = document.getElementById("error");
  const body = document.querySelector("#events tbody");
  const table = document.getElementById("events");
  errorBox.textContent = "";
  table.dataset.state = "loading";
  try {
    const page = await api("/api/events", { ...filters, limit: PAGE, cursor: more ? cursor : null });
    if (!more) body.replaceChildren();
    body.append(...page.events.map(row));
    cursor = page.next;
    document.getElementById("more").hidden = !cursor;
    const shown = body.children.length;
    const read = Object.entries(page.filters).filter(([k, v]) => k !== "all" && v !== null)
      .map(([k, v]) => `${k} ${v}`).join(", ");
    document.getElementById("summary").textContent =
      `${page.total} event(s) match${read ? ` (${read})` : ""}; ${shown} shown.`;
    table.dataset.state = "loaded";
    table.dataset.total = String(page.total);
  } catch (error) {
    showError(errorBox, error);
    if (!more) body.replaceChildren();
    document.getElementById("summary").textContent = "";
    table.dataset.state = "error";
  }
}

function start() {
  const form = document.getElementById("filters");
  fillForm(form, new URLSearchParams(location.search));
  filters = formValues(form);
  form.addEventListener("submit", (submitted) => {
    submitted.preventDefault();
    filters = formValues(form);
    setAddress(filters);
    load(false);
  });
  document.getElementById("clear").addEventListener("click", () => {
    form.reset();
    filters = {};
    setAddress(filters);
    load(false);
  });
  document.getElementById("more").addEventListener("click", () => load(true));
  load(false);
}

start();
