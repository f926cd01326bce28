// eventwire dashboard: plain JS + SVG, no dependencies. Filters live in the URL query
// string (shareable views); /event/<id> shows one event with its evidence highlighted.
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const FILTERS = ["since", "until", "country", "type", "status", "actor", "q"];
// PLOVER type → marker colour (violence in reds, coercion in ambers, cooperation in blues/greens)
const TYPE_COLOURS = {
  ASSAULT: "#c62828", FIGHT: "#8e0000", COERCE: "#ef6c00", THREATEN: "#f9a825", PROTEST: "#8e24aa",
  SANCTION: "#6d4c41", ACCUSE: "#d81b60", REJECT: "#ad1457", MOBILIZE: "#bf360c", DEMAND: "#5d4037",
  CONSULT: "#1e88e5", AGREE: "#00897b", SUPPORT: "#43a047", CONCEDE: "#7cb342", COOPERATE: "#3949ab",
  AID: "#2e7d32", RETREAT: "#546e7a", INVESTIGATE: "#00838f", DISAPPROVE: "#d81b60",
};
const CURVE_COLOURS = ["#d32f2f", "#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a"];
// evidence role → highlight class (what the analyst asked to see)
const ROLE_CLASS = {
  actor1: "ev-actor", actor2: "ev-actor", trigger: "ev-action", location: "ev-place", date: "ev-date",
  fatalities: "ev-fatalities", injuries: "ev-fatalities", attribution: "ev-attribution",
};
const ROLE_PRIORITY = ["fatalities", "injuries", "location", "date", "trigger", "actor1", "actor2", "attribution"];
const LON0 = -180, LAT0 = 90, K = 2; // equirectangular: x = (lon+180)*K, y = (90-lat)*K

const $ = (sel, root = document) => root.querySelector(sel);
const colourOf = (type) => TYPE_COLOURS[type] || "#607d8b";
const proj = (lon, lat) => [(lon - LON0) * K, (LAT0 - lat) * K];

function el(tag, attrs = {}, ...children) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVGNS, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined) continue;
    if (k === "text") node.textContent = v;
    else if (k === "on") for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

async function api(path) {
  const res = await fetch(path, { headers: { Accept: "application/json" } });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.json();
}

function params() { return new URLSearchParams(location.search); }
function filterQuery(extra = {}) {
  const p = new URLSearchParams();
  const cur = params();
  for (const k of [...FILTERS, "sort"]) if (cur.get(k)) p.set(k, cur.get(k));
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}

// ---- TopoJSON (world-atlas) decoding --------------------------------------------------

let WORLD = null;
async function world() {
  if (WORLD) return WORLD;
  const topo = await api("/static/countries-110m.json");
  const [sx, sy] = topo.transform.scale, [tx, ty] = topo.transform.translate;
  const arcs = topo.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
  });
  const ring = (idx) => {
    const pts = [];
    for (const i of idx) {
      const a = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
      pts.push(...(pts.length ? a.slice(1) : a));
    }
    return pts;
  };
  const toPath = (rings) => rings.map((r) => "M" + ring(r).map(([lon, lat]) => proj(lon, lat).map((v) => v.toFixed(2)).join(",")).join("L") + "Z").join("");
  WORLD = topo.objects.countries.geometries.filter((g) => g.arcs).map((g) => {
    const polys = g.type === "Polygon" ? [g.arcs] : g.arcs;
    return { id: g.id, name: g.properties.name, d: polys.map(toPath).join("") };
  });
  return WORLD;
}

// ---- map ------------------------------------------------------------------------------

function fitView(points) {
  if (!points.length) return [0, 10 * K, 360 * K, 150 * K];
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); }
  const w = Math.max(x1 - x0, 30 * K), h = Math.max(y1 - y0, 18 * K);
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, pad = 1.5;
  return [cx - (w * pad) / 2, cy - (h * pad) / 2, w * pad, h * pad];
}

