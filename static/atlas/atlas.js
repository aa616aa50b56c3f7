/*
 * The atlas's client-side time control: the whole timed scene is drawn once, then each frame only
 * shows, hides and moves what is already on the map. Used by the Streamlit app (through a small
 * component bridge) and by the standalone HTML export.
 *
 * Data (built by geoapp.timed and geoapp.render.web):
 *   pool:   [values stored once]
 *   fixed:  [{layer, id, kind: point|line|area, g: pool index of [[lat, lon]...], s: style index,
 *             p: popup index, tooltip, spans: [[from, to), ...]}]
 *   movers: [{layer, id, t: [...], ll: [[lat, lon], ...], est: [...], prec: [...], show: [from, to],
 *             markerUntil, fadeAfter, marker, track, popup, tooltip}]
 *   events: [{t, title, key}], labels: {...}, lang, start, end (epoch seconds)
 */
(function () {
  "use strict";
  var HOUR = 3600;
  var WEEKDAYS = {en: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"], ja: ["日", "月", "火", "水", "木", "金", "土"]};
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /** Wall-clock parts of epoch seconds `ts` in IANA zone `zone`, and the zone's offset in hours. */
  function zoned(ts, zone) {
    var fmt = new Intl.DateTimeFormat("en-US", {timeZone: zone, hourCycle: "h23", year: "numeric",
      month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", weekday: "short"});
    var parts = {};
    fmt.formatToParts(new Date(ts * 1000)).forEach(function (p) { parts[p.type] = p.value; });
    var y = +parts.year, mo = +parts.month, d = +parts.day, h = +parts.hour % 24, mi = +parts.minute;
    var asUtc = Date.UTC(y, mo - 1, d, h, mi) / 1000;
    var wd = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
    return {y: y, mo: mo, d: d, h: h, mi: mi, wd: wd, offset: Math.round((asUtc - ts) / 360) / 10};
  }

  /** A moment in words, e.g. "Sat 27 Oct 1962, 14:00 EDT" or "1962年10月27日(土) 14:00 EDT". */
  function formatMoment(ts, lang, zone) {
    var z = zoned(ts, zone || "America/New_York");
    var label;
    if (!zone || zone === "America/New_York") { label = z.offset === -4 ? "EDT" : (z.offset === -5 ? "EST" : "UTC" + z.offset); }
    else if (zone === "UTC") { label = "GMT"; }
    else { label = "UTC" + (z.offset >= 0 ? "+" : "") + z.offset; }
    if (lang === "ja") {
      return z.y + "年" + z.mo + "月" + z.d + "日(" + WEEKDAYS.ja[z.wd] + ") " + pad(z.h) + ":" + pad(z.mi) + " " + label;
    }
    return WEEKDAYS.en[z.wd] + " " + z.d + " " + MONTHS[z.mo - 1] + " " + z.y + ", " + pad(z.h) + ":" + pad(z.mi) + " " + label;
  }

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

  /** Position (lat, lon) of a mover at `ts`, with the index of the last vertex passed. */
  function moverAt(m, ts) {
    var n = m.t.length;
    if (ts <= m.t[0]) { return {i: 0, ll: m.ll[0], partial: false}; }
    if (ts >= m.t[n - 1]) { return {i: n - 1, ll: m.ll[n - 1], partial: false}; }
    var i = bisect(m.t, ts);
    var f = (ts - m.t[i]) / (m.t[i + 1] - m.t[i]);
    var a = m.ll[i], b = m.ll[i + 1];
    return {i: i, ll: [a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])], partial: f > 0};
  }

  function markerIcon(sty, cls) {
    var r = sty.radius || 7, size = 2 * r + 4, color = sty.color || "#333", bg = sty.fill || color;
    var op = sty.fill_opacity === undefined ? 0.9 : sty.fill_opacity;
    var html = '<div class="cmc-mk" style="width:' + size + "px;height:" + size + "px;border:2px " +
      (sty.dash ? "dashed " : "solid ") + color + ";background:color-mix(in srgb, " + bg + " " +
      Math.round(op * 100) + "%, transparent);opacity:" + (sty.opacity === undefined ? 1 : sty.opacity) + '">' +
      (sty.symbol || "") + "</div>";
    return L.divIcon({html: html, className: "cmc-icon " + (cls || ""), iconSize: [size, size], iconAnchor: [size / 2, size / 2]});
  }

  function lineOptions(sty) {
    return {color: sty.color, weight: sty.weight || 2, opacity: sty.opacity === undefined ? 0.9 : sty.opacity,
      dashArray: sty.dash || null, fill: !!sty.fill, fillColor: sty.fill || sty.color,
      fillOpacity: sty.fill_opacity === undefined ? 0.05 : sty.fill_opacity};
  }

  function bind(layer, item) {
    if (item.popup) { layer.bindPopup(item.popup, {maxWidth: 360}); }
    if (item.tooltip) { layer.bindTooltip(item.tooltip, {sticky: true}); }
    return layer;
  }

  function Controller(map, data, opts) {
    var self = this;
    this.map = map;
    this.data = data;
    this.opts = opts || {};
    this.lang = data.lang;
    this.container = map.getContainer();
    this.container.setAttribute("data-lang", data.lang);
    // credits without links: nothing on an exhibit or in an export leads away from the atlas
    if (map.attributionControl) { map.attributionControl.setPrefix("Leaflet · Natural Earth"); }
    this.root = document.getElementById(this.opts.timebarId || "cmc-timebar");
    this.visible = {};
    (data.layers || []).forEach(function (l) { self.visible[l] = true; });
    this.start = data.start; this.end = data.end;
    this.t = data.t0 || data.start;
    this.playing = false; this.speed = 6; this.loop = false; this.holdUntil = 0;
    this.keys = data.events.filter(function (e) { return e.key; }).map(function (e) { return e.t; });
    this.eventTimes = data.events.map(function (e) { return e.t; });
    this.reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    this.frames = 0;
    this._build();
    this._controls();
    this.draw();
  }

  Controller.prototype._build = function () {
    var map = this.map, pool = this.data.pool || [];
    this.fixed = this.data.fixed.map(function (f) {
      if (f.g !== undefined) { f.ll = pool[f.g]; f.style = pool[f.s]; f.popup = pool[f.p]; }
      var layers = [];
      if (f.kind === "point") {
        if (f.style.halo_km) {
          layers.push(L.circle(f.ll, {radius: f.style.halo_km * 1000, color: f.style.color, weight: 1, dashArray: "4 4",
            fill: true, fillOpacity: 0.06, opacity: 0.6, interactive: false}));
        }
        layers.push(bind(L.marker(f.ll, {icon: markerIcon(f.style, "cmc-" + f.layer)}), f));
      } else if (f.kind === "line") {
        layers.push(bind(L.polyline(f.ll, lineOptions(f.style)), f));
      } else {
        layers.push(bind(L.polygon(f.ll, lineOptions(f.style)), f));
      }
      return {item: f, layers: layers, on: false};
    });
    this.movers = this.data.movers.map(function (m) {
      var runs = [];
      for (var i = 0; i < m.t.length - 1; i++) {
        if (!runs.length || runs[runs.length - 1].est !== m.est[i]) { runs.push({from: i, to: i + 1, est: m.est[i]}); }
        else { runs[runs.length - 1].to = i + 1; }
      }
      runs.forEach(function (r) {
        var sty = Object.assign({}, m.track, r.est ? {dash: "4 6", opacity: 0.55} : {});
        r.line = bind(L.polyline([], lineOptions(sty)), m);
        r.baseOpacity = sty.opacity;
      });
      return {item: m, runs: runs, marker: bind(L.marker(m.ll[0], {icon: markerIcon(m.marker, "cmc-" + m.layer)}), m),
        halo: L.circle(m.ll[0], {radius: 1, color: m.marker.color, weight: 1, dashArray: "4 4", fill: true,
          fillOpacity: 0.06, opacity: 0.6, interactive: false}), on: false};
    });
    void map;
  };

  function show(map, layer, on) {
    var has = map.hasLayer(layer);
    if (on && !has) { layer.addTo(map); } else if (!on && has) { map.removeLayer(layer); }
  }

  /** Draw the moment `this.t`: show, hide and move what the timed scene holds. */
  Controller.prototype.draw = function () {
    var ts = this.t, map = this.map, vis = this.visible, count = 0;
    this.fixed.forEach(function (f) {
      var on = !!vis[f.item.layer] && inSpans(f.item.spans, ts);
      if (on !== f.on) { f.layers.forEach(function (l) { show(map, l, on); }); f.on = on; }
      if (on) { count++; }
    });
    this.movers.forEach(function (mv) {
      var m = mv.item;
      var on = !!vis[m.layer] && m.show[0] <= ts && ts <= m.show[1];
      if (!on) {
        if (mv.on) { mv.runs.forEach(function (r) { show(map, r.line, false); }); show(map, mv.marker, false); show(map, mv.halo, false); }
        mv.on = false; return;
      }
      mv.on = true; count++;
      var pos = moverAt(m, ts);
      var faded = m.fadeAfter !== null && m.fadeAfter !== undefined && ts > m.fadeAfter;
      mv.runs.forEach(function (r) {
        if (r.from > pos.i || m.t.length < 2) { show(map, r.line, false); return; }
        var upto = Math.min(r.to, pos.i);
        var pts = m.ll.slice(r.from, upto + 1);
        if (pos.partial && pos.i < r.to && pos.i >= r.from) { pts.push(pos.ll); }
        if (pts.length < 2) { show(map, r.line, false); return; }
        r.line.setLatLngs(pts);
        r.line.setStyle({opacity: faded ? 0.4 : r.baseOpacity});
        show(map, r.line, true);
      });
      var markerOn = ts <= m.markerUntil;
      show(map, mv.marker, markerOn);
      if (markerOn) { mv.marker.setLatLng(pos.ll); }
      var prec = m.prec[Math.min(pos.i, m.prec.length - 1)];
      var estNow = m.est[Math.min(pos.i, m.est.length - 1)];
      var haloOn = markerOn && (estNow || prec > 5) && prec > 0;
      show(map, mv.halo, haloOn);
      if (haloOn) { mv.halo.setLatLng(pos.ll); mv.halo.setRadius(prec * 1000); }
    });
    this.frames++;
    this._updateClock();
    this.container.setAttribute("data-time", iso(ts));
    this.container.setAttribute("data-features", String(count));
    this.container.setAttribute("data-frame", String(this.frames));
  };

  /** The latest event at or before the moment; among events at the same minute, a key moment first. */
  Controller.prototype._latestEvent = function () {
    var i = bisect(this.eventTimes, this.t), evs = this.data.events;
    if (i < 0) { return null; }
    for (var j = i; j >= 0 && evs[j].t === evs[i].t; j--) { if (evs[j].key) { return evs[j]; } }
    return evs[i];
  };

  Controller.prototype._updateClock = function () {
    var ts = this.t, lang = this.lang;
    var when = formatMoment(ts, lang), gmt = formatMoment(ts, lang, "UTC");
    var ev = this._latestEvent();
    var el = document.getElementById("cmc-clock");
    if (el) {
      el.querySelector(".when").textContent = when;
      el.querySelector(".gmt").textContent = gmt;
      el.querySelector(".cap").textContent = ev ? ev.title : "";
    }
    if (this.slider) {
      var frac = (ts - this.start) / Math.max(1, this.end - this.start);
      this.handle.style.left = (100 * Math.min(1, Math.max(0, frac))) + "%";
      this.fill.style.width = (100 * Math.min(1, Math.max(0, frac))) + "%";
      this.slider.setAttribute("aria-valuenow", String(Math.round((ts - this.start) / HOUR)));
      this.slider.setAttribute("aria-valuetext", when + " (" + gmt + ")");
      this.readout.textContent = when;
    }
    if (this.live && !this.playing) { this.live.textContent = when + (ev ? " — " + ev.title : ""); }
  };

  Controller.prototype.setTime = function (ts, commit) {
    this.t = Math.min(this.end, Math.max(this.start, ts));
    this.draw();
    if (commit) { this.commit(); }
  };

  /** Tell the host the moment settled on: at once (`now`), or after 80 ms without another step. */
  Controller.prototype.commit = function (now) {
    var self = this;
    clearTimeout(this._commitTimer);
    var send = function () { if (self.onCommit) { self.onCommit(iso(self.t)); } };
    if (now) { send(); } else { this._commitTimer = setTimeout(send, 80); }
  };

  Controller.prototype.setLayers = function (ids) {
    var self = this;
    this.visible = {};
    ids.forEach(function (l) { self.visible[l] = true; });
    document.querySelectorAll("#cmc-legend [data-layer]").forEach(function (el) {
      el.style.display = self.visible[el.getAttribute("data-layer")] ? "" : "none";
    });
    this.draw();
  };

  Controller.prototype.setPeriod = function (start, end) {
    this.start = start; this.end = end;
    this.slider.setAttribute("aria-valuemax", String(Math.round((end - start) / HOUR)));
    this._ticks();
    this.setTime(this.t, false);
  };

  Controller.prototype.step = function (hours) { this.pause(); this.setTime(Math.round((this.t + hours * HOUR) / HOUR) * HOUR, true); };

  Controller.prototype.jumpKey = function (dir) {
    var t = this.t, found = null;
    if (dir > 0) { found = this.keys.filter(function (k) { return k > t + 60; })[0]; }
    else { var before = this.keys.filter(function (k) { return k < t - 60; }); found = before[before.length - 1]; }
    if (found !== undefined && found !== null) { this.pause(); this.setTime(found, true); }
  };

  Controller.prototype.play = function () {
    if (this.playing) { return; }
    if (this.t >= this.end) { this.t = this.start; }
    this.playing = true; this._last = null;
    this.playBtn.setAttribute("aria-pressed", "true");
    this.playBtn.innerHTML = ICONS.pause;
    this.playBtn.setAttribute("aria-label", this.data.labels.pause);
    var self = this;
    var tick = function (now) {
      if (!self.playing) { return; }
      if (self._last === null) { self._last = now; }
      var dt = Math.min(0.25, (now - self._last) / 1000); self._last = now;
      if (now < self.holdUntil) { self._raf = requestAnimationFrame(tick); return; }
      var stepHours = self.reducedMotion ? 0 : dt * self.speed;
      var next = self.reducedMotion ? self._nextStop() : self.t + stepHours * HOUR;
      var k = self.keys.filter(function (x) { return x > self.t && x <= next; })[0];
      if (k !== undefined) {
        next = k; self.holdUntil = now + (self.opts.holdMs || 1800);
        // the kiosk's panels tell each key moment (at most one server rerun every 1.5 s)
        if (self.attract && now - (self._lastAttractCommit || -1e9) > 1500) {
          self._lastAttractCommit = now; self.t = k; self.commit(true);
        }
      }
      if (next >= self.end) {
        if (self.loop) { next = self.start; } else { self.setTime(self.end, false); self.pause(); return; }
      }
      self.setTime(next, false);
      if (self.reducedMotion) { self.holdUntil = now + 2500; }
      self._raf = requestAnimationFrame(tick);
    };
    this._raf = requestAnimationFrame(tick);
  };

  Controller.prototype._nextStop = function () {
    var t = this.t;
    var k = this.keys.filter(function (x) { return x > t + 60; })[0];
    return k === undefined ? this.end : k;
  };

  Controller.prototype.pause = function () {
    this.attract = false;  // whatever stops the attract loop hands the kiosk to the idle timer
    if (!this.playing) { return; }
    this.playing = false;
    cancelAnimationFrame(this._raf);
    this.playBtn.setAttribute("aria-pressed", "false");
    this.playBtn.innerHTML = ICONS.play;
    this.playBtn.setAttribute("aria-label", this.data.labels.play);
    this.commit();
    this._updateClock();
  };

  Controller.prototype.toggle = function () { if (this.playing) { this.pause(); } else { this.play(); } };

  var ICONS = {
    play: '<svg viewBox="0 0 24 24" width="22" height="22"><path d="M7 4l13 8-13 8z" fill="currentColor"/></svg>',
    pause: '<svg viewBox="0 0 24 24" width="22" height="22"><path d="M6 4h4v16H6zM14 4h4v16h-4z" fill="currentColor"/></svg>',
    back: '<svg viewBox="0 0 24 24" width="22" height="22"><path d="M18 4L7 12l11 8z M5 4h2v16H5z" fill="currentColor"/></svg>',
    fwd: '<svg viewBox="0 0 24 24" width="22" height="22"><path d="M6 4l11 8-11 8z M17 4h2v16h-2z" fill="currentColor"/></svg>',
    prevKey: '<svg viewBox="0 0 24 24" width="22" height="22"><path d="M12 4L3 12l9 8zM21 4l-9 8 9 8z" fill="currentColor"/></svg>',
    nextKey: '<svg viewBox="0 0 24 24" width="22" height="22"><path d="M12 4l9 8-9 8zM3 4l9 8-9 8z" fill="currentColor"/></svg>',
    loop: '<svg viewBox="0 0 24 24" width="22" height="22"><path d="M7 7h10v3l4-4-4-4v3H5v6h2zM17 17H7v-3l-4 4 4 4v-3h12v-6h-2z" fill="currentColor"/></svg>'
  };

  Controller.prototype._controls = function () {
    var self = this, root = this.root, lab = this.data.labels;
    if (!root) { return; }
    root.innerHTML =
      '<button type="button" class="cmc-btn" data-act="prevKey" aria-label="' + lab.prev_key + '" title="' + lab.prev_key + '">' + ICONS.prevKey + "</button>" +
      '<button type="button" class="cmc-btn" data-act="back" aria-label="' + lab.step_back + '" title="' + lab.step_back + '">' + ICONS.back + "</button>" +
      '<button type="button" class="cmc-btn cmc-play" data-act="play" aria-pressed="false" aria-label="' + lab.play + '" title="' + lab.play + '">' + ICONS.play + "</button>" +
      '<button type="button" class="cmc-btn" data-act="fwd" aria-label="' + lab.step_fwd + '" title="' + lab.step_fwd + '">' + ICONS.fwd + "</button>" +
      '<button type="button" class="cmc-btn" data-act="nextKey" aria-label="' + lab.next_key + '" title="' + lab.next_key + '">' + ICONS.nextKey + "</button>" +
      '<div class="cmc-slider-wrap"><div class="cmc-readout" aria-hidden="true"></div>' +
      '<div class="cmc-slider" role="slider" tabindex="0" aria-label="' + lab.moment + '" aria-valuemin="0">' +
      '<div class="cmc-track"><div class="cmc-fill"></div></div><div class="cmc-ticks"></div><div class="cmc-handle"></div></div></div>' +
      '<select class="cmc-speed" aria-label="' + lab.speed + '" title="' + lab.speed + '">' +
      '<option value="1">' + lab.speed_1h + '</option><option value="6" selected>' + lab.speed_6h + "</option>" +
      '<option value="24">' + lab.speed_1d + '</option><option value="12" hidden>12 h/s</option></select>' +
      '<button type="button" class="cmc-btn" data-act="loop" aria-pressed="false" aria-label="' + lab.loop + '" title="' + lab.loop + '">' + ICONS.loop + "</button>" +
      '<div class="cmc-live" aria-live="polite"></div>';
    this.slider = root.querySelector(".cmc-slider");
    this.handle = root.querySelector(".cmc-handle");
    this.fill = root.querySelector(".cmc-fill");
    this.readout = root.querySelector(".cmc-readout");
    this.live = root.querySelector(".cmc-live");
    this.playBtn = root.querySelector(".cmc-play");
    this.slider.setAttribute("aria-valuemax", String(Math.round((this.end - this.start) / HOUR)));
    this._ticks();
    root.querySelectorAll("button[data-act]").forEach(function (b) {
      b.addEventListener("click", function () {
        var act = b.getAttribute("data-act");
        if (act === "play") { self.toggle(); }
        else if (act === "back") { self.step(-6); }
        else if (act === "fwd") { self.step(6); }
        else if (act === "prevKey") { self.jumpKey(-1); }
        else if (act === "nextKey") { self.jumpKey(1); }
        else if (act === "loop") { self.loop = !self.loop; b.setAttribute("aria-pressed", String(self.loop)); }
      });
    });
    root.querySelector(".cmc-speed").addEventListener("change", function (e) { self.speed = +e.target.value; });
    var dragging = false;
    var fromX = function (clientX) {
      var r = self.slider.getBoundingClientRect();
      var f = Math.min(1, Math.max(0, (clientX - r.left) / Math.max(1, r.width)));
      return Math.round((self.start + f * (self.end - self.start)) / HOUR) * HOUR;
    };
    this.slider.addEventListener("pointerdown", function (e) {
      dragging = true; self.pause(); self.slider.setPointerCapture(e.pointerId); self.slider.focus();
      self.setTime(fromX(e.clientX), false); e.preventDefault();
    });
    this.slider.addEventListener("pointermove", function (e) {
      if (!dragging) { return; }
      var t = fromX(e.clientX);
      if (t !== self.t) { self.setTime(t, false); }
    });
    var end = function () { if (dragging) { dragging = false; self.commit(true); } };
    this.slider.addEventListener("pointerup", end);
    this.slider.addEventListener("pointercancel", end);
    this.slider.addEventListener("keydown", function (e) {
      var big = e.shiftKey ? 24 : 1;
      if (e.key === "ArrowRight" || e.key === "ArrowUp") { self.step(big); }
      else if (e.key === "ArrowLeft" || e.key === "ArrowDown") { self.step(-big); }
      else if (e.key === "PageUp") { self.step(24); }
      else if (e.key === "PageDown") { self.step(-24); }
      else if (e.key === "Home") { self.pause(); self.setTime(self.start, true); }
      else if (e.key === "End") { self.pause(); self.setTime(self.end, true); }
      else if (e.key === " " || e.key === "Spacebar") { self.toggle(); }
      else { return; }
      e.preventDefault();
    });
    document.addEventListener("keydown", function (e) {
      if (e.target === self.slider || /INPUT|SELECT|TEXTAREA|BUTTON/.test(e.target.tagName)) { return; }
      if (e.key === " ") { self.toggle(); e.preventDefault(); }
    });
  };

  Controller.prototype._ticks = function () {
    var el = this.root.querySelector(".cmc-ticks"), self = this;
    el.innerHTML = "";
    this.keys.forEach(function (k) {
      if (k < self.start || k > self.end) { return; }
      var d = document.createElement("span");
      d.className = "cmc-tick";
      d.style.left = (100 * (k - self.start) / Math.max(1, self.end - self.start)) + "%";
      el.appendChild(d);
    });
  };

  /*
   * Kiosk: with nobody touching, an attract loop plays the crisis through its key moments and loops.
   * Any touch (or key) hands control to the visitor; after `idle` seconds without one a countdown of
   * `countdown` seconds shows, then the kiosk returns to its start (the host resets language and
   * layers through onReset) and the attract loop resumes.
   */
  Controller.prototype.setKiosk = function (cfg) {
    if (this.kiosk || !cfg) { return; }
    var self = this;
    this.kiosk = cfg;
    this.homeView = {center: this.map.getCenter(), zoom: this.map.getZoom()};
    var wake = function () {
      window.__cmcLastTouch = Date.now();
      self._hideCountdown();
      if (self.attract) { self.attract = false; self.pause(); }
    };
    this._wake = wake;
    ["pointerdown", "keydown", "wheel", "touchstart"].forEach(function (ev) {
      document.addEventListener(ev, wake, true);
    });
    this._idleTimer = setInterval(function () { self._idleTick(); }, 250);
    var last = window.__cmcLastTouch || 0;
    if (Date.now() - last > cfg.idle * 1000) { this.startAttract(); }
  };

  Controller.prototype.startAttract = function () {
    var cfg = this.kiosk;
    this.attract = true;
    this.loop = true;
    this.speed = cfg.speed;
    this.opts.holdMs = cfg.hold * 1000;
    var sel = this.root && this.root.querySelector(".cmc-speed");
    if (sel) { sel.value = String(cfg.speed); }
    this.map.closePopup();
    this.map.setView(this.homeView.center, this.homeView.zoom, {animate: false});
    this.setTime(parseIso(cfg.start), false);
    this.play();
    this.container.setAttribute("data-mode", "attract");
  };

  Controller.prototype._idleTick = function () {
    if (this.attract) { return; }
    this.container.setAttribute("data-mode", "visitor");
    var idle = (Date.now() - (window.__cmcLastTouch || 0)) / 1000, cfg = this.kiosk;
    if (idle < cfg.idle) { this._hideCountdown(); return; }
    var left = Math.ceil(cfg.idle + cfg.countdown - idle);
    if (left > 0) { this._showCountdown(left); return; }
    this._hideCountdown();
    if (this.onReset) { this.onReset(); }
    this.startAttract();
  };

  Controller.prototype._showCountdown = function (n) {
    var el = document.getElementById("cmc-countdown");
    if (!el) {
      el = document.createElement("div");
      el.id = "cmc-countdown";
      el.setAttribute("role", "status");
      this.container.appendChild(el);
    }
    el.textContent = this.data.labels.idle_countdown.replace("{n}", String(n));
    el.style.display = "block";
  };

  Controller.prototype._hideCountdown = function () {
    var el = document.getElementById("cmc-countdown");
    if (el) { el.style.display = "none"; }
  };

  Controller.prototype.destroy = function () {
    this.pause();
    clearInterval(this._idleTimer);
    if (this._wake) {
      var wake = this._wake;
      ["pointerdown", "keydown", "wheel", "touchstart"].forEach(function (ev) {
        document.removeEventListener(ev, wake, true);
      });
    }
    this.map.remove();
  };

  window.CMCAtlas = {
    Controller: Controller,
    formatMoment: formatMoment,
    iso: iso,
    parseIso: parseIso,
    inSpans: inSpans,
    moverAt: moverAt,
    current: null,
    /** Build the controller for `map` from `data`; the page's bridge (if any) hears commits. */
    init: function (map, data, opts) {
      var c = new Controller(map, data, opts);
      window.CMCAtlas.current = c;
      if (window.CMCAtlas.onReady) { window.CMCAtlas.onReady(c); }
      return c;
    }
  };
})();
