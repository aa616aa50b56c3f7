/*
 * Names on the map: the countries, seas and cities Python listed (`place_labels`, each from its zoom), and
 * the name beside each ship, aircraft and site of the moment (`name`, from `name_zoom`), placed without
 * overlap by CMCPlacement. They are drawn in a pane under the markers and never take a click. Laid out
 * again with each frame (names follow the ships), when the map stops moving, and after a zoom (hidden
 * while it animates). Adds its methods to CMCAtlas.Controller.
 */
(function () {
  "use strict";
  var Controller = window.CMCAtlas.Controller;
  var placement = window.CMCPlacement;

  /** Make the pane and the measuring pen; called once, after the layers are built. */
  Controller.prototype._initLabels = function () {
    var self = this, map = this.map;
    this.labelPane = map.createPane("cmc-labels");
    this.labelPane.setAttribute("aria-hidden", "true");  // the names repeat what the popups and panel say
    this._labelEls = {};
    this._labelSide = {};
    this._labelWidth = {};
    this._pen = document.createElement("canvas").getContext("2d");
    map.on("zoomstart", function () { self.labelPane.style.visibility = "hidden"; });
    map.on("zoomend moveend resize", function () { self.labelPane.style.visibility = ""; self._layoutLabels(); });
  };

  /** The font of a kind of name, read once from the style sheet (the kiosk's names are larger). */
  Controller.prototype._labelFont = function (kind) {
    var fonts = this._fonts || (this._fonts = {});
    if (!fonts[kind]) {
      var probe = this._labelEl("probe-" + kind, kind, "M");
      var cs = getComputedStyle(probe);
      fonts[kind] = {font: cs.fontStyle + " " + cs.fontWeight + " " + cs.fontSize + " " + cs.fontFamily,
        h: Math.ceil(parseFloat(cs.fontSize) * 1.3) + 2};
      probe.style.display = "none";
    }
    return fonts[kind];
  };

  Controller.prototype._labelEl = function (key, kind, text) {
    var el = this._labelEls[key];
    if (!el) {
      el = this._labelEls[key] = document.createElement("div");
      el.className = "cmc-label cmc-label-" + kind;
      el.textContent = text;
      el.setAttribute("data-label", key);
      this.labelPane.appendChild(el);
    }
    return el;
  };

  Controller.prototype._measure = function (kind, text) {
    var key = kind + "|" + text, w = this._labelWidth[key];
    if (w === undefined) {
      var f = this._labelFont(kind);
      this._pen.font = f.font;
      w = this._labelWidth[key] = Math.ceil(this._pen.measureText(text).width) + 6;  // + the halo's padding
    }
    return w;
  };

  /** Put a name at (x, y) in the pane, touching its style only when it moves (most names stay put each frame). */
  function moveTo(el, x, y) {
    var t = "translate(" + Math.round(x) + "px," + Math.round(y) + "px)";
    if (el._cmcAt !== t) { el.style.transform = t; el._cmcAt = t; }
  }

  /** Place every name the view and zoom call for, and hide the others. */
  Controller.prototype._layoutLabels = function () {
    if (!this.labelPane) { return; }
    var map = this.map, data = this.data, pool = data.pool, zoom = map.getZoom(), size = map.getSize(), self = this;
    var items = [], keys = [], obstacles = [];
    var point = function (ll) { return map.latLngToContainerPoint(ll); };
    var add = function (key, kind, text, ll, centre, r, skip) {
      var p = point(ll), f = self._labelFont(kind);
      if (p.x < -200 || p.y < -50 || p.x > size.x + 200 || p.y > size.y + 50) { return; }
      items.push({x: p.x, y: p.y, w: self._measure(kind, text), h: f.h, r: r, centre: centre,
        side: self._labelSide[key], skip: skip});
      keys.push({key: key, kind: kind, text: text});
    };
    // the markers a name must keep clear of, and the names beside them
    var named = [];
    this.fixed.forEach(function (f, k) {
      var d = data.fixed[k];
      if (!f.on || d.kind !== "point") { return; }
      var ll = pool[d.geometry], s = pool[d.style].icon.size, p = point(ll);
      obstacles.push({x: p.x - s / 2, y: p.y - s / 2, w: s, h: s});
      if (d.name && d.name_zoom <= zoom) { named.push({key: "f" + k, text: d.name, ll: ll, r: s / 2, skip: obstacles.length - 1}); }
    });
    (this.lastFrame ? this.lastFrame.movers : []).forEach(function (x) {
      var m = data.movers[x.index];
      if (x.frame.marker === null) { return; }
      var s = pool[x.frame.marker].icon.size, p = point(x.frame.ll);
      obstacles.push({x: p.x - s / 2, y: p.y - s / 2, w: s, h: s});
      if (m.name && m.name_zoom <= zoom) { named.push({key: "m" + x.index, text: m.name, ll: x.frame.ll, r: s / 2, skip: obstacles.length - 1}); }
    });
    // countries and seas first (they lie under everything), then cities, then the names of the moment
    (data.place_labels || []).forEach(function (pl, i) {
      if (pl.zoom <= zoom && pl.kind !== "city") { add("p" + i, pl.kind, pl.text, pl.ll, true, 0); }
    });
    (data.place_labels || []).forEach(function (pl, i) {
      if (pl.zoom <= zoom && pl.kind === "city") { add("p" + i, "city", pl.text, pl.ll, false, 3); }
    });
    named.forEach(function (n) { add(n.key, "name", n.text, n.ll, false, n.r, n.skip); });
    var spots = placement.place(items, obstacles, size.x, size.y);
    var shown = {};
    spots.forEach(function (spot, i) {
      var k = keys[i];
      if (!spot) { return; }
      shown[k.key] = true;
      self._labelSide[k.key] = spot.side;
      var at = map.containerPointToLayerPoint([spot.x, spot.y]);
      moveTo(self._labelEl(k.key, k.kind, k.text), at.x, at.y);
      if (k.kind === "city") {
        var anchor = map.containerPointToLayerPoint([items[i].x, items[i].y]);
        moveTo(self._labelEl(k.key + "-dot", "dot", ""), anchor.x - 3, anchor.y - 3);
        shown[k.key + "-dot"] = true;
      }
    });
    Object.keys(this._labelEls).forEach(function (key) {
      var el = self._labelEls[key], on = !!shown[key];
      if (key.indexOf("probe-") === 0) { return; }
      if ((el.style.display !== "none") !== on) { el.style.display = on ? "" : "none"; }
    });
    var count = String(Object.keys(shown).filter(function (k) { return k.slice(-4) !== "-dot"; }).length);
    if (this.container.getAttribute("data-labels") !== count) { this.container.setAttribute("data-labels", count); }
  };
})();