async function drawMap(rows, total) {
  const countries = await world();
  const box = $("#map");
  box.replaceChildren();
  const located = rows.filter((r) => r.location_lat !== null && r.location_lon !== null);
  const pts = located.map((r) => proj(r.location_lon, r.location_lat));
  const view = fitView(pts);
  const svg = el("svg:svg", { viewBox: view.join(" "), preserveAspectRatio: "xMidYMid meet", id: "map-svg" });
  box.append(svg);
  const hit = new Set(located.map((r) => r.location_country));
  const land = el("svg:g", { class: "countries" });
  for (const c of countries) {
    land.append(el("svg:path", { d: c.d, class: "country", "data-name": c.name, "data-id": c.id }, el("svg:title", { text: c.name })));
  }
  svg.append(land);
  const unit = Math.max(view[2] / Math.max(box.clientWidth, 1), view[3] / Math.max(svg.clientHeight, 1)); // view units per px
  const labels = el("svg:g");
  svg.append(labels);
  for (const path of land.children) { // label the countries that hold events
    if (![...hit].some((iso) => ISO_NUMERIC[iso] === path.dataset.id)) continue;
    path.classList.add("has-events");
    const b = path.getBBox();
    labels.append(el("svg:text", { x: b.x + b.width / 2, y: b.y + b.height / 2, class: "country-label", "font-size": 11 * unit, text: path.dataset.name }));
  }
  const marks = el("svg:g", { class: "markers" });
  located.forEach((r, i) => {
    const [x, y] = pts[i];
    const killed = r.fatalities_best || 0;
    const radius = (4 + 2.5 * Math.sqrt(killed)) * unit;
    marks.append(el("svg:circle", {
      cx: x, cy: y, r: radius, class: "marker", fill: colourOf(r.type), "data-id": r.id, "data-type": r.type,
      "data-country": r.location_country || "", "data-fatalities": killed,
      on: { click: () => go(`/event/${encodeURIComponent(r.id)}`) },
    }, el("svg:title", { text: `${r.type} · ${r.location_name || ""} · ${r.date || "undated"} · killed ${r.fatalities_best ?? "?"}` })));
  });
  svg.append(marks);
  zoomable(svg);
  $("#map-note").textContent = `${located.length} located of ${total} events` + (rows.length < total ? ` (largest ${rows.length} shown)` : "");
  const legend = $("#map-legend");
  legend.replaceChildren();
  for (const t of [...new Set(located.map((r) => r.type))].sort()) {
    const sw = el("span", { class: "sw" }); sw.style.background = colourOf(t);
    legend.append(el("span", {}, sw, t));
  }
  legend.append(el("span", { text: "size: fatalities" }));
}

function zoomable(svg) {
  // wheel to zoom, drag to pan: the viewBox moves, the drawing never re-renders
  let vb = svg.getAttribute("viewBox").split(" ").map(Number), drag = null;
  const set = () => svg.setAttribute("viewBox", vb.join(" "));
  svg.addEventListener("wheel", (e) => {
    e.preventDefault();
    const f = e.deltaY > 0 ? 1.25 : 0.8, r = svg.getBoundingClientRect();
    const px = vb[0] + (vb[2] * (e.clientX - r.left)) / r.width, py = vb[1] + (vb[3] * (e.clientY - r.top)) / r.height;
    vb = [px - (px - vb[0]) * f, py - (py - vb[1]) * f, vb[2] * f, vb[3] * f];
    set();
  }, { passive: false });
  svg.addEventListener("pointerdown", (e) => { if (e.target.tagName !== "circle") drag = [e.clientX, e.clientY, vb[0], vb[1]]; });
  svg.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const r = svg.getBoundingClientRect(), s = Math.max(vb[2] / r.width, vb[3] / r.height);
    vb[0] = drag[2] - (e.clientX - drag[0]) * s; vb[1] = drag[3] - (e.clientY - drag[1]) * s; set();
  });
  for (const ev of ["pointerup", "pointerleave"]) svg.addEventListener(ev, () => { drag = null; });
}

// ISO-3 → ISO numeric (world-atlas ids), filled from /api/stats/facets countries on load
const ISO_NUMERIC = {};

// ---- timeline -------------------------------------------------------------------------

