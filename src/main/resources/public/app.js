// Byline's search page. Everything it shows comes from the public API; all state lives in the
// URL, so links can be shared and back/forward work. DOM is built through dom.js (text stays
// text); the year histogram is histogram.js.

import { $, el, marked } from "./dom.js";
import { histogram } from "./histogram.js";

const FILTERS = ["author", "source", "category"];
const SORTS = {
  best: { label: "Best match", params: { sort: "relevance" }, needsWords: true },
  recent: { label: "Best match, recent first", params: { sort: "relevance", recency: "1y" }, needsWords: true },
  newest: { label: "Newest first", params: { sort: "newest" } },
  oldest: { label: "Oldest first", params: { sort: "oldest" } },
};
/** Search by meaning (semantic search on the server): what a search matches. */
const MODES = { hybrid: "Words and meaning", semantic: "Meaning", keyword: "Words" };
const PAGE = 10;
const EMPTY = { q: "", from: "", to: "", sort: "", mode: "", article: "", story: "", shown: PAGE, author: [], source: [], category: [] };
/** /api/stats' "semantic" once it says semantic search is on; null while off or not yet known. */
let semantic = null;
const SEARCH_DELAY_MS = 350; // results follow typing once a word is paused on, not on every key
const SUGGEST_DELAY_MS = 200;

/** The sort in force: an empty query has no "best match" (the server lists it newest first). */
function sortOf(state) {
  const fallback = state.q ? "best" : "newest";
  const sort = SORTS[state.sort] ? state.sort : fallback;
  return !state.q && SORTS[sort].needsWords ? "newest" : sort;
}

// ---- state in the URL ----

function readState() {
  const p = new URLSearchParams(location.search);
  const state = { q: p.get("q") || "", from: p.get("from") || "", to: p.get("to") || "",
    sort: p.get("sort") || "", mode: MODES[p.get("mode")] ? p.get("mode") : "", article: p.get("article") || "",
    story: p.get("story") || "", exact: p.get("exact") === "1",
    shown: Math.min(100, Math.max(PAGE, Number.parseInt(p.get("shown"), 10) || PAGE)) };
  for (const f of FILTERS) state[f] = p.getAll(f);
  return state;
}

function urlOf(state) {
  const p = new URLSearchParams();
  if (state.article) p.set("article", state.article);
  if (state.story) p.set("story", state.story);
  if (state.q) p.set("q", state.q);
  if (state.q && state.exact) p.set("exact", "1");
  for (const f of FILTERS) for (const v of state[f] || []) p.append(f, v);
  if (state.from) p.set("from", state.from);
  if (state.to) p.set("to", state.to);
  if (state.sort && state.sort !== (state.q ? "best" : "newest")) p.set("sort", state.sort);
  if (state.mode && state.mode !== "hybrid") p.set("mode", state.mode);
  if (state.shown > PAGE && !state.article) p.set("shown", String(state.shown));
  const qs = p.toString();
  return qs ? "?" + qs : location.pathname;
}

/** A new search starts at the first page: "More results" belongs to the search it extended. */
function go(state, { replace = false, keepScroll = false } = {}) {
  // "Search instead for" the words as typed holds for those words only: other words may be respelled.
  state = { ...state, shown: PAGE, exact: Boolean(state.exact) && state.q === readState().q };
  typing = false;
  if (replace) history.replaceState(null, "", urlOf(state)); else history.pushState(null, "", urlOf(state));
  if (!keepScroll) window.scrollTo(0, 0); // a new search or article starts at the top; back/forward keep their place
  render();
}

async function api(path, signal) {
  let response;
  try {
    response = await fetch(path, { headers: { Accept: "application/json" }, signal });
  } catch (e) {
    if (e.name === "AbortError") throw e;
    throw new Error("the server could not be reached; check the connection and try again");
  }
  let body = null;
  try { body = await response.json(); } catch { /* not JSON */ }
  if (!response.ok) {
    const message = body && body.message ? body.message : `the server answered ${response.status}`;
    throw Object.assign(new Error(message), { status: response.status });
  }
  return body;
}

