// The year histogram of the search page's filters.

import { el } from "./dom.js";

const yearOf = (date) => (/^\d{4}/.test(date || "") ? Number(date.slice(0, 4)) : null);

/**
 * Articles per year: every year from the first to the last (an empty year is a zero bar), the
 * active date range marked. One tab stop: arrows move, Shift+arrows extend, Enter or Space picks;
 * a pointer (mouse, pen or finger) picks a year with a tap or a range by dragging across.
 */
export function histogram(years, range, { pick: onPick, clear }) {
  const wrap = el("div", { class: "hist" });
  if (!years.length) return wrap;
  const counts = new Map(years.map((y) => [Number(y.value), y.count]));
  const fromY = yearOf(range.from);
  const toY = yearOf(range.to);
  let lo = Math.min(...counts.keys());
  let hi = Math.max(...counts.keys());
  if (fromY !== null && fromY < lo && lo - fromY <= 30) lo = fromY;
  if (toY !== null && toY > hi && toY - hi <= 30) hi = toY;
  const max = Math.max(1, ...counts.values());
  const ranged = fromY !== null || toY !== null;
  const inRange = (y) => ranged && (fromY === null || y >= fromY) && (toY === null || y <= toY);
  const readout = el("p", { class: "readout", id: "year-readout", "aria-live": "polite" });
  const idle = () => ranged ? `Showing ${fromY ?? "…"}–${toY ?? "…"}` : `Busiest year: ${max.toLocaleString("en")} articles`;
  readout.textContent = idle();
  const bars = el("div", { class: "histogram", role: "group", id: "histogram",
    "aria-label": "Articles per year: arrow keys move, Shift and an arrow extend, Enter picks; or drag across years",
    "aria-describedby": "year-readout" });
  const axis = el("div", { class: "years", "aria-hidden": "true" });
  const step = [1, 2, 5, 10, 20, 50].find((k) => (hi - lo + 1) / k <= 6) || 100;
  const list = [];
  for (let y = lo; y <= hi; y++) {
    const count = counts.get(y) || 0;
    const bar = el("button", { type: "button", class: "bar" + (count ? "" : " zero") + (inRange(y) ? " in-range" : ""),
      "data-year": String(y), "data-count": String(count), tabindex: "-1", "aria-pressed": String(inRange(y)),
      "aria-label": `${y}: ${count.toLocaleString("en")} article${count === 1 ? "" : "s"}` }, el("span", { class: "fill" }));
    bar.firstChild.style.height = count ? `${Math.max(4, Math.round((count / max) * 100))}%` : "0"; // CSSOM: allowed by the CSP
    bars.append(bar);
    list.push(bar);
    axis.append(el("span", {}, y % step === 0 || (step > 1 && y === lo && (y + 1) % step !== 0 && (y + 2) % step !== 0) ? String(y) : ""));
  }
  const scale = el("div", { class: "scale", "aria-hidden": "true" }, el("span", {}, max.toLocaleString("en")), el("span", {}, "0"));
  const focusIndex = Math.max(0, list.findIndex((b) => b.classList.contains("in-range")));
  list[focusIndex === -1 ? list.length - 1 : focusIndex].tabIndex = 0;

  let anchor = null; // the year a range starts from, while picking
  const indexOf = (bar) => list.indexOf(bar);
  const show = (bar) => {
    readout.textContent = `${bar.dataset.year}: ${Number(bar.dataset.count).toLocaleString("en")} article${bar.dataset.count === "1" ? "" : "s"}`
      + (anchor !== null ? ` — picking ${Math.min(anchor, +bar.dataset.year)}–${Math.max(anchor, +bar.dataset.year)}` : "");
  };
  const preview = (a, b) => {
    const [x, z] = [Math.min(a, b), Math.max(a, b)];
    for (const bar of list) bar.classList.toggle("picking", a !== null && +bar.dataset.year >= x && +bar.dataset.year <= z);
  };
  const pick = (a, b) => onPick(Math.min(a, b), Math.max(a, b), bars.contains(document.activeElement));
  const barAt = (clientX) => list.find((bar) => { const r = bar.getBoundingClientRect(); return clientX >= r.left - 1 && clientX <= r.right + 1; });
  bars.addEventListener("pointerdown", (ev) => {
    const bar = ev.target.closest(".bar");
    if (!bar || ev.button > 0) return;
    ev.preventDefault();
    bars.setPointerCapture(ev.pointerId);
    anchor = +bar.dataset.year;
    preview(anchor, anchor);
    show(bar);
  });
  bars.addEventListener("pointermove", (ev) => {
    const bar = barAt(ev.clientX);
    if (!bar) return;
    if (anchor !== null) preview(anchor, +bar.dataset.year);
    show(bar);
  });
  bars.addEventListener("pointerup", (ev) => {
    if (anchor === null) return;
    const bar = barAt(ev.clientX) || list.find((b) => b.classList.contains("picking"));
    const a = anchor;
    anchor = null;
    if (bar) pick(a, +bar.dataset.year);
  });
  bars.addEventListener("pointercancel", () => { anchor = null; preview(null, null); readout.textContent = idle(); });
  bars.addEventListener("pointerleave", () => { if (anchor === null) readout.textContent = idle(); });
  bars.addEventListener("focusin", (ev) => { if (ev.target.classList.contains("bar")) show(ev.target); });
  bars.addEventListener("focusout", (ev) => { if (!bars.contains(ev.relatedTarget)) { anchor = null; preview(null, null); readout.textContent = idle(); } });
  bars.addEventListener("keydown", (ev) => {
    const bar = ev.target.closest(".bar");
    if (!bar) return;
    let i = indexOf(bar);
    const moves = { ArrowLeft: i - 1, ArrowRight: i + 1, ArrowDown: i - 1, ArrowUp: i + 1, Home: 0, End: list.length - 1 };
    if (ev.key in moves) {
      ev.preventDefault();
      if (ev.shiftKey && anchor === null) anchor = +bar.dataset.year;
      if (!ev.shiftKey) anchor = null;
      i = Math.max(0, Math.min(list.length - 1, moves[ev.key]));
      for (const b of list) b.tabIndex = -1;
      list[i].tabIndex = 0;
      list[i].focus();
      preview(anchor, +list[i].dataset.year);
      show(list[i]);
    } else if (ev.key === "Enter" || ev.key === " ") {
      ev.preventDefault();
      pick(anchor ?? +bar.dataset.year, +bar.dataset.year);
    } else if (ev.key === "Escape" && anchor !== null) {
      ev.preventDefault();
      anchor = null;
      preview(null, null);
      show(bar);
    }
  });
  wrap.append(el("div", { class: "hist-body" }, scale, el("div", { class: "hist-plot" }, bars, axis)), readout);
  if (ranged) {
    wrap.append(el("button", { type: "button", class: "link", id: "clear-dates", onclick: clear }, "Any date"));
  }
  return wrap;
}
