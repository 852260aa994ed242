// Building DOM safely: article text is only ever inserted as text; the one piece of markup
// taken from the server is its <mark> around matches (see marked()).

export const $ = (id) => document.getElementById(id);

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };
const unescape = (s) => s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e) => ENTITIES[e]);

/** Server HTML (escaped text plus <mark> tags) as DOM nodes, built without innerHTML. */
export function marked(html) {
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

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}
