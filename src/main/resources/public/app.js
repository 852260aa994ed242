// Byline's search page. Everything it shows comes from the public API; all state lives in the
// URL, so links can be shared and back/forward work. Article text is only ever inserted as text:
// the one piece of markup taken from the server is its <mark> around matches (see marked()).

const $ = (id) => document.getElementById(id);
const FILTERS = ["author", "source", "category"];
const SORTS = {
  best: { sort: "relevance" },
  recent: { sort: "relevance", recency: "1y" },
  newest: { sort: "newest" },
};

// ---- state in the URL ----

function readState() {
  const p = new URLSearchParams(location.search);
  const state = { q: p.get("q") || "", from: p.get("from") || "", to: p.get("to") || "",
    sort: p.get("sort") || "best", article: p.get("article") || "" };
  for (const f of FILTERS) state[f] = p.getAll(f);
  return state;
}

function urlOf(state) {
  const p = new URLSearchParams();
  if (state.article) p.set("article", state.article);
  if (state.q) p.set("q", state.q);
  for (const f of FILTERS) for (const v of state[f] || []) p.append(f, v);
  if (state.from) p.set("from", state.from);
  if (state.to) p.set("to", state.to);
  if (state.sort && state.sort !== "best") p.set("sort", state.sort);
  const qs = p.toString();
  return qs ? "?" + qs : location.pathname;
}

function go(state) {
  history.pushState(null, "", urlOf(state));
  window.scrollTo(0, 0); // a new search or article starts at the top; back/forward keep their place
  render();
}

// ---- safe rendering ----

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };
const unescape = (s) => s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e) => ENTITIES[e]);

/** Server HTML (escaped text plus <mark> tags) as DOM nodes, built without innerHTML. */
function marked(html) {
  const frag = document.createDocumentFragment();
  let inMark = false;
  for (const part of (html || "").split(/(<mark>|<\/mark>)/)) {
    if (part === "<mark>") { inMark = true; continue; }
    if (part === "</mark>") { inMark = false; continue; }
    if (!part) continue;
    const text = document.createTextNode(unescape(part));
    if (inMark) { const m = el("mark"); m.append(text); frag.append(m); } else frag.append(text);
  }
  return frag;
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await response.json(); } catch { /* not JSON */ }
  if (!response.ok) {
    const message = body && body.message ? body.message : `the server answered ${response.status}`;
    throw new Error(message);
  }
  return body;
}

function showError(error) {
  const box = $("error");
  box.hidden = false;
  box.textContent = "Something went wrong: " + error.message;
}

// ---- search ----

let nextCursor = null;

function searchParams(state) {
  const p = new URLSearchParams();
  const q = state.q;
  if (q) p.set("q", q);
  for (const f of FILTERS) for (const v of state[f]) p.append(f, v);
  if (state.from) p.set("from", state.from);
  if (state.to) p.set("to", state.to);
  for (const [k, v] of Object.entries(SORTS[state.sort] || SORTS.best)) p.set(k, v);
  return p;
}

async function runSearch(state) {
  $("results-view").hidden = false;
  $("article-view").hidden = true;
  $("q").value = state.q;
  $("sort").value = SORTS[state.sort] ? state.sort : "best";
  $("error").hidden = true;
  document.title = state.q ? `${state.q} — Byline` : "Byline — search the archive";
  const p = searchParams(state);
  let data;
  try {
    data = await api("/api/search?" + p.toString());
  } catch (e) {
    $("hits").replaceChildren();
    $("facets").replaceChildren();
    $("status").textContent = "";
    $("more").hidden = true;
    showError(e);
    rendered();
    return;
  }
  renderHits(data, state, false);
  renderFacets(data.facets, state);
  renderChips(state, data.understood);
  renderDidYouMean(data.suggestion, state);
  renderNotice(data, state);
  rendered();
}

/** Says when the words were read loosely, or when a date phrase left nothing the words alone would find. */
function renderNotice(data, state) {
  const box = $("notice");
  box.replaceChildren();
  const u = data.understood;
  if (u && u.total_without_date) {
    const n = u.total_without_date.toLocaleString("en");
    box.append(`Nothing ${u.text}. ${n} ${u.total_without_date === 1 ? "article matches" : "articles match"} at any date: `,
      el("a", { href: urlOf({ ...state, q: u.query }), id: "without-date-link",
        onclick: (ev) => { ev.preventDefault(); go({ ...state, q: u.query }); } }, `search “${u.query}” without the date`), ".");
  } else if (data.relaxed) {
    box.append("No article has all of these words; showing articles with some of them.");
  }
  box.hidden = box.childNodes.length === 0;
}

