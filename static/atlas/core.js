/*
 * The pure part of the atlas's browser code: what to show at a moment, computed from the timed scene
 * that Python sent (geoapp/render/leaflet/schema.py documents it). No Leaflet, no DOM: it loads in
 * the page (window.CMCCore) and under Node (module.exports), where tests/test_js_contract.py checks
 * that it computes what Python computes.
 *
 * Python has decided every rule (which feature shows when, in which style, with which halo); this
 * file only bisects, interpolates between vertices and picks styles by reference.
 */
(function (root) {
  "use strict";
  var WEEKDAYS = {en: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"], ja: ["日", "月", "火", "水", "木", "金", "土"]};
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /** Each zone's offsets, as Python gave them (data.zone_steps: {IANA zone: [[from, offset s, name], ...]}); the
   * browser's own zone database is never asked (its data is slow to load, and its rules are not Python's). */
  var zoneSteps = {};

  /** Read wall clocks with these offsets from now on (a page's data.zone_steps). */
  function useZones(steps) {
    if (steps && steps !== zoneSteps) { zoneSteps = steps; wordsTs = null; }
  }

  /** Wall-clock parts of epoch seconds `ts` in IANA zone `zone`, and the zone's offset in hours and its name
   * (UTC for a zone Python gave no offsets for). */
  function zoned(ts, zone) {
    var steps = zoneSteps[zone], offset = 0, name = "UTC";
    if (steps && steps.length) {
      var lo = 0, hi = steps.length;  // the last step that has begun (the first one for earlier moments)
      while (lo < hi) { var mid = (lo + hi) >> 1; if (steps[mid][0] <= ts) { lo = mid + 1; } else { hi = mid; } }
      var step = steps[Math.max(0, lo - 1)];
      offset = step[1]; name = step[2];
    }
    var d = new Date((ts + offset) * 1000);
    return {y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(),
            wd: d.getUTCDay(), offset: offset / 3600, name: name};
  }

  /**
   * A moment in words, e.g. "Sat 27 Oct 1962, 14:00 EDT" or "1962年10月27日(土) 14:00 EDT": the same
   * words as geoapp.clock.format_moment (the contract test compares them). `label` is the zone's label
   * as Python gave it (data.zones); without one, the zone's own name (Washington's EDT or EST), GMT for UTC.
   */
  var wordsTs = null, words = {};  // the moment's words, kept while the moment stays (one frame asks twice)

  function formatMoment(ts, lang, zone, label) {
    if (ts !== wordsTs) { wordsTs = ts; words = {}; }
    var key = lang + "|" + (zone || "") + "|" + (label || "");
    return words[key] || (words[key] = moment(ts, lang, zone, label));
  }

  function moment(ts, lang, zone, label) {
    zone = zone || "America/New_York";
    var z = zoned(ts, zone);
    label = label || (zone === "UTC" ? "GMT" : z.name);
    if (lang === "ja") {
      return z.y + "年" + z.mo + "月" + z.d + "日(" + WEEKDAYS.ja[z.wd] + ") " + pad(z.h) + ":" + pad(z.mi) + " " + label;
    }
    return WEEKDAYS.en[z.wd] + " " + z.d + " " + MONTHS[z.mo - 1] + " " + z.y + ", " + pad(z.h) + ":" + pad(z.mi) + " " + label;
  }

  /** Epoch seconds as ISO 8601 UTC to the minute ("1962-10-27T18:00Z"), as geoapp.clock.iso. */
  function iso(ts) {
    var d = new Date(Math.round(ts) * 1000);
    return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) + "T" +
      pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()) + "Z";
  }

  function parseIso(s) { return Date.parse(s) / 1000; }

  /** Index of the last element of sorted `arr` that is <= x (or -1). */
  function bisect(arr, x) {
    var lo = 0, hi = arr.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (arr[mid] <= x) { lo = mid + 1; } else { hi = mid; } }
    return lo - 1;
  }

  /** Whether epoch `ts` lies in one of the spans [from, to). */
  function inSpans(spans, ts) {
    for (var i = 0; i < spans.length; i++) { if (spans[i][0] <= ts && ts < spans[i][1]) { return true; } }
    return false;
  }

  /** The runs of consecutive segments sharing a style: [{from, to, seg}] (vertex indices), kept on the mover. */
  function runsOf(m) {
    if (m._runs) { return m._runs; }
    var runs = [];
    for (var k = 0; k < m.seg.length; k++) {
      var last = runs[runs.length - 1];
      if (last && last.seg === m.seg[k]) { last.to = k + 1; } else { runs.push({from: k, to: k + 1, seg: m.seg[k]}); }
    }
    Object.defineProperty(m, "_runs", {value: runs, enumerable: false});
    return runs;
  }

  /** The last vertex passed at `ts`, the [lat, lon] there, and whether `ts` lies inside a segment. */
  function position(m, ts) {
    var n = m.t.length;
    if (ts <= m.t[0]) { return {i: 0, ll: m.ll[0], partial: false}; }
    if (ts >= m.t[n - 1]) { return {i: n - 1, ll: m.ll[n - 1], partial: false}; }
    var i = bisect(m.t, ts);
    var f = (ts - m.t[i]) / (m.t[i + 1] - m.t[i]);
    var a = m.ll[i], b = m.ll[i + 1];
    return {i: i, ll: [a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])], partial: f > 0};
  }

  /**
   * A mover at `ts` (null when not shown): position, runs of track drawn so far (each with its style
   * reference and the vertices it spans), the marker's style reference (null: no marker) and halo (km).
   */
  function moverFrame(m, ts) {
    if (ts < m.show[0] || ts > m.show[1]) { return null; }
    var p = position(m, ts);
    var faded = m.fade_after !== null && m.fade_after !== undefined && ts > m.fade_after && !!m.faded;
    var styles = faded ? m.faded : m.lines;
    var runs = [];
    runsOf(m).forEach(function (r, k) {
      if (r.from > p.i) { return; }
      var upto = Math.min(r.to, p.i);
      var tail = p.partial && r.from <= p.i && p.i < r.to;
      var count = upto - r.from + 1 + (tail ? 1 : 0);
      if (count >= 2) { runs.push({index: k, style: styles[r.seg], from: r.from, upto: upto, tail: tail, count: count}); }
    });
    var on = ts <= m.marker_until;
    return {ll: p.ll, vertex: p.i, runs: runs, marker: on ? m.markers[m.mk[p.i]] : null, halo: on ? m.halo_km[p.i] : 0,
      heading: on && p.partial ? heading(m.ll[p.i], m.ll[p.i + 1]) : null};
  }

  /**
   * The direction of travel from `a` to `b` ([lat, lon]) as drawn on the map: degrees clockwise from north
   * (Web Mercator keeps angles, so the local east-west stretch is cos(latitude)). Null when they coincide.
   */
  function heading(a, b) {
    var dy = b[0] - a[0], dx = (b[1] - a[1]) * Math.cos((a[0] + b[0]) * Math.PI / 360);
    if (dx === 0 && dy === 0) { return null; }
    return (Math.atan2(dx, dy) * 180 / Math.PI + 360) % 360;
  }

  /**
   * Everything shown at `ts` for the visible layers (`visible`: {layer id: true}; all when omitted):
   * indices of fixed features, and the frame of each mover shown ({index, frame}).
   */
  function frameAt(data, ts, visible) {
    var fixed = [], movers = [];
    data.fixed.forEach(function (f, k) {
      if ((!visible || visible[f.layer]) && inSpans(f.spans, ts)) { fixed.push(k); }
    });
    data.movers.forEach(function (m, k) {
      if (visible && !visible[m.layer]) { return; }
      var fr = moverFrame(m, ts);
      if (fr) { movers.push({index: k, frame: fr}); }
    });
    return {fixed: fixed, movers: movers};
  }

  /** The frame in the shape of geoapp.render.leaflet.schema.reference_frame (for the contract test). */
  function frameSummary(data, ts, visible) {
    var fr = frameAt(data, ts, visible);
    return {
      fixed: fr.fixed.map(function (k) { var f = data.fixed[k]; return [f.layer, f.id, f.style]; }),
      movers: fr.movers.map(function (x) {
        var m = data.movers[x.index], f = x.frame;
        return [m.layer, m.id, f.ll, f.runs.map(function (r) { return [r.index, r.style, r.count]; }), f.marker, f.halo];
      })
    };
  }

  /** The event the caption tells at `ts` (Python chose it for each stretch of time), or null. */
  function captionAt(data, ts) {
    var i = stepAt(data.captions, ts, "_captionTimes", data);
    return i < 0 ? null : data.events[data.captions[i][1]];
  }

  /** The value of a step list `[[from, ...values], ...]` in force at `ts`: the step's index, or -1 before the first. */
  function stepAt(steps, ts, cacheKey, owner) {
    var times = owner[cacheKey] || (owner[cacheKey] = steps.map(function (s) { return s[0]; }));
    return bisect(times, ts);
  }

  /**
   * The story beside the map at `ts`: the events told (indices into data.events, newest first, as
   * Python chose them for each stretch of time), whether they are only the latest event, which part
   * of the story (prologue, epilogue) the time bar's bounds ask for, and the step's index (what changes).
   */
  function storyAt(data, ts, bounds) {
    var i = stepAt(data.story_steps, ts, "_storyTimes", data);
    var step = i < 0 ? [0, [], 1] : data.story_steps[i];
    var b = bounds || data.story_bounds;
    var part = ts <= b[0] ? "prologue" : (ts >= b[1] ? "epilogue" : null);
    return {events: step[1], latest: !!step[2], part: part, step: i};
  }

  /** The quarantine's state at `ts` (a key of data.quarantine_text). */
  function quarantineAt(data, ts) {
    var i = stepAt(data.quarantine_steps, ts, "_quarantineTimes", data);
    return i < 0 ? "not" : data.quarantine_steps[i][1];
  }

  /** What Moscow knew at `ts`: the index of the last of data.moscow begun by then, or -1 (none, or before the first). */
  function moscowAt(data, ts) {
    var list = data.moscow || [];
    if (!list.length) { return -1; }
    var times = data._moscowTimes || (data._moscowTimes = list.map(function (m) { return m.t; }));
    return bisect(times, ts);
  }

  /** The clock's rows at `ts`: [place, the moment in words there] for each of data.zones. */
  function clockAt(data, ts) {
    useZones(data.zone_steps);
    return data.zones.map(function (z) { return [z[0], formatMoment(ts, data.lang, z[1], z[2])]; });
  }

  /** The panels at `ts` in the shape of geoapp.render.leaflet.schema.reference_panel (for the contract test). */
  function panelSummary(data, ts) {
    var ci = stepAt(data.captions, ts, "_captionTimes", data);
    var st = storyAt(data, ts);
    return {caption: ci < 0 ? null : data.captions[ci][1], story: st.events, latest: st.latest,
      quarantine: quarantineAt(data, ts), clock: clockAt(data, ts).map(function (r) { return r[1]; })};
  }

  /** Text of an escaped HTML string (tooltips arrive escaped for Leaflet), without parsing markup. */
  function unescape(s) {
    return String(s).replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
      .replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, "&");
  }

  /**
   * What a frame shows, by layer, in words for people who cannot see the map: [{layer, names}] in the
   * order of data.layers, each name once; moving things with their position.
   */
  function describeFrame(data, frame) {
    var by = {};
    frame.fixed.forEach(function (k) {
      var f = data.fixed[k], name = unescape(f.tooltip || "");
      if (name) { (by[f.layer] = by[f.layer] || []).push(name); }
    });
    frame.movers.forEach(function (x) {
      var m = data.movers[x.index], ll = x.frame.ll;
      var lon = ((ll[1] + 540) % 360) - 180;  // tracks run on past ±180: back into [-180, 180)
      var where = Math.abs(ll[0]).toFixed(1) + "°" + (ll[0] >= 0 ? "N" : "S") + " " +
        Math.abs(lon).toFixed(1) + "°" + (lon >= 0 ? "E" : "W");
      (by[m.layer] = by[m.layer] || []).push(unescape(m.tooltip || m.id) + " (" + where + ")");
    });
    var out = [];
    (data.layers || Object.keys(by)).forEach(function (l) {
      if (by[l]) { out.push({layer: l, names: by[l].filter(function (n, i, a) { return a.indexOf(n) === i; })}); }
    });
    return out;
  }

  /** The names that appear in frame `b` and not in `a`, and those gone: what a screen reader is told. */
  function frameChanges(data, a, b) {
    var names = function (fr) {
      var s = {};
      if (!fr) { return s; }
      fr.fixed.forEach(function (k) { s[unescape(data.fixed[k].tooltip || "")] = true; });
      fr.movers.forEach(function (x) { s[unescape(data.movers[x.index].tooltip || "")] = true; });
      delete s[""];
      return s;
    };
    var na = names(a), nb = names(b);
    return {appeared: Object.keys(nb).filter(function (n) { return !na[n]; }),
      gone: Object.keys(na).filter(function (n) { return !nb[n]; })};
  }

  /** The next (`dir` > 0) or previous key moment more than a minute from `ts`, or null. */
  function nextKey(keys, ts, dir) {
    var found = null;
    if (dir > 0) { for (var i = 0; i < keys.length; i++) { if (keys[i] > ts + 60) { found = keys[i]; break; } } }
    else { for (var j = keys.length - 1; j >= 0; j--) { if (keys[j] < ts - 60) { found = keys[j]; break; } } }
    return found;
  }

  var api = {formatMoment: formatMoment, useZones: useZones, iso: iso, parseIso: parseIso, bisect: bisect, inSpans: inSpans,
    position: position, moverFrame: moverFrame, heading: heading, frameAt: frameAt, frameSummary: frameSummary,
    captionAt: captionAt, nextKey: nextKey, storyAt: storyAt, quarantineAt: quarantineAt, clockAt: clockAt,
    panelSummary: panelSummary, describeFrame: describeFrame, frameChanges: frameChanges, unescape: unescape,
    moscowAt: moscowAt};
  root.CMCCore = api;
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
})(typeof window !== "undefined" ? window : globalThis);
