/*
 * The live map: the timed scene (geoapp/render/leaflet/schema.py) drawn once as Leaflet layers, then
 * each frame only shows, hides and moves them as CMCCore.frameAt says. Styles arrive ready to use
 * (Leaflet options and marker HTML decided in Python) and are picked by reference from the pool.
 * The time bar (timebar.js) and the kiosk (kiosk.js) add their methods to the same Controller.
 */
(function () {
  "use strict";
  var core = window.CMCCore;
  var HOUR = 3600;

  //: px: the least touch target of a marker, and the distance under which markers fan out when one is clicked
  var TARGET = 32;

  function icon(spec, cls) {
    var n = Math.max(spec.icon.size, TARGET);
    return L.divIcon({html: spec.icon.html, className: "cmc-icon " + cls, iconSize: [n, n], iconAnchor: [n / 2, n / 2]});
  }

  // Popups keep clear of the caption box over the map: Leaflet pans an opening popup inside these
  // paddings, which follow the caption's size (the points are shared by every popup and updated in place).
  var POPUP = {maxWidth: 360, autoPanPaddingTopLeft: L.point(10, 10), autoPanPaddingBottomRight: L.point(10, 10)};

  function bind(layer, item, pool) {
    layer.bindPopup(pool[item.popup], POPUP);
    if (item.tooltip) { layer.bindTooltip(item.tooltip, {sticky: true}); }
    return layer;
  }

  /**
   * A point marker that can always be chosen: its element says which feature it is (`data-id`), and a click
   * goes to the spreader (vendored OverlappingMarkerSpiderfier), which opens its popup when it stands alone
   * and fans out the markers within TARGET px of it when it does not, so that each one can be clicked.
   */
  function pickable(marker, id, spread) {
    marker.on("add", function () { marker.getElement().setAttribute("data-id", id); });
    if (spread) {
      marker.off("click", marker._openPopup, marker);  // Leaflet would open the popup of whichever lies on top
      spread.addMarker(marker);
    }
    return marker;
  }

  function show(map, layer, on) {
    var has = map.hasLayer(layer);
    if (on && !has) { layer.addTo(map); } else if (!on && has) { map.removeLayer(layer); }
  }

  function Controller(map, data, opts) {
    var self = this;
    this.map = map;
    this.data = data;
    this.opts = opts || {};
    this.lang = data.lang;
    core.useZones(data.zone_steps);  // the clocks read with Python's offsets
    this.container = map.getContainer();
    this.container.setAttribute("data-lang", data.lang);
    // what the map shows: actual (what was there), known (what Washington knew) or gap (the difference)
    this.container.setAttribute("data-show", data.view || "actual");
    // credits without links: nothing on an exhibit or in an export leads away from the atlas
    if (map.attributionControl) { map.attributionControl.setPrefix("Leaflet · Natural Earth"); }
    this.root = document.getElementById(this.opts.timebarId || "cmc-timebar");
    this.visible = {};
    (data.layers || []).forEach(function (l) { self.visible[l] = true; });
    this.start = data.start; this.end = data.end;
    this.t = data.t0 || data.start;
    this.playing = false; this.speed = 6; this.loop = false; this.holdUntil = 0;
    this.keys = data.keys;
    this.reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    this.frames = 0;
    this.storyBounds = data.story_bounds;
    this.storyMax = 6;
    this._layout();
    if (window.OverlappingMarkerSpiderfier) {
      var ink = getComputedStyle(document.documentElement).getPropertyValue("--cmc-ink").trim() || "#222";
      this.spread = new window.OverlappingMarkerSpiderfier(map, {nearbyDistance: TARGET, circleFootSeparation: TARGET + 4,
        spiralFootSeparation: TARGET + 6, spiralLengthStart: TARGET, legWeight: 2, legColors: {usual: ink, highlighted: ink}});
      this.spread.addListener("click", function (marker) { marker.openPopup(); });
    }
    this._build();
    if (this._initLabels) { this._initLabels(); }
    if (this._controls) { this._controls(); }
    if (this._panel) { this._panel(); }
    if (this._trackView) { this._trackView(); }
    this.draw();
    if (this.settled) { this.settled(); }
  }

  /**
   * The page around the map: the map's parent becomes the grid that places the map, the panel and the
   * time bar for the screen (atlas.css), and the map is told its new size.
   */
  Controller.prototype._layout = function () {
    var host = this.container.parentElement;
    host.classList.add("cmc-app");
    document.documentElement.setAttribute("lang", this.data.lang);
    // a page without a title of its own (the app's map frame) takes the atlas's, in the language of each build
    var root = document.documentElement;
    if (!document.title || root.getAttribute("data-title") === "atlas") {
      document.title = this.data.labels.app_title;
      root.setAttribute("data-title", "atlas");
    }
    // Leaflet's own buttons speak the page's language too
    [["in", "zoom_in"], ["out", "zoom_out"]].forEach(function (b) {
      var a = this.container.querySelector(".leaflet-control-zoom-" + b[0]);
      if (a) { a.title = this.data.labels[b[1]]; a.setAttribute("aria-label", this.data.labels[b[1]]); }
    }, this);
    this.container.setAttribute("role", "region");
    this.container.setAttribute("aria-label", this.data.labels.map_label);
    var legend = document.getElementById("cmc-legend");
    // on a small screen the legend starts closed: open, it would cover much of the map
    if (legend && host.clientWidth < 700) { var d = legend.querySelector("details"); if (d) { d.open = false; } }
    this.map.invalidateSize({animate: false});
    var self = this, caption = document.getElementById("cmc-caption");
    var fit = function () {
      var r = self.container.getBoundingClientRect();
      POPUP.maxWidth = Math.max(200, Math.min(360, r.width - 60));  // a popup fits a phone's map
      POPUP.autoPanPaddingTopLeft.y = Math.max(10, self.clearance().top);
    };
    fit();
    if (window.ResizeObserver) { new ResizeObserver(fit).observe(this.container); if (caption) { new ResizeObserver(fit).observe(caption); } }
    // an open popup is never under the legend: the legend folds while a popup is open
    this.map.on("popupopen", function () {
      var d = legend && legend.querySelector("details");
      if (d && d.open) { d.open = false; self._legendFolded = true; }
    });
    this.map.on("popupclose", function () {
      var d = legend && legend.querySelector("details");
      if (d && self._legendFolded) { d.open = true; self._legendFolded = false; }
    });
  };

  /**
   * How far (px) the boxes over the map reach into it: the caption from the top, and the legend from the
   * right while it is open (and narrower than half the map). Popups and key-moment scenes keep clear of them.
   */
  Controller.prototype.clearance = function () {
    var r = this.container.getBoundingClientRect(), out = {top: 0, right: 0};
    var cap = document.getElementById("cmc-caption"), legend = document.getElementById("cmc-legend");
    if (cap && cap.offsetParent !== null) { out.top = cap.getBoundingClientRect().bottom - r.top + 10; }
    if (legend && legend.querySelector("details[open]")) {
      var l = legend.getBoundingClientRect();
      if (l.width < r.width / 2) { out.right = r.right - l.left + 10; }
    }
    return out;
  };

  /** Every Leaflet layer the scene can show, made once (shown and hidden by draw). */
  Controller.prototype._build = function () {
    var pool = this.data.pool, spread = this.spread;
    this.fixed = this.data.fixed.map(function (f) {
      var ll = pool[f.geometry], sty = pool[f.style], layers = [];
      if (f.kind === "point") {
        if (f.halo !== undefined) { layers.push(L.circle(ll, Object.assign({radius: f.halo_m}, pool[f.halo]))); }
        layers.push(pickable(bind(L.marker(ll, {icon: icon(sty, "cmc-" + f.layer)}), f, pool), f.id, spread));
      } else if (f.kind === "line") {
        layers.push(bind(L.polyline(ll, sty), f, pool));
      } else {
        layers.push(bind(L.polygon(ll, sty), f, pool));
      }
      return {layers: layers, on: false};
    });
    this.movers = this.data.movers.map(function (m) {
      var icons = {};
      return {
        lines: {},  // run index -> polyline, made when first drawn
        popupTimes: (m.popups || []).map(function (p) { return p[0]; }),
        marker: pickable(bind(L.marker(m.ll[0], {icon: icon(pool[m.markers[0]], "cmc-" + m.layer)}), m, pool), m.id, spread),
        markerStyle: m.markers[0],
        icon: function (ref) { return icons[ref] || (icons[ref] = icon(pool[ref], "cmc-" + m.layer)); },
        halo: L.circle(m.ll[0], Object.assign({radius: 1}, pool[m.halo])),
        // the direction of travel: a pointer round the marker, turned to the heading of the stretch it is on
        arrow: L.marker(m.ll[0], {icon: L.divIcon({html: '<div class="cmc-arrow"></div>', className: "cmc-heading",
          iconSize: [34, 34], iconAnchor: [17, 17]}), interactive: false, keyboard: false}),
        on: false
      };
    });
  };

  /** Draw the moment `this.t`: show, hide and move what the timed scene holds. */
  Controller.prototype.draw = function () {
    var ts = this.t, map = this.map, data = this.data, pool = data.pool;
    // markers fanned out for a choice go back before anything moves
    if (this.spread && this._drawnT !== ts) { this.spread.unspiderfy(); }
    this._drawnT = ts;
    var frame = core.frameAt(data, ts, this.visible);
    var onFixed = {};
    frame.fixed.forEach(function (k) { onFixed[k] = true; });
    this.fixed.forEach(function (f, k) {
      var on = !!onFixed[k];
      if (on !== f.on) { f.layers.forEach(function (l) { show(map, l, on); }); f.on = on; }
    });
    var onMovers = {};
    frame.movers.forEach(function (x) { onMovers[x.index] = x.frame; });
    this.movers.forEach(function (mv, k) {
      var fr = onMovers[k], m = data.movers[k];
      if (!fr) {
        if (mv.on) {
          Object.keys(mv.lines).forEach(function (r) { show(map, mv.lines[r], false); });
          show(map, mv.marker, false); show(map, mv.halo, false); show(map, mv.arrow, false);
        }
        mv.on = false; return;
      }
      mv.on = true;
      // the popup of the moment: a ship's names its latest report, never one from after the moment
      var at = core.bisect(mv.popupTimes, ts), ref = at >= 0 ? m.popups[at][1] : m.popup;
      if (mv.popupRef !== ref) {
        mv.popupRef = ref;
        mv.marker.setPopupContent(pool[ref]);
        Object.keys(mv.lines).forEach(function (r) { mv.lines[r].setPopupContent(pool[ref]); });
      }
      var drawn = {};
      fr.runs.forEach(function (r) {
        var pts = m.ll.slice(r.from, r.upto + 1);
        if (r.tail) { pts.push(fr.ll); }
        var line = mv.lines[r.index];
        if (!line) {
          line = mv.lines[r.index] = bind(L.polyline(pts, pool[r.style]), m, pool);
          line.setPopupContent(pool[mv.popupRef]);
          line._cmcStyle = r.style;
        }
        else { line.setLatLngs(pts); }
        if (line._cmcStyle !== r.style) { line.setStyle(pool[r.style]); line._cmcStyle = r.style; }
        show(map, line, true);
        drawn[r.index] = true;
      });
      Object.keys(mv.lines).forEach(function (r) { if (!drawn[r]) { show(map, mv.lines[r], false); } });
      show(map, mv.marker, fr.marker !== null);
      if (fr.marker !== null) {
        mv.marker.setLatLng(fr.ll);
        if (mv.markerStyle !== fr.marker) { mv.marker.setIcon(mv.icon(fr.marker)); mv.markerStyle = fr.marker; }
      }
      show(map, mv.arrow, fr.heading !== null);
      if (fr.heading !== null) {
        mv.arrow.setLatLng(fr.ll);
        var el = mv.arrow.getElement();
        if (el) { el.firstChild.style.transform = "rotate(" + Math.round(fr.heading) + "deg)"; }
      }
      show(map, mv.halo, fr.halo > 0);
      if (fr.halo > 0) { mv.halo.setLatLng(fr.ll); mv.halo.setRadius(fr.halo * 1000); }
    });
    this.frames++;
    this.lastFrame = frame;
    if (this._layoutLabels) { this._layoutLabels(); }
    this._updateClock();
    if (this._drawPanels) { this._drawPanels(); }
    this.container.setAttribute("data-time", core.iso(ts));
    this.container.setAttribute("data-features", String(frame.fixed.length + frame.movers.length));
    this.container.setAttribute("data-frame", String(this.frames));
  };

  Controller.prototype._updateClock = function () {
    var ts = this.t, lang = this.lang;
    var when = core.formatMoment(ts, lang), gmt = core.formatMoment(ts, lang, "UTC");
    var ev = core.captionAt(this.data, ts);
    var el = document.getElementById("cmc-caption");
    if (el) {
      el.querySelector(".when").textContent = when;
      el.querySelector(".gmt").textContent = gmt;
      el.querySelector(".cap").textContent = ev ? ev.title : "";
      el.setAttribute("data-time", core.iso(ts));
    }
    if (this.slider) {
      var frac = (ts - this.start) / Math.max(1, this.end - this.start);
      this.handle.style.left = (100 * Math.min(1, Math.max(0, frac))) + "%";
      this.fill.style.width = (100 * Math.min(1, Math.max(0, frac))) + "%";
      this.slider.setAttribute("aria-valuenow", String(Math.round((ts - this.start) / HOUR)));
      this.slider.setAttribute("aria-valuetext", when + " (" + gmt + ")");
      this.readout.textContent = when;
    }
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
    var send = function () {
      if (self.announce) { self.announce(); }
      if (self.onCommit) { self.onCommit(core.iso(self.t)); }
    };
    if (now) { send(); } else { this._commitTimer = setTimeout(send, 80); }
  };

  Controller.prototype.setLayers = function (ids) {
    var self = this;
    this.visible = {};
    ids.forEach(function (l) { self.visible[l] = true; });
    var layers = this.data.layers || [];
    document.querySelectorAll("#cmc-legend [data-layer]").forEach(function (el) {
      var l = el.getAttribute("data-layer");
      if (layers.indexOf(l) < 0) { return; }  // a section that is no layer (the view's) stays
      el.style.display = self.visible[l] ? "" : "none";
    });
    this.draw();
    if (this._describe) { this._describe(); }
  };

  /** Take the map down (it is being rebuilt): nothing it does from now on commits a moment. */
  Controller.prototype.destroy = function () {
    this.onCommit = null; this.onReset = null; this.onView = null;
    if (this.chart) { this.chart.destroy(); this.chart = null; }
    clearTimeout(this._focusTimer);
    if (this.pause) { this.pause(); }
    clearTimeout(this._commitTimer);
    if (this._stopKiosk) { this._stopKiosk(); }
    if (this._unwatchTickLabels) { this._unwatchTickLabels(); }
    this.map.remove();
  };

  window.CMCAtlas = {
    Controller: Controller,
    HOUR: HOUR,
    formatMoment: core.formatMoment,
    iso: core.iso,
    parseIso: core.parseIso,
    current: null,
    /** Build the controller for `map` from `data`; the page's bridge (if any) hears commits. */
    init: function (map, data, opts) {
      var c = new Controller(map, data, opts);
      window.CMCAtlas.current = c;
      return c;
    }
  };
})();