/** Every error says what went wrong and offers a way out: drop what caused it, retry, or start over. */
function showError(error, state, retry) {
  const box = $("error");
  box.hidden = false;
  const ways = el("p", { class: "ways" });
  const button = (id, label, action) => ways.append(el("button", { type: "button", id, onclick: action }, label));
  if (state.from || state.to) button("error-clear-dates", "Clear the dates", () => go({ ...state, from: "", to: "" }));
  if (FILTERS.some((f) => state[f].length)) button("error-clear-filters", "Remove the filters",
    () => go({ ...state, author: [], source: [], category: [] }));
  // A request the server refused (4xx) fails the same way again; a lost connection or a 5xx may not.
  if (retry && !(error.status >= 400 && error.status < 500)) button("error-retry", "Try again", retry);
  ways.append(el("a", { href: "/", id: "error-start-over", onclick: (ev) => { ev.preventDefault(); go(EMPTY); } }, "Start a new search"));
  box.replaceChildren(el("p", {}, "Something went wrong: " + error.message), ways);
}


// ---- search ----

let nextCursor = null;
let cursorQuery = null; // the respelling the results show ("showing results for"): its cursor pages on with it
let shownTotal = ""; // the total as the first page said it: later pages skip facets, so theirs is a bound
let totalCount = 0;
let searching = null; // the AbortController of the search in flight: a newer one cancels it
let typing = false; // the URL already holds a search typed in this burst: replace it, do not stack history

function searchParams(state) {
  const p = new URLSearchParams();
  const q = state.q;
  if (q) p.set("q", q);
  if (q && state.exact) p.set("autocorrect", "false");
  for (const f of FILTERS) for (const v of state[f]) p.append(f, v);
  if (state.from) p.set("from", state.from);
  if (state.to) p.set("to", state.to);
  for (const [k, v] of Object.entries(SORTS[sortOf(state)].params)) p.set(k, v);
  p.set("collapse", "story"); // one hit per story: copies are behind "N other versions"
  if (semantic && q && state.mode) p.set("mode", state.mode);
  return p;
}

/** The "Match" control: only on a server with semantic search, and only for words to match. */
function renderMode(state) {
  const show = semantic !== null && Boolean(state.q);
  $("mode-control").hidden = !show;
  if (!show) return;
  const select = $("mode");
  select.replaceChildren();
  for (const [value, label] of Object.entries(MODES)) select.append(el("option", { value }, label));
  select.value = state.mode || "hybrid";
  const backlog = semantic.backlog || 0;
  $("embedding").hidden = backlog === 0;
  $("embedding").textContent = backlog === 0 ? "" :
    `${backlog} ${backlog === 1 ? "article is" : "articles are"} still being read for meaning; they are found by their words meanwhile.`;
}

function renderSort(state) {
  const select = $("sort");
  const current = sortOf(state);
  select.replaceChildren();
  for (const [value, sort] of Object.entries(SORTS)) {
    if (sort.needsWords && !state.q) continue;
    select.append(el("option", { value }, sort.label));
  }
  select.value = current;
}

async function runSearch(state, live = false) {
  $("results-view").hidden = false;
  $("article-view").hidden = true;
  if (!live) $("q").value = state.q; // while typing, the box is ahead of the URL: leave it alone
  renderSort(state);
  renderMode(state);
  document.title = state.q ? `${state.q} — Byline` : "Byline — search the archive";
  const p = searchParams(state);
  p.set("size", String(state.shown));
  if (searching) searching.abort();
  const mine = searching = new AbortController();
  $("results-col").setAttribute("aria-busy", "true");
  let data;
  try {
    data = await api("/api/search?" + p.toString(), mine.signal);
  } catch (e) {
    if (mine.signal.aborted) return; // a newer search replaced this one
    searching = null;
    $("results-col").removeAttribute("aria-busy");
    $("hits").replaceChildren();
    $("facets").replaceChildren(...dateFilters(state));
    $("status").textContent = "";
    $("more").hidden = true;
    $("empty").hidden = true;
    $("notice").hidden = true;
    showError(e, state, () => render());
    rendered();
    return;
  }
  searching = null;
  $("results-col").removeAttribute("aria-busy");
  $("error").hidden = true;
  renderHits(data, state, false);
  renderFacets(data.facets, state);
  renderChips(state, data.understood);
  renderDidYouMean(data, state);
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
  if (!append) {
    const more = data.total_relation === "gte" ? "+" : "";
    const articles = data.total_articles ?? data.total;
    shownTotal = articles === data.total
      ? `${data.total.toLocaleString("en")}${more} article${data.total === 1 ? "" : "s"}`
      : `${data.total.toLocaleString("en")}${more} ${data.total === 1 ? "story" : "stories"} (${articles.toLocaleString("en")} articles)`;
    totalCount = data.total;
  }
  $("status").textContent = `${shownTotal} · ${data.took_ms} ms` + (shown && (shown < totalCount || data.next_cursor) ? ` · showing ${shown}` : "");
  nextCursor = data.next_cursor;
  if (!append) cursorQuery = data.showing_results_for || null; // a respelling's cursor continues it
  $("more").hidden = !nextCursor;
  $("more-error").hidden = true;
  if (append) return;
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
  const item = el("li", { class: "hit", "data-story": hit.story.id }, el("h2", {}, link), el("div", { class: "meta" }, meta));
  for (const s of hit.snippets) item.append(el("p", { class: "snippet" }, marked(s)));
  const others = (hit.story.size || 1) - 1;
  if (others > 0) {
    const sources = hit.story.sources.length > 1 ? ` (${hit.story.sources.join(", ")})` : "";
    item.append(el("p", { class: "versions" }, el("a", { href: urlOf({ ...state, story: hit.story.id }), class: "other-versions",
      onclick: (ev) => { ev.preventDefault(); go({ ...state, story: hit.story.id }); } },
    `${others} other version${others === 1 ? "" : "s"}`), sources));
  }
  return item;
}

