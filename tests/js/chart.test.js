/*
 * The chart of the US estimate against reality (static/atlas/chart.js) under Node's test runner: its pure
 * functions, and the chart itself on a tiny stand-in for the DOM (what one frame touches).
 */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const chart = require(path.join(__dirname, "..", "..", "static", "atlas", "chart.js"));

// a step series: 100 -> 10, 200 -> 20 (range 15-25), 300 -> 30
const pts = [[100, 10, null, null], [200, 20, 15, 25], [300, 30, null, null]];
const ident = (v) => v;
const flipY = (v) => 100 - v;  // yScale(100, 100)

test("stepAt: null before the first point, the point from its own time until the next", () => {
  assert.equal(chart.stepAt(pts, 99), null);
  assert.equal(chart.stepAt(pts, 100), pts[0]);
  assert.equal(chart.stepAt(pts, 199.9), pts[0]);
  assert.equal(chart.stepAt(pts, 200), pts[1]);
  assert.equal(chart.stepAt(pts, 1e9), pts[2]);
  assert.equal(chart.stepAt([], 100), null);
  assert.equal(chart.stepIndex(pts, 250), 1);
});

test("scales: time onto [0, w], values onto [h, 0] held at the edges", () => {
  const x = chart.xScale(100, 300, 1000);
  assert.equal(x(100), 0);
  assert.equal(x(200), 500);
  assert.equal(x(300), 1000);
  assert.equal(chart.xScale(5, 5, 1000)(5), 0);  // an empty period does not divide by zero
  const y = chart.yScale(45000, 100);
  assert.equal(y(0), 100);
  assert.equal(y(45000), 0);
  assert.equal(y(22500), 50);
  assert.equal(y(90000), 0);
  assert.equal(y(-5), 100);
});

test("stepPath: steps over the whole range, the last value held to its end", () => {
  assert.equal(chart.stepPath(pts, 100, 400, ident, flipY), "M100 90H200V80H300V70H400");
});

test("stepPath: clipped to the range, starting at the value holding at t0", () => {
  assert.equal(chart.stepPath(pts, 150, 250, ident, flipY), "M150 90H200V80H250");
  assert.equal(chart.stepPath(pts, 350, 400, ident, flipY), "M350 70H400");
  // a range from before the first point starts at the first point
  assert.equal(chart.stepPath(pts, 0, 150, ident, flipY), "M100 90H150");
  // a step at exactly the range's end rises there
  assert.equal(chart.stepPath(pts, 150, 200, ident, flipY), "M150 90H200V80");
});

test("stepPath: nothing in range, an empty range, a gap where a value is missing", () => {
  assert.equal(chart.stepPath(pts, 0, 50, ident, flipY), "");
  assert.equal(chart.stepPath(pts, 200, 200, ident, flipY), "");
  assert.equal(chart.stepPath([], 0, 50, ident, flipY), "");
  const gap = [[0, 10, null, null], [10, null, null, null], [20, 30, null, null]];
  assert.equal(chart.stepPath(gap, 0, 30, ident, flipY), "M0 90H10M20 70H30");
});

test("stepPath: coordinates rounded to hundredths", () => {
  assert.equal(chart.stepPath([[0, 1, null, null]], 0, 3, chart.xScale(0, 3, 1), chart.yScale(3, 1)), "M0 0.67H1");
});

test("bandPath: a closed polygon where low and high are given, clipped to the range", () => {
  assert.equal(chart.bandPath(pts, 100, 400, ident, flipY), "M200 75H300V85H200Z");
  assert.equal(chart.bandPath(pts, 250, 400, ident, flipY), "M250 75H300V85H250Z");
  assert.equal(chart.bandPath(pts, 100, 150, ident, flipY), "");
  assert.equal(chart.bandPath([[0, 5, null, null]], 0, 10, ident, flipY), "");
});

test("bandPath: consecutive ranges make one polygon, upper edge forward and lower edge back", () => {
  const ranged = [[0, 10, 5, 15], [10, 20, 15, 25], [20, 0, null, null], [30, 40, 35, 45]];
  assert.equal(chart.bandPath(ranged, 0, 40, ident, ident),
    "M0 15H10V25H20V15H10V5H0Z" + "M30 45H40V35H30Z");
});

