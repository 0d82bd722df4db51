// One event (GET /api/events/{id}): each evidence sentence with its trigger, actors, recipients and place marked,
// the facts of the merged record, its articles, and the events it answers or that answer it.
"use strict";

// The spans of `sentence` to mark: the trigger at its offset, then each actor's, recipient's and the place's words
// where they first occur and do not overlap a span already taken.
function spans(sentence, evidence, event) {
  const taken = [];
  const add = (start, length, kind) => {
    if (start < 0 || length <= 0) return;
    const end = start + length;
    if (taken.some((s) => start < s.end && s.start < end)) return;
    taken.push({ start, end, kind });
  };
  const at = evidence.trigger_offset;
  if (at !== null && at !== undefined) {  // as the API's `marked` does: the trigger, or its first word (apart)
    const whole = sentence.slice(at, at + evidence.trigger.length) === evidence.trigger;
    add(at, whole ? evidence.trigger.length : evidence.trigger.split(/\s+/)[0].length, "trigger");
  }
  const words = [
    ...(event.actors || []).map((a) => [a.text, "actor"]),
    ...(event.recipients || []).map((a) => [a.text, "recipient"]),
    ...(event.location && event.location.text ? [[event.location.text, "place"]] : []),
  ];
  const letter = /[\p{L}\p{N}]/u;
  const free = (at, length) => !letter.test(sentence.charAt(at - 1)) && !letter.test(sentence.charAt(at + length)) &&
    !taken.some((s) => at < s.end && s.start < at + length);
  for (const [text, kind] of words) {
    if (!text) continue;
    let at = sentence.indexOf(text);  // a whole word ("Israel" is not marked in "Israeli") not yet marked
    while (at >= 0 && !free(at, text.length)) at = sentence.indexOf(text, at + 1);
    add(at, text.length, kind);
  }
  return taken.sort((a, b) => a.start - b.start);
}

function marked(sentence, evidence, event) {
  const parts = [];
  let at = 0;
  for (const span of spans(sentence, evidence, event)) {
    parts.push(sentence.slice(at, span.start), el("mark", { class: span.kind, title: span.kind },
                                                   sentence.slice(span.start, span.end)));
    at = span.end;
  }
  parts.push(sentence.slice(at));
  return el("blockquote", { class: "evidence" }, ...parts);
}

function facts(event) {
  const rows = [
    ["type", [quadDot(event.quad), `${event.event}${event.mode ? "/" + event.mode : ""}`]],
    ["CAMEO", `${event.cameo || "—"} · quad ${event.quad} (${(QUADS[event.quad] || {}).name || "?"}) · Goldstein ${event.goldstein}`],
    ["date", event.date ? `${event.date} (${event.date_precision})` : "undated"],
    ["actors", sides(event.actors)],
    ["recipients", sides(event.recipients)],
    ["place", event.location ? `${placeName(event.location)} (${event.location.precision})` : "—"],
    ["status", event.status],
    ["reports", `${event.num_mentions} mention(s), ${event.num_articles} article(s), ${event.num_sources} source(s)`],
    ["coder", event.coder],
  ];
  return rows.flatMap(([name, value]) => [el("dt", {}, name), el("dd", {}, value)]);
}

async function start() {
  const id = decodeURIComponent(location.pathname.split("/").pop());
  const page = document.getElementById("page");
  try {
    const { event } = await api(`/api/events/${encodeURIComponent(id)}`);
    document.title = `Flashpoint · ${event.event} ${event.date || ""}`;
    document.getElementById("title").replaceChildren(quadDot(event.quad),
      `${event.event}: ${sides(event.actors)} → ${sides(event.recipients)}, ${event.date || "undated"}`);
    document.getElementById("facts").replaceChildren(...facts(event));
    const titles = Object.fromEntries((event.articles || []).map((a) => [a.id, a]));
    document.getElementById("evidence").replaceChildren(...(event.evidence || []).map((evidence) => el("div", {},
      marked(evidence.sentence, evidence, event),
      el("p", { class: "note" }, `${(titles[evidence.article_id] || {}).source || evidence.article_id}`,
         evidence.date_text ? ` · date from “${evidence.date_text}”` : "", ` · rule ${evidence.rule}`))));
    document.getElementById("articles").replaceChildren(...(event.articles || []).map((a) => el("li", {},
      a.url ? el("a", { href: a.url, rel: "noreferrer" }, a.title || a.id) : (a.title || a.id),
      el("span", { class: "note" }, ` ${a.source || ""} ${a.published || ""}`))));
    const how = { responds_to: "answers", responded_by: "answered by" };
    document.getElementById("links").replaceChildren(...((event.links || []).length ? event.links.map((link) =>
      el("li", { class: "link" }, `${how[link.kind] || link.kind} `, eventLink(link.id, `${link.event} ${link.date || ""}`),
         ` ${(link.actors || []).join("; ")} → ${(link.recipients || []).join("; ")}`))
      : [el("li", { class: "note" }, "none")]));
    page.dataset.state = "loaded";
  } catch (error) {
    showError(document.getElementById("error"), error);
    page.dataset.state = "error";
  }
}

start();