/** Marks the page as showing what the URL says (tests and assistive tools can wait for it). */
function rendered() {
  document.body.dataset.rendered = location.search;
}

function renderHits(data, state, append) {
  const list = $("hits");
  if (!append) list.replaceChildren();
  for (const hit of data.hits) list.append(hitItem(hit, state));
  const shown = list.children.length;
  $("status").textContent = `${data.total.toLocaleString("en")}${data.total_relation === "gte" ? "+" : ""} `
    + `article${data.total === 1 ? "" : "s"} · ${data.took_ms} ms`
    + (shown && shown < data.total ? ` · showing ${shown}` : "");
  nextCursor = data.next_cursor;
  $("more").hidden = !nextCursor;
  const empty = $("empty");
  empty.replaceChildren();
  empty.hidden = data.total !== 0;
  if (data.total === 0) {
    const filtered = FILTERS.some((f) => state[f].length) || state.from || state.to;
    empty.append(el("p", {}, state.q ? `No articles match “${state.q}”` : "No articles match", filtered ? " with these filters." : "."));
    if (filtered) {
      empty.append(el("button", { type: "button", id: "drop-filters", onclick: () =>
        go({ ...state, author: [], source: [], category: [], from: "", to: "" }) }, "Search without filters"));
    } else if (state.q) {
      empty.append(el("p", { class: "meta" }, "Try fewer or different words."));
    }
  }
}

function hitItem(hit, state) {
  const link = el("a", { href: urlOf({ ...state, article: hit.id }), "data-id": hit.id,
    onclick: (ev) => { ev.preventDefault(); go({ ...state, article: hit.id }); } });
  link.append(hit.title_html ? marked(hit.title_html) : document.createTextNode(hit.title));
  const meta = [hit.date ? hit.date.slice(0, 10) : null, hit.author.join(", ") || null, hit.source,
    hit.category.join(", ") || null].filter(Boolean).join(" · ");
  const item = el("li", { class: "hit" }, el("h3", {}, link), el("div", { class: "meta" }, meta));
  for (const s of hit.snippets) item.append(el("p", { class: "snippet" }, marked(s)));
  return item;
}

async function more() {
  const state = readState();
  const p = searchParams(state);
  p.set("cursor", nextCursor);
  p.set("facets", "false");
  try {
    const data = await api("/api/search?" + p.toString());
    renderHits(data, state, true);
  } catch (e) { showError(e); }
}

// ---- facets, chips, did you mean ----

const LABELS = { category: "Categories", source: "Sources", author: "Authors" };

function renderFacets(facets, state) {
  const box = $("facets");
  box.replaceChildren();
  for (const field of ["category", "source", "author"]) {
    const values = (facets && facets[field]) || [];
    if (!values.length && !state[field].length) continue;
    const list = el("ul");
    for (const { value, count } of values) {
      const active = state[field].includes(value);
      list.append(el("li", {}, el("button", { type: "button", class: "facet", "aria-pressed": String(active),
        "data-field": field, "data-value": value,
        onclick: () => toggle(state, field, value) }, el("span", {}, value), el("span", { class: "count" }, String(count)))));
    }
    box.append(el("h2", {}, LABELS[field]), list);
  }
  box.append(el("h2", {}, "Published"), histogram((facets && facets.year) || [], state), dateInputs(state));
}

function toggle(state, field, value) {
  const values = state[field].includes(value) ? state[field].filter((v) => v !== value) : [...state[field], value];
  go({ ...state, [field]: values });
}