/** Appends the next page; the URL's `shown` counts what is on screen, so a reload or back shows it again. */
async function more() {
  const state = readState();
  const p = searchParams(state);
  if (cursorQuery) p.set("q", cursorQuery);
  p.set("cursor", nextCursor);
  p.set("facets", "false");
  const button = $("more");
  button.disabled = true;
  $("more-error").hidden = true;
  try {
    const data = await api("/api/search?" + p.toString());
    const first = $("hits").children.length;
    renderHits(data, state, true);
    const shown = $("hits").children.length;
    history.replaceState(null, "", urlOf({ ...state, shown }));
    rendered();
    const next = $("hits").children[first]?.querySelector("a");
    if (next && document.activeElement === button && button.hidden) next.focus();
  } catch (e) {
    // Said where the reader is looking, beside the button; the button is the way to try again.
    const box = $("more-error");
    box.hidden = false;
    box.replaceChildren(el("p", {}, "More results could not be loaded: " + e.message),
      el("p", { class: "ways" }, el("button", { type: "button", id: "more-retry", onclick: () => { box.hidden = true; more(); } }, "Try again")));
  } finally {
    button.disabled = false;
  }
}

// ---- facets, chips, did you mean ----

const LABELS = { category: "Categories", source: "Sources", author: "Authors" };
const SHOW = 5; // values shown per facet before "Show more"
// Values keep their place while filters are clicked (the counts change, the list does not jump);
// a new query starts again from the server's order, most frequent first.
const facetOrder = { q: null, order: {} };
const expanded = new Set();
let refocus = null; // a control in the filters to focus again once they are redrawn after its click

function renderFacets(facets, state) {
  if (facetOrder.q !== state.q) { facetOrder.q = state.q; facetOrder.order = {}; expanded.clear(); }
  const parts = [];
  for (const field of ["category", "source", "author"]) {
    const counts = new Map(((facets && facets[field]) || []).map(({ value, count }) => [value, count]));
    for (const v of state[field]) if (!counts.has(v)) counts.set(v, 0); // an active value stays removable
    if (!counts.size) continue;
    const before = facetOrder.order[field] || [];
    const fresh = [...counts.keys()].filter((v) => !before.includes(v));
    const order = facetOrder.order[field] = [...before, ...fresh];
    const values = order.filter((v) => counts.has(v));
    const list = el("ul", { id: `facet-${field}` });
    const extra = [];
    values.forEach((value, i) => {
      const active = state[field].includes(value);
      const item = el("li", {}, el("button", { type: "button", class: "facet", "aria-pressed": String(active),
        "data-field": field, "data-value": value, onclick: () => toggle(state, field, value) },
        el("span", {}, value), el("span", { class: "count" }, counts.get(value).toLocaleString("en"))));
      if (i >= SHOW && values.length > SHOW + 2 && !active) { extra.push(item); item.hidden = !expanded.has(field); }
      list.append(item);
    });
    parts.push(el("h2", {}, LABELS[field]), list);
    if (extra.length) {
      const more = el("button", { type: "button", class: "show-more", "data-field": field, "aria-controls": list.id });
      const label = () => {
        const open = expanded.has(field);
        more.setAttribute("aria-expanded", String(open));
        more.textContent = open ? "Show fewer" : `Show ${extra.length} more`;
        for (const item of extra) item.hidden = !open;
      };
      more.addEventListener("click", () => {
        if (expanded.has(field)) expanded.delete(field); else expanded.add(field);
        label();
        if (expanded.has(field)) extra[0].querySelector("button").focus();
      });
      label();
      parts.push(more);
    }
  }
  $("facets").replaceChildren(...filterPanelTop(state), ...parts, ...dateFilters(state, (facets && facets.year) || []));
  if (refocus) { $("facets").querySelector(refocus)?.focus(); refocus = null; }
}