test("formatValue: a number, a range (en and ja), nothing", () => {
  assert.equal(chart.formatValue([0, 42000, null, null], "en"), "42,000");
  assert.equal(chart.formatValue([0, 7000, 6000, 8000], "en"), "6,000\u20138,000");
  assert.equal(chart.formatValue([0, 7000, 6000, 8000], "ja"), "6,000\uff5e8,000");
  assert.equal(chart.formatValue([0, 42000, null, null], "ja"), "42,000");
  assert.equal(chart.formatValue([0, 7, 6, null], "en"), "7");  // half a range is no range
  assert.equal(chart.formatValue([0, 0, null, null], "en"), "0");
  assert.equal(chart.formatValue(null, "en"), "\u2014");
  assert.equal(chart.formatValue([0, null, null, null], "en"), "\u2014");
});

const troops = {id: "troops", title: "Soviet troops in Cuba", unit: "men", max: 45000,
  us: [[100, 4500, 4000, 5000], [300, 10000, 8000, 12000]],
  actual: [[50, 22000, null, null], [200, 42000, null, null]]};

test("readout: words of both steps, and a key stable within a step and changing across one", () => {
  assert.deepEqual(chart.readout(troops, 60, "en"), {us: "\u2014", actual: "22,000", key: "-1|0"});
  assert.deepEqual(chart.readout(troops, 250, "en"), {us: "4,000\u20135,000", actual: "42,000", key: "0|1"});
  assert.equal(chart.readout(troops, 300, "ja").us, "8,000\uff5e12,000");
  const key = (ts) => chart.readout(troops, ts, "en").key;
  assert.equal(key(100), key(150));
  assert.equal(key(150), key(199.99));
  assert.notEqual(key(199.99), key(200));  // the actual step changes
  assert.equal(key(200), key(299));
  assert.notEqual(key(299), key(300));  // the US step changes
  assert.equal(key(300), key(1e9));
  assert.notEqual(key(99), key(100));
});

// ---- the chart on a stand-in for the DOM: just what chart.js calls ----

class Node_ {
  constructor(name) { this.nodeName = name; this.attrs = {}; this.childNodes = []; this.parentNode = null; this.writes = 0; }
  setAttribute(k, v) { this.attrs[k] = String(v); this.writes++; }
  getAttribute(k) { return k in this.attrs ? this.attrs[k] : null; }
  appendChild(c) { c.parentNode = this; this.childNodes.push(c); return c; }
  removeChild(c) { this.childNodes = this.childNodes.filter((x) => x !== c); c.parentNode = null; return c; }
  get firstChild() { return this.childNodes[0] || null; }
  set textContent(t) { this.childNodes = []; this.appendChild(new Text_(t)); }
  get textContent() { return this.childNodes.map((c) => c.textContent).join(""); }
  all(pred, out = []) { if (pred(this)) { out.push(this); } this.childNodes.forEach((c) => c.all && c.all(pred, out)); return out; }
  byClass(cls) { return this.all((n) => (n.attrs.class || "").split(" ").includes(cls)); }
}
class Text_ {
  constructor(t) { this._v = String(t); this.writes = 0; }
  get nodeValue() { return this._v; }
  set nodeValue(v) { this._v = String(v); this.writes++; }
  get textContent() { return this._v; }
}
const fakeDocument = {
  createElement: (tag) => new Node_(tag),
  createElementNS: (ns, tag) => Object.assign(new Node_(tag), {ns}),
  createTextNode: (t) => new Text_(t)
};

function withDom(fn) {
  const saved = global.document;
  global.document = fakeDocument;
  try { return fn(); } finally { if (saved === undefined) { delete global.document; } else { global.document = saved; } }
}

const estimates = {title: "US estimate and reality", us_label: "Washington believed", actual_label: "In fact",
  note_label: "What is counted", lang: "en",
  series: [troops, {id: "il28", title: "Il-28 bombers", unit: "aircraft", max: 50, note: "Crated at first.",
    us: [[150, 0, null, null], [250, 42, null, null]], actual: [[50, 42, null, null]]}]};