function histogram(years, state) {
  const wrap = el("div");
  if (!years.length) return wrap;
  const max = Math.max(...years.map((y) => y.count));
  const bars = el("div", { class: "histogram", role: "group", "aria-label": "Articles per year: click a year, or drag across years" });
  let pickStart = null;
  const pick = (a, b) => {
    const [lo, hi] = [Math.min(a, b), Math.max(a, b)];
    go({ ...state, from: `${lo}-01-01`, to: `${hi}-12-31` });
  };
  for (const { value, count } of years) {
    const y = Number(value);
    const inRange = state.from && state.to && state.from <= `${y}-12-31` && state.to >= `${y}-01-01`;
    const bar = el("button", { type: "button", class: "bar", "data-year": value, "aria-pressed": String(Boolean(inRange)),
      title: `${value}: ${count}`, "aria-label": `${value}: ${count} articles` });
    bar.style.height = `${Math.max(8, Math.round((count / max) * 100))}%`; // CSSOM: allowed by the CSP
    bar.addEventListener("mousedown", (ev) => { ev.preventDefault(); pickStart = y; bar.classList.add("picking"); });
    bar.addEventListener("mouseup", () => { if (pickStart !== null) { const s = pickStart; pickStart = null; pick(s, y); } });
    bar.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); pick(y, y); } });
    bars.append(bar);
  }
  wrap.append(bars, el("div", { class: "years" }, el("span", {}, years[0].value), el("span", {}, years[years.length - 1].value)));
  return wrap;
}

function dateInputs(state) {
  const from = el("input", { type: "date", id: "from", value: state.from.slice(0, 10) });
  const to = el("input", { type: "date", id: "to", value: state.to.slice(0, 10) });
  const form = el("form", { class: "range", onsubmit: (ev) => { ev.preventDefault(); go({ ...state, from: from.value, to: to.value }); } },
    el("label", {}, "From ", from), el("label", {}, "To ", to), el("button", { type: "submit" }, "Apply"));
  return form;
}

function renderChips(state, understood) {
  const box = $("chips");
  box.replaceChildren();
  const chip = (label, remove, extra = {}) => box.append(el("button", { type: "button", class: "chip", onclick: remove,
    "aria-label": `Remove filter ${label}`, ...extra }, label, el("span", { class: "x", "aria-hidden": "true" }, "×")));
  for (const f of FILTERS) {
    for (const v of state[f]) chip(`${f}: ${v}`, () => go({ ...state, [f]: state[f].filter((x) => x !== v) }), { "data-field": f, "data-value": v });
  }
  if (state.from || state.to) chip(`date: ${state.from || "…"} – ${state.to || "…"}`, () => go({ ...state, from: "", to: "" }));
  if (understood) {
    chip(`“${understood.text}”: ${understood.from || "…"} – ${understood.to || "…"}`,
      () => go({ ...state, q: state.q.replace(understood.text, "").replace(/\s+/g, " ").trim() }), { id: "understood" });
  }
}

function renderDidYouMean(suggestion, state) {
  const box = $("didyoumean");
  box.replaceChildren();
  box.hidden = !suggestion;
  if (!suggestion) return;
  box.append("Did you mean ", el("a", { href: urlOf({ ...state, q: suggestion }), id: "suggestion-link",
    onclick: (ev) => { ev.preventDefault(); go({ ...state, q: suggestion }); } }, suggestion), "?");
}

// ---- the article view ----

async function showArticle(state) {
  $("results-view").hidden = true;
  const view = $("article-view");
  view.hidden = false;
  view.replaceChildren(el("p", { class: "meta" }, "Loading…"));
  $("q").value = state.q;
  let article;
  try {
    article = await api(`/api/articles/${encodeURIComponent(state.article)}` + (state.q ? `?q=${encodeURIComponent(state.q)}` : ""));
  } catch (e) {
    view.replaceChildren(el("p", { role: "alert" }, "This article could not be shown: " + e.message));
    rendered();
    return;
  }
  document.title = `${article.title} — Byline`;
  const back = el("a", { href: urlOf({ ...state, article: "" }), onclick: (ev) => { ev.preventDefault(); history.back(); } }, "← Back to results");
  const title = el("h1");
  title.append(article.title_html ? marked(article.title_html) : document.createTextNode(article.title));
  const meta = [article.date, article.author.join(", ") || null, article.source, article.category.join(", ") || null]
    .filter(Boolean).join(" · ");
  const body = el("div", { class: "body" });
  const text = article.body_html || null;
  for (const para of (text || article.body).split(/\n\s*\n/)) {
    body.append(el("p", {}, text ? marked(para) : para));
  }
  const source = article.url ? el("p", { class: "meta" }, "Original: ", el("a", { href: article.url, rel: "noopener noreferrer" }, article.url)) : null;
  const related = el("section", { class: "related", "aria-label": "Related articles" }, el("h2", {}, "Related articles"));
  view.replaceChildren(back, title, el("p", { class: "meta" }, meta), body, source, related);
  title.setAttribute("tabindex", "-1");
  title.focus();
  rendered();
  try {
    const data = await api(`/api/articles/${encodeURIComponent(article.id)}/related?size=5`);
    const list = el("ul", { id: "related" });
    for (const hit of data.hits) {
      list.append(el("li", {}, el("a", { href: urlOf({ ...state, article: hit.id }), "data-id": hit.id,
        onclick: (ev) => { ev.preventDefault(); go({ ...state, article: hit.id }); } }, hit.title),
        el("span", { class: "meta" }, hit.date ? " · " + hit.date.slice(0, 10) : "")));
    }
    related.append(data.hits.length ? list : el("p", { class: "meta" }, "No related articles."));
  } catch (e) {
    related.append(el("p", { role: "alert" }, "Related articles could not be loaded: " + e.message));
  }
}