function drawTimeline(perDay, perDyad) {
  const box = $("#timeline");
  box.replaceChildren();
  const legend = $("#timeline-legend");
  legend.replaceChildren();
  if (!perDay.length) { box.append(el("p", { class: "empty", text: "no dated events" })); return; }
  const W = Math.max(box.clientWidth, 300), H = box.clientWidth < 500 ? 220 : 330, L = 34, R = 34, T = 10, B = 22;
  const day = (s) => Date.parse(s) / 864e5;
  const d0 = day(perDay[0].period) - 1, d1 = day(perDay[perDay.length - 1].period) + 1;
  const x = (s) => L + ((day(s) - d0) / Math.max(d1 - d0, 1)) * (W - L - R);
  const maxN = Math.max(...perDay.map((r) => r.events));
  const dyads = topDyads(perDyad, 5);
  const gs = perDyad.filter((r) => dyads.includes(r.key)).map((r) => r.goldstein);
  const gMax = Math.max(1, ...gs.map(Math.abs));
  const yN = (n) => H - B - (n / maxN) * (H - T - B);
  const yG = (g) => T + (H - T - B) / 2 - (g / gMax) * ((H - T - B) / 2);
  const svg = el("svg:svg", { viewBox: `0 0 ${W} ${H}`, id: "timeline-svg" });
  const bw = Math.max(2, Math.min(24, ((W - L - R) / Math.max(d1 - d0, 1)) * 0.7));
  for (const r of perDay) {
    svg.append(el("svg:rect", { class: "bar", x: x(r.period) - bw / 2, y: yN(r.events), width: bw, height: H - B - yN(r.events), "data-day": r.period },
      el("svg:title", { text: `${r.period}: ${r.events} events, Goldstein ${r.goldstein}` })));
  }
  svg.append(el("svg:line", { class: "axis", x1: L, x2: W - R, y1: H - B, y2: H - B }));
  svg.append(el("svg:line", { class: "zero", x1: L, x2: W - R, y1: yG(0), y2: yG(0) }));
  svg.append(el("svg:text", { x: L - 4, y: T + 8, "text-anchor": "end", text: String(maxN) }));
  svg.append(el("svg:text", { x: W - R + 4, y: yG(gMax) + 8, text: `+${Math.round(gMax)}` }));
  svg.append(el("svg:text", { x: W - R + 4, y: yG(-gMax), text: `−${Math.round(gMax)}` }));
  svg.append(el("svg:text", { x: L, y: H - 6, text: perDay[0].period }));
  svg.append(el("svg:text", { x: W - R, y: H - 6, "text-anchor": "end", text: perDay[perDay.length - 1].period }));
  dyads.forEach((key, i) => {
    const pts = perDyad.filter((r) => r.key === key);
    const colour = CURVE_COLOURS[i % CURVE_COLOURS.length];
    svg.append(el("svg:path", { class: "curve", stroke: colour, "data-dyad": key, d: pts.map((r, j) => `${j ? "L" : "M"}${x(r.period).toFixed(1)},${yG(r.goldstein).toFixed(1)}`).join("") }));
    for (const r of pts) svg.append(el("svg:circle", { class: "dot", cx: x(r.period), cy: yG(r.goldstein), r: 3.5, fill: colour }, el("svg:title", { text: `${key} ${r.period}: Goldstein ${r.goldstein} (${r.events} events)` })));
    const ln = el("span", { class: "ln" }); ln.style.background = colour;
    legend.append(el("span", {}, ln, key));
  });
  legend.append(el("span", { text: "bars: events per day (left axis); lines: Goldstein sum (right axis)" }));
  box.append(svg);
}

function topDyads(rows, n) {
  const count = {};
  for (const r of rows) count[r.key] = (count[r.key] || 0) + r.events;
  return Object.keys(count).sort((a, b) => count[b] - count[a] || a.localeCompare(b)).slice(0, n);
}

// ---- table ----------------------------------------------------------------------------

let nextCursor = null;
function tableRows(rows) {
  const body = $("#events tbody");
  for (const r of rows) {
    const chip = el("span", { class: "type-chip", text: r.type }); chip.style.background = colourOf(r.type);
    const actor = (n, c) => (n ? `${n}${c ? ` (${c})` : ""}` : "");
    body.append(el("tr", { "data-id": r.id, "data-type": r.type, on: { click: () => go(`/event/${encodeURIComponent(r.id)}`) } },
      el("td", { text: r.date || "" }), el("td", {}, chip, r.acled_sub_event_type ? ` ${r.acled_sub_event_type}` : ""),
      el("td", { text: actor(r.actor1_name, r.actor1_country) }), el("td", { text: actor(r.actor2_name, r.actor2_country) }),
      el("td", { text: [r.location_name, r.location_country].filter(Boolean).join(", ") }),
      el("td", { text: r.fatalities_best ?? "" }), el("td", { text: r.goldstein ?? "" }), el("td", { text: r.status })));
  }
}

