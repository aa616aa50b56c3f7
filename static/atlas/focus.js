/*
 * Key moments as scenes: when playback, the attract loop or a jump reaches a key moment, the map moves
 * to the area written with that event in the data (`focus.bbox`), marks the features it is about
 * (`focus.features`) and, once the moment has been held, returns to the view it left, unless the
 * visitor moved the map meanwhile. Dragging the time bar never moves the map. The map container carries
 * its view in `data-view` (west,south,east,north) and the ids it marks in `data-focus`. Python chose the
 * area and the features; this file only moves and draws. Adds its methods to CMCAtlas.Controller.
 */
(function () {
  "use strict";
  var Controller = window.CMCAtlas.Controller;

  function round(v) { return Math.round(v * 1000) / 1000; }

  /** Keep `data-view` on the map container up to date (called once, from the controller). */
  Controller.prototype._trackView = function () {
    var self = this;
    var write = function () {
      var b = self.map.getBounds();
      // longitudes in [-180, 180): a view across the antimeridian has west > east, as in the data's boxes
      var lon = function (x) { return ((x + 540) % 360) - 180; };
      var w = b.getEast() - b.getWest() >= 360 ? -180 : lon(b.getWest()), e = b.getEast() - b.getWest() >= 360 ? 180 : lon(b.getEast());
      self.container.setAttribute("data-view", [w, b.getSouth(), e, b.getNorth()].map(round).join(","));
    };
    this.map.on("moveend", write);
    // a visitor's own pan or zoom during a scene cancels the way back
    this.map.on("dragstart zoomstart", function () { if (!self._focusMoving) { self._focusHome = null; } });
    write();
  };

  /** The focus of the key moment at `ts` (exactly), or null. */
  Controller.prototype._focusAt = function (ts) {
    var data = this.data, i = data.keys.indexOf(ts);
    if (i < 0) { return null; }
    var ev = data.events[data.key_events[i]];
    return ev && ev.focus ? ev.focus : null;
  };

  /**
   * Move to the key moment's area and mark what it is about; after `holdMs` the marks go and the map returns
   * to the view it left (if not moved by hand), unless `stay` (a page that opens on the scene has no view to
   * return to).
   */
  Controller.prototype.focusKey = function (ts, holdMs, stay) {
    var f = this._focusAt(ts), self = this, map = this.map;
    if (!f) { return; }
    this._clearMarks();
    var w = f.bbox[0], s = f.bbox[1], e = f.bbox[2], n = f.bbox[3];
    if (e < w) { w -= 360; }  // across the antimeridian: drawn on the side of the Americas, as the map is
    // the view to come back to: the one the map is on its way back to, if a scene has just ended
    if (stay) { this._focusHome = null; }
    else if (!this._focusHome) { this._focusHome = this._homeTarget || {center: map.getCenter(), zoom: map.getZoom()}; }
    var clear = this.clearance();  // the caption and the open legend
    this._programmatic(function () {
      map.fitBounds([[s, w], [n, e]], {animate: !self.reducedMotion, paddingTopLeft: [30, Math.max(30, clear.top)],
        paddingBottomRight: [Math.max(30, clear.right), 30], maxZoom: 9});
    });
    this._mark(f.features);
    this.container.setAttribute("data-focus", f.features.join(","));
    clearTimeout(this._focusTimer);
    this._focusTimer = setTimeout(function () { self.unfocus(); }, holdMs || 4000);
  };

  /** Leave the scene: marks off, and back to the view it left (unless the visitor moved the map). */
  Controller.prototype.unfocus = function () {
    clearTimeout(this._focusTimer);
    this._clearMarks();
    this.container.setAttribute("data-focus", "");
    var home = this._focusHome;
    this._focusHome = null;
    if (home) {
      var self = this;
      this._homeTarget = home;
      this._programmatic(function () { self.map.setView(home.center, home.zoom, {animate: !self.reducedMotion}); },
        function () { self._homeTarget = null; });
    }
  };

  /**
   * Run a move of the map's own (not the visitor's): its zoom and pan events, up to its moveend, are ours.
   * A move asked while Leaflet still animates a zoom waits for its end: Leaflet would drop it.
   */
  Controller.prototype._programmatic = function (move, done) {
    var self = this, map = this.map;
    var go = function () {
      self._focusMoving = true;
      map.once("moveend", function () { self._focusMoving = false; if (done) { done(); } });
      move();
    };
    if (map._animatingZoom) { map.once("zoomend", go); } else { go(); }
  };

  /** A ring round each point or moving thing the scene is about, and its lines drawn heavier. */
  Controller.prototype._mark = function (ids) {
    var want = {}, map = this.map, data = this.data, self = this, pool = data.pool;
    ids.forEach(function (id) { want[id] = true; });
    this._marks = [];
    var ring = function (ll) {
      var m = L.circleMarker(ll, {radius: 19, color: "currentColor", weight: 3, fill: false, interactive: false,
        className: "cmc-mark"});
      m.addTo(map);
      self._marks.push(m);
    };
    data.fixed.forEach(function (f, k) {
      if (!want[f.id] || !self.fixed[k].on) { return; }
      if (f.kind === "point") { ring(pool[f.geometry]); }
      else {
        self.fixed[k].layers.forEach(function (l) {
          if (l.setStyle) {
            var weight = (l.options.weight || 2);
            l.setStyle({weight: weight + 4});
            self._marks.push({restore: function () { l.setStyle({weight: weight}); }});
          }
        });
      }
    });
    (this.lastFrame ? this.lastFrame.movers : []).forEach(function (x) {
      if (want[data.movers[x.index].id]) { ring(x.frame.ll); }
    });
  };

  Controller.prototype._clearMarks = function () {
    var map = this.map;
    (this._marks || []).forEach(function (m) { if (m.restore) { m.restore(); } else { map.removeLayer(m); } });
    this._marks = [];
  };
})();