/** On a phone the filters open from a button above the results; the panel has its own way back. */
function filterPanelTop(state) {
  const n = FILTERS.reduce((sum, f) => sum + state[f].length, 0) + (state.from || state.to ? 1 : 0);
  const toggleButton = $("filters-toggle");
  toggleButton.textContent = n ? `Filters (${n})` : "Filters";
  return [el("div", { class: "panel-top" },
    el("h2", { id: "filters-heading", tabindex: "-1" }, "Filters"),
    el("button", { type: "button", id: "filters-close", onclick: () => openFilters(false) },
      `Show ${shownTotal || "results"}`))];
}

function openFilters(open) {
  document.body.classList.toggle("filters-open", open);
  $("filters-toggle").setAttribute("aria-expanded", String(open));
  if (open) $("filters-heading")?.focus(); else $("filters-toggle").focus();
}

function toggle(state, field, value) {
  const values = state[field].includes(value) ? state[field].filter((v) => v !== value) : [...state[field], value];
  refocus = `.facet[data-field="${field}"][data-value="${CSS.escape(value)}"]`;
  go({ ...state, [field]: values }, { keepScroll: document.body.classList.contains("filters-open") });
}

function dateFilters(state, years = []) {
  const pick = (from, to, byKeyboard) => {
    if (byKeyboard) refocus = "#histogram .bar[tabindex='0']";
    go({ ...state, from: `${from}-01-01`, to: `${to}-12-31` });
  };
  const clear = () => go({ ...state, from: "", to: "" });
  return [el("h2", {}, "Published"), histogram(years, state, { pick, clear }), dateInputs(state)];
}