async function loadMore() {
  const page = await api(`/api/events?${filterQuery({ view: "summary", limit: 50, cursor: nextCursor })}`);
  tableRows(page.events);
  nextCursor = page.next;
  $("#more").hidden = !nextCursor;
}

function markSort() {
  const sort = params().get("sort") || "-date";
  for (const th of document.querySelectorAll("th[data-sort]")) {
    const name = th.dataset.sort;
    th.classList.toggle("sorted", sort.replace("-", "") === name);
    th.classList.toggle("asc", sort === name);
  }
}

// ---- desk (map + timeline + table) ------------------------------------------------------

let facetsLoaded = null;
async function loadFacets() {
  const f = await api("/api/stats/facets");
  const fill = (name, values) => {
    const sel = $(`select[name=${name}]`);
    for (const v of values) sel.append(el("option", { value: v.value, text: `${v.label || v.value} (${v.events})` }));
  };
  fill("country", f.country);
  fill("type", [...f.type, ...f.acled_event_type.map((v) => ({ ...v, label: `ACLED: ${v.value}` }))]);
  fill("status", f.status);
  for (const c of f.country) if (c.numeric) ISO_NUMERIC[c.value] = c.numeric;
}

function syncForm() {
  const p = params();
  for (const name of FILTERS) { const input = $(`#filters [name=${name}]`); if (input) input.value = p.get(name) || ""; }
}

async function showDesk() {
  $("#desk").hidden = false; $("#event").hidden = true;
  document.title = "eventwire — the analyst's desk";
  await facetsLoaded;
  syncForm(); markSort();
  const [mapPage, table, perDay, perDyad] = await Promise.all([
    api(`/api/events?${filterQuery({ view: "summary", limit: 1000, sort: "-fatalities" })}`),
    api(`/api/events?${filterQuery({ view: "summary", limit: 50 })}`),
    api(`/api/stats/timeline?${filterQuery({ interval: "day", group: "none" })}`),
    api(`/api/stats/timeline?${filterQuery({ interval: "day", group: "dyad", top: 5 })}`),
  ]);
  await drawMap(mapPage.events, mapPage.total);
  drawTimeline(perDay, perDyad);
  $("#events tbody").replaceChildren();
  tableRows(table.events);
  nextCursor = table.next;
  $("#more").hidden = !nextCursor;
  $("#table-note").textContent = `${table.total} matching`;
  for (const a of document.querySelectorAll(".exports a")) a.href = `/api/export?${filterQuery({ format: a.dataset.format })}`;
  document.body.dataset.ready = "desk";
}

// ---- event page -------------------------------------------------------------------------

function highlighted(text, spans) {
  // split the text at every span boundary; each piece takes the classes of the spans over it
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const out = el("div", { class: "article-text", id: "article-text" });
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const over = spans.filter((s) => s.start <= a && s.end >= b);
    const piece = text.slice(a, b);
    const roles = over.map((s) => s.role).filter((r) => ROLE_CLASS[r]);
    const inSentence = over.some((s) => s.role === "sentence");
    if (roles.length) {
      roles.sort((x, y) => ROLE_PRIORITY.indexOf(x) - ROLE_PRIORITY.indexOf(y));
      out.append(el("mark", { class: ROLE_CLASS[roles[0]], "data-role": roles.join(" "), title: roles.join(", "), text: piece }));
    } else if (inSentence) out.append(el("span", { class: "sentence", text: piece }));
    else out.append(document.createTextNode(piece));
  }
  return out;
}

function describeActor(a) { return a ? `${a.name}${a.country ? ` (${a.country}${a.sector ? ", " + a.sector : ""})` : ""} — “${a.text}”` : "—"; }
function describeCount(c) {
  if (c.best === null && c.low === null && c.high === null) return "unknown";
  const range = c.low !== null || c.high !== null ? ` [${c.low ?? "?"}–${c.high ?? "?"}]` : "";
  return `${c.best ?? "?"}${range}${c.victims ? " " + c.victims : ""}`;
}

