/*
 * What Washington believed against what was in Cuba, over time: one small panel per series (troops,
 * launchers, warheads, ...), each with the two step lines, the band of the US estimate where it was a
 * range, and a cursor that follows the time bar. Python sent everything (the series, their y-axis tops,
 * the words, already in the page's language); this file only draws.
 *
 * Each frame of a drag or a playback only moves the cursor lines (one attribute each) and rewrites a
 * panel's readout when one of its steps changes. The plots are SVG in a fixed viewBox stretched to the
 * panel (the lines keep their width: non-scaling-stroke); every word is HTML text, so none stretches,
 * and the SVGs are hidden from screen readers (the readouts tell the same). Display only: no handlers.
 *
 * The pure part (stepAt ... readout) loads under Node too (tests/js/chart.test.js).
 */
(function (root) {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var W = 1000, H = 100;  // the plots' viewBox: the x and y scales map onto it
  var RANGE = {en: "\u2013", ja: "\uff5e"};  // "6,000–8,000", "6,000～8,000"
  var NONE = "\u2014";  // no estimate (yet)

  /** Index of the point of step series `points` ([[t, value, low, high], ...], sorted) holding at `ts`, or -1. */
  function stepIndex(points, ts) {
    var lo = 0, hi = points.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (points[mid][0] <= ts) { lo = mid + 1; } else { hi = mid; } }
    return lo - 1;
  }

  /** The point of step series `points` holding at epoch seconds `ts` (from its t until the next's), or null before the first. */
  function stepAt(points, ts) {
    var i = stepIndex(points, ts);
    return i < 0 ? null : points[i];
  }

  /** The x of a moment: epoch seconds [t0, t1] onto [0, w]. */
  function xScale(t0, t1, w) {
    var k = t1 > t0 ? w / (t1 - t0) : 0;
    return function (t) { return (t - t0) * k; };
  }

  /** The y of a value: [0, max] onto [h, 0] (up is more), values outside held at the edges. */
  function yScale(max, h) {
    var k = max > 0 ? h / max : 0;
    return function (v) { return h - Math.min(h, Math.max(0, v * k)); };
  }

  function r(v) { return String(Math.round(v * 100) / 100); }

  /**
   * The stretches of `points` shown in [t0, t1]: [{a, b, p}] (a, b: the stretch's start and end in epoch
   * seconds; p: the point holding), from the point holding at t0 (or the first after it), the last held to t1.
   */
  function stretches(points, t0, t1) {
    var out = [];
    if (!(t1 > t0)) { return out; }
    for (var i = Math.max(0, stepIndex(points, t0)); i < points.length && points[i][0] <= t1; i++) {
      var next = i + 1 < points.length ? points[i + 1][0] : t1;
      out.push({a: Math.max(points[i][0], t0), b: Math.min(next, t1), p: points[i]});
    }
    return out;
  }

  function given(v) { return v !== null && v !== undefined; }

  /**
   * The step line of `points` in [t0, t1] as an SVG path ("M x y H x V y H x ..."), with scales `x`, `y`
   * (xScale, yScale); a point without a value breaks the line. "" when nothing holds in the range.
   */
  function stepPath(points, t0, t1, x, y) {
    var d = [], pen = false;
    stretches(points, t0, t1).forEach(function (s) {
      if (!given(s.p[1])) { pen = false; return; }
      d.push(pen ? "V" + r(y(s.p[1])) : "M" + r(x(s.a)) + " " + r(y(s.p[1])));
      if (s.b > s.a || !pen) { d.push("H" + r(x(s.b))); }
      pen = true;
    });
    return d.join("");
  }

  /**
   * The band between low and high of `points` in [t0, t1], where both are given, as a closed SVG path:
   * one polygon per run of steps with a range (upper edge forward, lower edge back). "" when none.
   */
  function bandPath(points, t0, t1, x, y) {
    var d = "", run = [];
    var close = function () {
      if (!run.length) { return; }
      var s = run[0], k;
      d += "M" + r(x(s.a)) + " " + r(y(s.p[3])) + "H" + r(x(s.b));
      for (k = 1; k < run.length; k++) { d += "V" + r(y(run[k].p[3])) + "H" + r(x(run[k].b)); }
      for (k = run.length - 1; k >= 0; k--) { d += "V" + r(y(run[k].p[2])) + "H" + r(x(run[k].a)); }
      d += "Z";
      run = [];
    };
    stretches(points, t0, t1).forEach(function (s) {
      if (given(s.p[2]) && given(s.p[3]) && s.b > s.a) { run.push(s); } else { close(); }
    });
    close();
    return d;
  }

  var numbers = {};  // one formatter per language: making one costs far more than using it

  /** A point's value in words: "42,000", or its range "6,000–8,000" (ja "6,000～8,000") when given; "—" for none. */
  function formatValue(point, lang) {
    var nf = numbers[lang] || (numbers[lang] = new Intl.NumberFormat(lang));
    if (!point) { return NONE; }
    if (given(point[2]) && given(point[3])) { return nf.format(point[2]) + (RANGE[lang] || RANGE.en) + nf.format(point[3]); }
    return given(point[1]) ? nf.format(point[1]) : NONE;
  }

  /** What changes a series' readout: the indices of its two steps at `ts` ("-1|3"). */
  function readoutKey(series, ts) {
    return stepIndex(series.us, ts) + "|" + stepIndex(series.actual, ts);
  }

  /**
   * A series' readout at `ts`: the US estimate and the reality in words ({us, actual}), and `key`,
   * which changes only when one of the two steps does (redraw the text only then).
   */
  function readout(series, ts, lang) {
    return {us: formatValue(stepAt(series.us, ts), lang), actual: formatValue(stepAt(series.actual, ts), lang),
      key: readoutKey(series, ts)};
  }

  /* ---- the chart in the page ---- */

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  /** A line sample for the legend: the series' stroke, dashed or solid as in the plots. */
  function swatch(kind) {
    var s = svg("svg", {"class": "cmc-chart-swatch", viewBox: "0 0 28 10", "aria-hidden": "true", focusable: "false"});
    s.appendChild(svg("line", {"class": "cmc-chart-" + kind, x1: "0", y1: "5", x2: "28", y2: "5"}));
    return s;
  }

  /** "title (unit)" in the page's language. */
  function caption(s, lang) {
    if (!s.unit) { return s.title; }
    return lang === "ja" ? s.title + "\uff08" + s.unit + "\uff09" : s.title + " (" + s.unit + ")";
  }

  /** The moment as the map's data-time says it (CMCCore.iso: ISO 8601 UTC to the minute, "1962-10-27T18:00Z"). */
  function iso(ts) {
    var core = root.CMCCore;
    return core && core.iso ? core.iso(ts) : new Date(Math.round(ts) * 1000).toISOString().slice(0, 16) + "Z";
  }

  /**
   * The chart, appended to `container`: a <section class="cmc-chart"> with a heading, a legend and a
   * <figure> per series of `estimates` (see the top of this file). `opts`: {t0, t1, ts} to start with
   * (else the range of the data and no cursor). Then setRange(t0, t1), setTime(ts), destroy().
   */
  function Chart(container, estimates, opts) {
    var self = this, lang = estimates.lang || "en";
    opts = opts || {};
    this.estimates = estimates;
    this.lang = lang;
    var sec = el("section", {"class": "cmc-chart", "aria-label": estimates.title, lang: lang});
    sec.appendChild(el("h2", {}, estimates.title));
    var legend = el("p", {"class": "cmc-chart-legend"});
    [["us", estimates.us_label], ["actual", estimates.actual_label]].forEach(function (k) {
      var item = el("span", {"class": "cmc-chart-key"});
      item.appendChild(swatch(k[0]));
      item.appendChild(document.createTextNode(k[1]));
      legend.appendChild(item);
    });
    sec.appendChild(legend);
    this.panels = estimates.series.map(function (s) {
      var fig = el("figure", {"class": "cmc-chart-panel", "data-series": s.id});
      fig.appendChild(el("figcaption", {}, caption(s, lang)));
      var plot = el("div", {"class": "cmc-chart-plot", "aria-hidden": "true"});
      var box = svg("svg", {viewBox: "0 0 " + W + " " + H, preserveAspectRatio: "none", focusable: "false"});
      var p = {series: s, iu: null, ia: null};
      p.usBand = box.appendChild(svg("path", {"class": "cmc-chart-band cmc-chart-us"}));
      p.actualBand = box.appendChild(svg("path", {"class": "cmc-chart-band cmc-chart-actual"}));
      box.appendChild(svg("line", {"class": "cmc-chart-grid", x1: "0", y1: "0", x2: String(W), y2: "0"}));
      box.appendChild(svg("line", {"class": "cmc-chart-axis", x1: "0", y1: String(H), x2: String(W), y2: String(H)}));
      p.actualLine = box.appendChild(svg("path", {"class": "cmc-chart-line cmc-chart-actual"}));
      p.usLine = box.appendChild(svg("path", {"class": "cmc-chart-line cmc-chart-us"}));
      p.cursor = box.appendChild(svg("line", {"class": "cmc-chart-cursor", x1: "0", y1: "0", x2: "0", y2: String(H),
        visibility: "hidden"}));
      plot.appendChild(box);
      plot.appendChild(el("span", {"class": "cmc-chart-max"}, formatValue([0, s.max, null, null], lang)));
      plot.appendChild(el("span", {"class": "cmc-chart-zero"}, formatValue([0, 0, null, null], lang)));
      fig.appendChild(plot);
      var line = el("p", {"class": "cmc-chart-readout"});
      var part = function (cls, label) {
        var span = el("span", {"class": cls});
        span.appendChild(document.createTextNode(label + " "));
        var value = el("b", {}, NONE);
        span.appendChild(value);
        line.appendChild(span);
        return value.firstChild;  // its text node: rewritten in place
      };
      p.usText = part("cmc-chart-r-us", estimates.us_label);
      line.appendChild(document.createTextNode(" \u00b7 "));
      p.actualText = part("cmc-chart-r-actual", estimates.actual_label);
      fig.appendChild(line);
      if (s.note) {  // what is counted and which figure is drawn: folded, so the panels stay short
        var note = el("details", {"class": "cmc-chart-note"});
        note.appendChild(el("summary", {}, estimates.note_label || "…"));
        note.appendChild(el("p", {}, s.note));
        fig.appendChild(note);
      }
      sec.appendChild(fig);
      return p;
    });
    this.section = sec;
    container.appendChild(sec);
    var first = Infinity, last = -Infinity;
    estimates.series.forEach(function (s) {
      s.us.concat(s.actual).forEach(function (pt) { first = Math.min(first, pt[0]); last = Math.max(last, pt[0]); });
    });
    this.setRange(opts.t0 !== undefined ? opts.t0 : first, opts.t1 !== undefined ? opts.t1 : last);
    if (opts.ts !== undefined) { self.setTime(opts.ts); }
  }

  /** Draw the lines and bands for the period [t0, t1] (epoch seconds): the x axis spans it. */
  Chart.prototype.setRange = function (t0, t1) {
    this.t0 = t0; this.t1 = t1;
    this._x = xScale(t0, t1, W);
    var x = this._x;
    this.panels.forEach(function (p) {
      var s = p.series, y = yScale(s.max, H);
      p.usLine.setAttribute("d", stepPath(s.us, t0, t1, x, y));
      p.actualLine.setAttribute("d", stepPath(s.actual, t0, t1, x, y));
      p.usBand.setAttribute("d", bandPath(s.us, t0, t1, x, y));
      p.actualBand.setAttribute("d", bandPath(s.actual, t0, t1, x, y));
    });
    this._cursorX = null;
    if (this.ts !== undefined) { this.setTime(this.ts); }
  };

  /**
   * Show the moment `ts` (epoch seconds): called every frame, so it only moves the cursors (hidden
   * outside the period) and rewrites a readout when one of its steps changes.
   */
  Chart.prototype.setTime = function (ts) {
    this.ts = ts;
    var inside = ts >= this.t0 && ts <= this.t1;
    var cx = inside ? Math.round(this._x(ts) * 10) / 10 : -1;
    var moved = cx !== this._cursorX, lang = this.lang;
    var shown = inside !== this._cursorShown;
    this._cursorX = cx; this._cursorShown = inside;
    for (var i = 0; i < this.panels.length; i++) {
      var p = this.panels[i];
      if (moved && inside) { p.cursor.setAttribute("transform", "translate(" + cx + " 0)"); }
      if (shown) { p.cursor.setAttribute("visibility", inside ? "visible" : "hidden"); }
      var iu = stepIndex(p.series.us, ts), ia = stepIndex(p.series.actual, ts);  // readout().key, without a string
      if (iu !== p.iu || ia !== p.ia) {
        p.iu = iu; p.ia = ia;
        p.usText.nodeValue = formatValue(iu < 0 ? null : p.series.us[iu], lang);
        p.actualText.nodeValue = formatValue(ia < 0 ? null : p.series.actual[ia], lang);
      }
    }
    var minute = Math.floor(Math.round(ts) / 60);  // data-time is to the minute: rewritten when that changes
    if (minute !== this._minute) { this._minute = minute; this.section.setAttribute("data-time", iso(ts)); }
  };

  /** Take the chart out of the page. */
  Chart.prototype.destroy = function () {
    if (this.section.parentNode) { this.section.parentNode.removeChild(this.section); }
    this.panels = [];
  };

  var api = {stepAt: stepAt, stepIndex: stepIndex, xScale: xScale, yScale: yScale, stepPath: stepPath,
    bandPath: bandPath, formatValue: formatValue, readout: readout, Chart: Chart};
  root.CMCChart = api;
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
})(typeof window !== "undefined" ? window : globalThis);