test("the chart: a section, a figure per series, hidden plots and text readouts", () => withDom(() => {
  const host = new Node_("div");
  const c = new chart.Chart(host, estimates, {t0: 0, t1: 400, ts: 250});
  const sec = host.childNodes[0];
  assert.equal(sec.nodeName, "section");
  assert.equal(sec.attrs.class, "cmc-chart");
  assert.equal(sec.attrs["aria-label"], "US estimate and reality");
  assert.equal(sec.childNodes[0].nodeName, "h2");
  const figs = sec.all((n) => n.nodeName === "figure");
  assert.equal(figs.length, 2);
  assert.equal(figs[0].childNodes[0].textContent, "Soviet troops in Cuba (men)");
  assert.ok(sec.byClass("cmc-chart-plot").every((p) => p.attrs["aria-hidden"] === "true"));
  assert.equal(sec.byClass("cmc-chart-readout")[0].textContent, "Washington believed 4,000\u20135,000 \u00b7 In fact 42,000");
  assert.equal(sec.byClass("cmc-chart-readout")[1].textContent, "Washington believed 42 \u00b7 In fact 42");
  assert.equal(sec.byClass("cmc-chart-max")[0].textContent, "45,000");
  const note = sec.byClass("cmc-chart-note")[0];  // folded under its summary
  assert.equal(note.nodeName, "details");
  assert.deepEqual(note.childNodes.map((n) => n.textContent), ["What is counted", "Crated at first."]);
  assert.equal(sec.attrs["data-time"], "1970-01-01T00:04Z");
  assert.equal(sec.byClass("cmc-chart-us")[1].nodeName, "path");
  assert.match(sec.byClass("cmc-chart-line")[1].attrs.d, /^M250 /);  // troops, US: 4,500 from t=100
  c.destroy();
  assert.equal(host.childNodes.length, 0);
}));

test("the chart, frame by frame: the cursor moves, a readout is rewritten only when its step changes", () => withDom(() => {
  const host = new Node_("div");
  const c = new chart.Chart(host, estimates, {t0: 0, t1: 400, ts: 110});
  const sec = host.childNodes[0];
  const cursors = sec.byClass("cmc-chart-cursor");
  const values = sec.byClass("cmc-chart-readout").map((r) => r.all((n) => n.nodeName === "b").map((b) => b.firstChild));
  assert.equal(cursors[0].attrs.transform, "translate(275 0)");
  assert.equal(cursors[0].attrs.visibility, "visible");
  const before = values.flat().map((t) => t.writes);
  for (let ts = 111; ts < 150; ts += 0.25) { c.setTime(ts); }  // frames within the same steps
  assert.deepEqual(values.flat().map((t) => t.writes), before);
  assert.equal(cursors[1].attrs.transform, "translate(374.4 0)");
  c.setTime(160);  // the Il-28's US step begins at 150
  assert.equal(values[0][0].writes, before[0]);
  assert.equal(values[1][0].nodeValue, "0");
  assert.equal(values[1][0].writes, before[2] + 1);
  c.setTime(500);  // after the period: no cursor
  assert.equal(cursors[0].attrs.visibility, "hidden");
  c.setRange(0, 1000);  // a new period redraws the lines and puts the cursor back
  assert.equal(cursors[0].attrs.visibility, "visible");
  assert.equal(cursors[0].attrs.transform, "translate(500 0)");
  assert.match(sec.byClass("cmc-chart-line")[0].attrs.d, /H1000$/);
}));

test("the chart's data-time is the map's (CMCCore.iso, to the minute) when core.js is loaded", () => withDom(() => {
  require(path.join(__dirname, "..", "..", "static", "atlas", "core.js"));  // sets globalThis.CMCCore, as in the page
  try {
    const host = new Node_("div");
    const ts = Date.UTC(1962, 9, 27, 18, 0, 20) / 1000;
    new chart.Chart(host, estimates, {t0: 0, t1: 400, ts});
    assert.equal(host.childNodes[0].attrs["data-time"], "1962-10-27T18:00Z");
  } finally { delete globalThis.CMCCore; }
}));