function describeRevision(r) {
  // `value` is the JSON the resolver stored: a toll {best, low, high}, a status, an attribution
  let v = r.value;
  try { v = JSON.parse(r.value); } catch (_) { /* already plain */ }
  const shown = v && typeof v === "object" ? ("best" in v ? describeCount(v) : v.text ? `${v.text} (${v.source_type})` : JSON.stringify(v)) : String(v);
  const flags = [r.changed ? "changed" : "", r.current ? "current" : ""].filter(Boolean).join(", ");
  return `${r.reported || "undated"} · ${r.field}: ${shown} — ${r.article_id || r.article_hash || "?"}${r.source_type ? ` (${r.source_type})` : ""}${flags ? ` · ${flags}` : ""}`;
}

function describeIncident(inc) {
  // the cross-article incident: one real-world event, every report of it
  const box = el("div", { id: "event-incident" });
  if (!inc) { box.append(el("p", { class: "empty", text: "not resolved across articles" })); return box; }
  const toll = inc.fatalities_best === null && inc.fatalities_low === null ? "unknown" : `${inc.fatalities_best ?? "?"} [${inc.fatalities_low ?? "?"}–${inc.fatalities_high ?? "?"}]`;
  box.append(el("p", { text: `${inc.id} · ${inc.reports} report(s), ${inc.independent_sources} independent source(s) · first ${inc.first_report || "?"}, last ${inc.last_report || "?"} · killed ${toll} · ${inc.status} · confidence ${inc.confidence}` }));
  const list = el("ul", { class: "plain", id: "incident-sources" });
  for (const m of inc.sources) {
    const name = m.title || m.article_id || m.article_hash;
    const label = el("a", { href: `/event/${encodeURIComponent(m.event_id)}`, text: name });
    list.append(el("li", {}, label, ` · ${m.source || "unknown source"} · ${m.reported || "undated"}${m.duplicate_of ? " · near-duplicate" : ""} — ${m.rationale || ""}`));
  }
  box.append(list);
  return box;
}

