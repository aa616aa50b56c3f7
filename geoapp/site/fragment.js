/*
 * The static site's address, the pure part (no DOM): the fragment read into a state and written back, with the
 * app's own URL keys (#t=1962-10-27T18:00Z&lang=ja&layers=ships,flights, fig=, view=). Every valid value is
 * looked up in the manifest Python wrote (site.json: geoapp/publish.py); a bad value is dropped with a note in
 * the manifest's words. Loads in the page (window.CMCSiteFragment) and under Node (module.exports) for
 * tests/js/fragment.test.js.
 */
(function (root) {
  "use strict";

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /** Epoch seconds as ISO 8601 UTC to the minute (seconds when not zero), as geoapp.clock.iso. */
  function iso(ts) {
    var d = new Date(Math.round(ts) * 1000);
    var s = d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) + "T" +
      pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes());
    return s + (d.getUTCSeconds() ? ":" + pad(d.getUTCSeconds()) : "") + "Z";
  }

  /** The fragment's keys and values, the first of each (a value's `+` is kept: a time's offset). */
  function pairs(hash) {
    var out = {};
    String(hash || "").replace(/^#/, "").split("&").forEach(function (part) {
      if (!part) { return; }
      var i = part.indexOf("="), key = i < 0 ? part : part.slice(0, i), value = i < 0 ? "" : part.slice(i + 1);
      try { key = decodeURIComponent(key); value = decodeURIComponent(value); } catch (e) { /* kept as written */ }
      if (!Object.prototype.hasOwnProperty.call(out, key)) { out[key] = value; }
    });
    return out;
  }

  /** A value quoted back in a note: cut with an ellipsis when long. */
  function quoted(value, max) { return value.length <= max ? value : value.slice(0, max) + "…"; }

  /** A text of the manifest with its {name} holes filled. */
  function fill(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (m, k) { return Object.prototype.hasOwnProperty.call(values, k) ? values[k] : m; });
  }

  /**
   * A moment asked for in the address, as geoapp.clock.parse_moment reads one: a date alone is 12:00 GMT that
   * day, a time without a zone is GMT. Returns {ts} or {why: "too_long" | "unreadable" | "outside"}.
   */
  function readMoment(text, M) {
    var raw = String(text).trim();
    if (raw.length > M.time_max) { return {why: "time_too_long"}; }
    if (raw.length === 10) { raw += "T12:00Z"; }
    else if (raw.indexOf("T") > 0 && !/[zZ]$|[+-]\d\d:?\d\d$/.test(raw)) { raw += "Z"; }
    var ok = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?([zZ]|[+-]\d\d:?\d\d)$/.test(raw);
    var ts = ok ? Date.parse(raw.replace(/([+-]\d\d)(\d\d)$/, "$1:$2").replace(/z$/, "Z")) / 1000 : NaN;
    if (!isFinite(ts)) { return {why: "time_unreadable"}; }
    if (ts < M.timeline[0] || ts > M.timeline[1]) { return {why: "time_outside"}; }
    return {ts: ts};
  }

  /** The period a moment's time bar shows when none is chosen (Python's clock.period_for, by the manifest). */
  function periodFor(ts, M) {
    for (var i = 0; i < M.follow.length; i++) {
      var r = M.periods[M.follow[i]].range;
      if (r[0] <= ts && ts <= r[1]) { return M.follow[i]; }
    }
    return M.fallback_period;
  }

  /**
   * The state an address asks for, over `base` (the state shown, or the defaults): {state, notes}. A key that
   * is absent keeps the base's value. A bad value is dropped with a note in the state's language: a bad moment
   * or view gives the default one, as the app does and as its note says; a bad language or figure keeps the base's.
   */
  function parse(hash, M, base) {
    var p = pairs(hash), bad = [];
    var st = {t: base.t, lang: base.lang, layers: base.layers.slice(), fig: base.fig, view: base.view};
    var has = function (k) { return Object.prototype.hasOwnProperty.call(p, k); };
    if (has("lang")) {
      if (M.langs.indexOf(p.lang) >= 0) { st.lang = p.lang; } else { bad.push(["bad_value", {name: "lang", value: p.lang}]); }
    }
    if (has("t") && p.t) {
      var m = readMoment(p.t, M);
      // as its note says (the app's words): the default moment instead
      if (m.ts !== undefined) { st.t = m.ts; } else { st.t = defaults(M).t; bad.push(["bad_time", {value: p.t, why: m.why}]); }
    }
    if (has("layers")) {
      var asked = p.layers.split(",").map(function (x) { return x.trim(); }).filter(Boolean);
      var unknown = asked.filter(function (x) { return M.layers.indexOf(x) < 0; });
      if (unknown.length) { bad.push(["bad_layers", {value: unknown.join(", ")}]); }
      st.layers = M.layers.filter(function (x) { return asked.indexOf(x) >= 0; });
    }
    if (has("fig")) {
      if (M.figures.indexOf(p.fig) >= 0) { st.fig = p.fig; } else { bad.push(["bad_value", {name: "fig", value: p.fig}]); }
    }
    if (has("view")) {
      // an empty view is the default; another one too, with a note that says so (the app's words)
      st.view = M.views.indexOf(p.view) >= 0 ? p.view : M.default_view;
      if (p.view && M.views.indexOf(p.view) < 0) { bad.push(["bad_view", {value: p.view}]); }
    }
    var tx = M.texts[st.lang];
    var notes = bad.map(function (b) {
      var v = b[1];
      if (v.value !== undefined) { v.value = quoted(v.value, M.quote_max); }
      if (v.why) { v.why = tx[v.why]; }
      return fill(tx[b[0]], v);
    });
    return {state: st, notes: notes};
  }

  /** The state shown when the address asks for nothing. */
  function defaults(M) {
    return {t: Date.parse(M.default_t) / 1000, lang: M.default_lang, layers: M.layers.slice(), fig: M.default_figure,
            view: M.default_view};
  }

  /** The fragment of a state (no `#`): the moment, language and layers always; figure and view when not the default. */
  function write(st, M) {
    var out = "t=" + iso(st.t) + "&lang=" + encodeURIComponent(st.lang) + "&layers=" + st.layers.join(",");
    if (st.fig !== M.default_figure) { out += "&fig=" + encodeURIComponent(st.fig); }
    if (st.view !== M.default_view) { out += "&view=" + encodeURIComponent(st.view); }
    return out;
  }

  /** The page file (relative to the site) of a state's language, view and range figure. */
  function pageFor(st, M) { return M.pages[st.lang][st.view][st.fig]; }

  /** The range figure the map draws in a state's view (the known view draws its own). */
  function shownFigure(st, M) { return (M.view_figure && M.view_figure[st.view]) || st.fig; }

  /** A moment kept inside a period. */
  function clampTo(ts, period, M) {
    var r = M.periods[period].range;
    return Math.min(r[1], Math.max(r[0], ts));
  }

  var api = {iso: iso, pairs: pairs, quoted: quoted, fill: fill, readMoment: readMoment, periodFor: periodFor,
    parse: parse, defaults: defaults, write: write, pageFor: pageFor, shownFigure: shownFigure, clampTo: clampTo};
  root.CMCSiteFragment = api;
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
})(typeof window !== "undefined" ? window : globalThis);