// ---- suggestions as you type ----

let suggestTimer = null;
let suggestRequest = 0;
let active = -1;

function closeSuggestions() {
  const list = $("suggestions");
  list.hidden = true;
  list.replaceChildren();
  active = -1;
  $("q").setAttribute("aria-expanded", "false");
  $("q").removeAttribute("aria-activedescendant");
}

async function updateSuggestions() {
  const typed = $("q").value;
  const mine = ++suggestRequest;
  if (!typed.trim()) { closeSuggestions(); return; }
  let data;
  try { data = await api(`/api/suggest?size=8&q=${encodeURIComponent(typed)}`); } catch { closeSuggestions(); return; }
  if (mine !== suggestRequest || $("q").value !== typed) return; // stale: a later keystroke or a navigation
  const list = $("suggestions");
  list.replaceChildren();
  active = -1;
  data.suggestions.forEach((s, i) => {
    const item = el("li", { role: "option", id: `suggestion-${i}`, "aria-selected": "false", "data-kind": s.kind },
      el("span", { class: "kind" }, s.kind), el("span", {}, s.value));
    item.addEventListener("mousedown", (ev) => { ev.preventDefault(); choose(s); });
    list.append(item);
  });
  list.hidden = data.suggestions.length === 0;
  $("q").setAttribute("aria-expanded", String(!list.hidden));
  list._items = data.suggestions;
}

function moveActive(step) {
  const list = $("suggestions");
  const items = [...list.children];
  if (!items.length) return;
  active = (active + step + items.length) % items.length;
  items.forEach((li, i) => li.setAttribute("aria-selected", String(i === active)));
  $("q").setAttribute("aria-activedescendant", items[active].id);
}

function choose(s) {
  closeSuggestions();
  const state = { ...readState(), article: "" };
  if (s.kind === "title") go({ ...state, article: s.id });
  else go({ ...state, q: "", [s.kind]: state[s.kind].includes(s.value) ? state[s.kind] : [...state[s.kind], s.value] });
}

// ---- wiring ----

function render() {
  clearTimeout(suggestTimer);
  suggestRequest++; // answers to keystrokes from before this navigation are stale
  closeSuggestions();
  const state = readState();
  if (state.article) showArticle(state); else runSearch(state);
}

$("search-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const list = $("suggestions");
  if (!list.hidden && active >= 0 && list._items) { choose(list._items[active]); return; }
  go({ ...readState(), q: $("q").value.trim(), article: "" });
});
$("q").addEventListener("input", () => { clearTimeout(suggestTimer); suggestTimer = setTimeout(updateSuggestions, 120); });
$("q").addEventListener("keydown", (ev) => {
  if (ev.key === "ArrowDown") { ev.preventDefault(); if ($("suggestions").hidden) updateSuggestions(); else moveActive(1); }
  else if (ev.key === "ArrowUp") { ev.preventDefault(); moveActive(-1); }
  else if (ev.key === "Escape") closeSuggestions();
});
$("q").addEventListener("blur", () => setTimeout(closeSuggestions, 150));
$("sort").addEventListener("change", () => go({ ...readState(), sort: $("sort").value }));
$("more").addEventListener("click", more);
window.addEventListener("popstate", render);
render();