async function showEvent(id) {
  $("#desk").hidden = true;
  const box = $("#event");
  box.hidden = false;
  box.replaceChildren(el("p", { class: "empty", text: "loading…" }));
  let data;
  try { data = await api(`/api/events/${encodeURIComponent(id)}`); }
  catch (e) { box.replaceChildren(el("p", { class: "empty", text: "No such event." }), el("a", { class: "back", text: "← back", on: { click: () => go("/") } })); return; }
  const e = data.event;
  const article = await api(`/api/articles/${encodeURIComponent(data.article.content_hash)}`);
  const spans = article.spans.filter((s) => s.event_id === e.id);
  document.title = `${e.type} — eventwire`;
  const loc = e.location;
  const field = (k, v) => [el("dt", { text: k }), el("dd", { text: v ?? "—" })];
  const dl = el("dl", { id: "event-fields" },
    ...field("Type", `${e.type}${e.mode ? " / " + e.mode : ""} · CAMEO ${e.cameo ?? "—"} · Goldstein ${e.goldstein ?? "—"}`),
    ...field("ACLED", e.acled_event_type ? `${e.acled_event_type} — ${e.acled_sub_event_type || ""}` : null),
    ...field("Actor 1", describeActor(e.actor1)), ...field("Actor 2", describeActor(e.actor2)),
    ...field("Date", e.date ? `${e.date} (${e.date_precision || "?"} precision)` : null),
    ...field("Where", loc ? `${loc.name}, ${loc.country || "?"} (precision ${loc.geo_precision}) — “${loc.text}”` : null),
    ...field("Killed", describeCount(e.fatalities)), ...field("Injured", describeCount(e.injuries)),
    ...field("Status", e.status),
    ...field("According to", e.attribution ? `${e.attribution.text} (${e.attribution.source_type})` : null),
    ...field("Confidence", `${e.confidence} · ${e.mentions} mention(s)`));
  const key = el("p", { class: "key" });
  for (const [cls, label] of [["ev-actor", "actor"], ["ev-action", "action"], ["ev-place", "place"], ["ev-date", "date"], ["ev-fatalities", "casualties"], ["ev-attribution", "attribution"]]) key.append(el("mark", { class: cls, text: label }));
  const src = el("ul", { class: "plain", id: "event-sources" });
  for (const s of data.sources) src.append(el("li", {}, s.url ? el("a", { href: s.url, rel: "noopener noreferrer", text: s.title || s.url }) : (s.title || s.article_id), ` · ${s.source || "unknown source"} · ${s.date || "undated"}`));
  const linked = el("ul", { class: "plain", id: "event-links" });
  const byId = Object.fromEntries(data.linked_events.map((r) => [r.id, r]));
  for (const l of data.links) {
    const other = byId[l.event];
    const arrow = l.direction === "in" ? "←" : "→";
    const origin = l.origin ? ` (${l.origin === "article" ? "same article" : "across articles"})` : "";
    linked.append(el("li", {}, `${l.type || "link"}${origin} ${arrow} `, other ? el("a", { href: `/event/${encodeURIComponent(other.id)}`, text: `${other.type} ${other.actor1_name || ""} → ${other.actor2_name || ""} (${other.date || "undated"})` }) : String(l.event || JSON.stringify(l))));
  }
  if (!data.links.length) linked.append(el("li", { class: "empty", text: "none" }));
  const revs = el("ul", { class: "plain", id: "event-revisions" });
  for (const r of data.revisions) revs.append(el("li", { class: r.current ? "current" : null, text: describeRevision(r) }));
  if (!data.revisions.length) revs.append(el("li", { class: "empty", text: "no revisions recorded" }));
  const incident = describeIncident(data.incident);
  for (const a of box.querySelectorAll("a")) a.remove();
  box.replaceChildren(
    el("a", { class: "back", href: "/" + (sessionStorage.getItem("desk-query") || ""), text: "← back to the desk" }),
    el("h1", { text: `${e.type}: ${e.actor1?.name || "?"} → ${e.actor2?.name || "?"}` }),
    el("section", { class: "panel" }, dl, el("h2", { text: "Sources" }), src, el("h2", { text: "Incident" }), incident, el("h2", { text: "Linked events" }), linked, el("h2", { text: "Revisions" }), revs),
    el("section", { class: "panel" }, el("h2", { text: article.title || article.id }),
      article.author ? el("p", { class: "byline", id: "article-byline", text: `By ${article.author}${article.source ? " · " + article.source : ""}` }) : null,
      key, highlighted(article.text, spans)),
  );
  for (const a of box.querySelectorAll("a[href^='/']")) a.addEventListener("click", (ev) => { ev.preventDefault(); go(a.getAttribute("href")); });
  document.body.dataset.ready = "event";
}

// ---- routing ----------------------------------------------------------------------------

function go(url) { history.pushState(null, "", url); route(); }
function route() {
  document.body.dataset.ready = "";
  const m = location.pathname.match(/^\/event\/(.+)$/);
  if (m) return showEvent(decodeURIComponent(m[1]));
  sessionStorage.setItem("desk-query", location.search);
  return showDesk();
}

function wire() {
  const form = $("#filters");
  form.addEventListener("change", () => {
    const p = params();
    for (const name of FILTERS) { const v = form.elements[name].value.trim(); if (v) p.set(name, v); else p.delete(name); }
    go(`/?${p}`);
  });
  form.addEventListener("submit", (e) => e.preventDefault());
  $("#reset").addEventListener("click", () => go("/"));
  $("#more").addEventListener("click", loadMore);
  for (const th of document.querySelectorAll("th[data-sort]")) th.addEventListener("click", () => {
    const p = params(), name = th.dataset.sort, cur = p.get("sort") || "-date";
    p.set("sort", cur === `-${name}` ? name : `-${name}`);
    go(`/?${p}`);
  });
  window.addEventListener("popstate", route);
  let resized;
  window.addEventListener("resize", () => { clearTimeout(resized); resized = setTimeout(() => { if (!$("#desk").hidden) showDesk(); }, 250); });
}

document.addEventListener("DOMContentLoaded", () => {
  wire();
  facetsLoaded = loadFacets();
  route();
});