function dateInputs(state) {
  const from = el("input", { type: "date", id: "from", value: /^\d{4}-\d\d-\d\d/.test(state.from) ? state.from.slice(0, 10) : "" });
  const to = el("input", { type: "date", id: "to", value: /^\d{4}-\d\d-\d\d/.test(state.to) ? state.to.slice(0, 10) : "" });
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

function renderDidYouMean(data, state) {
  const box = $("didyoumean");
  box.replaceChildren();
  const suggestion = data.suggestion;
  const instead = data.showing_results_for;
  box.hidden = !suggestion && !instead;
  if (instead) {
    // The words as typed found nothing: these are the results of the respelling.
    box.append("Showing results for ", el("strong", { id: "showing-for" }, instead), ". Search instead for ",
      el("a", { href: urlOf({ ...state, exact: true }), id: "exact-link",
        onclick: (ev) => { ev.preventDefault(); go({ ...state, exact: true }); } }, state.q), ".");
    return;
  }
  if (!suggestion) return;
  box.append("Did you mean ", el("a", { href: urlOf({ ...state, q: suggestion }), id: "suggestion-link",
    onclick: (ev) => { ev.preventDefault(); go({ ...state, q: suggestion }); } }, suggestion), "?");
}

// ---- the story view: every copy of one story ----

async function showStory(state) {
  $("results-view").hidden = true;
  const view = $("article-view");
  view.hidden = false;
  view.replaceChildren(el("p", { class: "meta" }, "Loading…"));
  const back = el("a", { href: urlOf({ ...state, story: "" }), id: "story-back",
    onclick: (ev) => { ev.preventDefault(); go({ ...state, story: "" }); } }, "← Back to results");
  let story;
  try {
    story = await api(`/api/stories/${encodeURIComponent(state.story)}`);
  } catch (e) {
    view.replaceChildren(back, el("div", { role: "alert", id: "story-error" }, el("p", {}, "This story could not be shown: " + e.message)));
    rendered();
    return;
  }
  const first = story.copies.find((c) => c.first) || story.copies[0];
  const title = el("h1", { tabindex: "-1" }, first.title);
  document.title = `${first.title} — ${story.size} versions — Byline`;
  const list = el("ol", { id: "story-copies" });
  for (const c of story.copies) {
    const differs = c.first ? ["first publication"]
      : [c.same_title ? null : "different headline",
        c.words_difference === 0 ? "same length" : `${c.words_difference > 0 ? "+" : "−"}${Math.abs(c.words_difference)} words`].filter(Boolean);
    const meta = [c.date ? c.date.slice(0, 10) : "undated", c.source, `${c.words} words`, ...differs].filter(Boolean).join(" · ");
    list.append(el("li", { class: "hit", "data-id": c.id },
      el("h2", {}, el("a", { href: urlOf({ ...state, article: c.id }), "data-id": c.id,
        onclick: (ev) => { ev.preventDefault(); go({ ...state, article: c.id }); } }, c.title)),
      el("div", { class: "meta" }, meta)));
  }
  view.replaceChildren(back, title, el("p", { class: "meta", id: "story-summary" },
    `${story.size} version${story.size === 1 ? "" : "s"} of this story, earliest first`), list);
  title.focus();
  rendered();
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
    view.replaceChildren(el("div", { role: "alert", id: "article-error" },
      el("p", {}, "This article could not be shown: " + e.message),
      el("p", { class: "ways" },
        el("a", { href: urlOf({ ...state, article: "" }), id: "article-error-back",
          onclick: (ev) => { ev.preventDefault(); go({ ...state, article: "" }); } }, state.q ? "Back to the results" : "Back to the search"),
        el("button", { type: "button", onclick: () => render() }, "Try again"))));
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
  clearTimeout(searchTimer);
  suggestRequest++; // answers to keystrokes from before this navigation are stale
  closeSuggestions();
  const state = readState();
  if (state.article || state.story) {
    if (searching) searching.abort(); // its answer would land behind the article
    if (state.article) showArticle(state); else showStory(state);
  } else runSearch(state);
}

let searchTimer = null;

/** Results follow the box once typing pauses; one history entry per burst of typing. */
function searchAsTyped() {
  const state = readState();
  const q = $("q").value.trim();
  if (q === state.q && !state.article && !state.story) return;
  const next = { ...state, q, article: "", story: "", shown: PAGE };
  if (typing) history.replaceState(null, "", urlOf(next)); else history.pushState(null, "", urlOf(next));
  typing = true;
  runSearch(readState(), true);
}

$("search-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const list = $("suggestions");
  if (!list.hidden && active >= 0 && list._items) { choose(list._items[active]); return; }
  const state = readState();
  const q = $("q").value.trim();
  // Enter on what is already shown (typed and searched) keeps the page, closes the suggestions.
  go({ ...state, q, article: "", story: "" }, { replace: typing || (q === state.q && !state.article && !state.story) });
});
$("q").addEventListener("input", () => {
  clearTimeout(suggestTimer);
  suggestTimer = setTimeout(updateSuggestions, SUGGEST_DELAY_MS);
  clearTimeout(searchTimer);
  searchTimer = setTimeout(searchAsTyped, SEARCH_DELAY_MS);
});
$("q").addEventListener("keydown", (ev) => {
  if (ev.key === "ArrowDown") { ev.preventDefault(); if ($("suggestions").hidden) updateSuggestions(); else moveActive(1); }
  else if (ev.key === "ArrowUp") { ev.preventDefault(); moveActive(-1); }
  else if (ev.key === "Escape") closeSuggestions();
});
$("q").addEventListener("blur", () => setTimeout(closeSuggestions, 150));
$("sort").addEventListener("change", () => go({ ...readState(), sort: $("sort").value }));
$("mode").addEventListener("change", () => go({ ...readState(), mode: $("mode").value }));
$("more").addEventListener("click", more);
// The skip link moves focus without touching the URL (a #fragment would be a history entry of its own).
document.querySelector(".skip").addEventListener("click", (ev) => { ev.preventDefault(); $("results-col").focus(); });
$("filters-toggle").addEventListener("click", () => openFilters(!document.body.classList.contains("filters-open")));
window.addEventListener("popstate", () => { typing = false; render(); });
render();
// Whether the server searches by meaning (and how many articles it has yet to embed): the
// "Match" control appears once it says so. A page on a server without it never shows the control.
api("/api/stats").then((stats) => {
  if (!(stats && stats.semantic && stats.semantic.on)) return;
  semantic = stats.semantic;
  if (readState().mode && !readState().article) render(); // the first search went without its mode
  else renderMode(readState());
}).catch(() => { /* the control stays hidden; searching works as without it */ });
